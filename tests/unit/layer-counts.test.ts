/**
 * The library's tag counts and tag filters follow a coder layer (issue 16),
 * on a real SQLite workspace: an article with one passage of the analyst's
 * own, one of a colleague's and one of the consensus counts 1 in each.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSENSUS_LAYER, coderLayer } from '../../shared/agreement/layers';
import { setLayer } from '../../main/db/layers';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const TEXT = 'Washington warned of tariffs on Monday.\n\nNew Delhi said talks would go on. Both sides met.';
const PRIYA = coderLayer('Priya');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let codes: { id: number; key: string }[];

beforeEach(async () => {
  w = openTestWorkspace();
  await w.ok('export:analyst', { name: 'Asha' });
  rel = (await w.ok('relationships:list', {}))[0]!;
  codes = await w.ok('codebook:list', {});
});
afterEach(() => w.close());

const codeId = (key: string) => codes.find((c) => c.key === key)!.id;
async function article(title: string, publishedOn: string): Promise<number> {
  return (await w.ok('articles:create', { title, publishedOn, relationshipId: rel.id, text: `${TEXT} (${title})` })).id;
}
async function tag(articleId: number, phrase: string, code: string, layer?: string): Promise<number> {
  const start = TEXT.indexOf(phrase);
  const a = await w.ok('annotations:create', {
    articleId,
    start,
    end: start + phrase.length,
    codeId: codeId(code),
    sourceActorId: rel.actorA.id,
    targetActorId: rel.actorB.id,
  });
  if (layer) setLayer(w.ctx.workspace.db, a.id, layer, false);
  return a.id;
}
const counts = async (input: object) =>
  Object.fromEntries(
    (await w.ok('articles:list', { sort: 'title', ...input })).items.map((a: { title: string; annotationCount: number }) => [
      a.title,
      a.annotationCount,
    ]),
  );

describe('library tag counts per coder layer', () => {
  it('counts each layer apart, filters on the layer, and sorts by its count', async () => {
    const one = await article('One', '2026-06-01');
    const two = await article('Two', '2026-06-02');
    await tag(one, 'Washington warned of tariffs', 'THREAT');
    await tag(one, 'New Delhi said talks would go on', 'OVERTURE', PRIYA);
    await tag(one, 'Both sides met', 'CONCESSION', CONSENSUS_LAYER);
    await tag(two, 'Washington warned', 'OVERTURE', PRIYA);
    await tag(two, 'Both sides met', 'OVERTURE', PRIYA);

    expect(await counts({})).toEqual({ One: 1, Two: 0 });
    expect(await counts({ layer: 'own' })).toEqual({ One: 1, Two: 0 });
    expect(await counts({ layer: PRIYA })).toEqual({ One: 1, Two: 2 });
    expect(await counts({ layer: CONSENSUS_LAYER })).toEqual({ One: 1, Two: 0 });
    // A code filter asks the layer shown: Priya's overtures are in both articles, the analyst's in none.
    expect(await counts({ codeId: codeId('OVERTURE') })).toEqual({});
    expect(await counts({ codeId: codeId('OVERTURE'), layer: PRIYA })).toEqual({ One: 1, Two: 2 });
    const byTags = await w.ok('articles:list', { sort: 'tags-desc', layer: PRIYA });
    expect(byTags.items.map((a: { title: string }) => a.title)).toEqual(['Two', 'One']);
    const bad = await w.call('articles:list', { layer: 'nobody' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('keeps the own count right through moves between layers, deletes and undo', async () => {
    const one = await article('One', '2026-06-01');
    const id = await tag(one, 'Washington warned of tariffs', 'THREAT');
    expect(await counts({})).toEqual({ One: 1 });
    setLayer(w.ctx.workspace.db, id, PRIYA, false);
    expect(await counts({})).toEqual({ One: 0 });
    setLayer(w.ctx.workspace.db, id, 'own', true);
    expect(await counts({})).toEqual({ One: 1 });
    const theirs = await tag(one, 'Both sides met', 'OVERTURE', PRIYA);
    await w.ok('annotations:delete', { id: theirs });
    expect(await counts({})).toEqual({ One: 1 });
    await w.ok('annotations:delete', { id });
    expect(await counts({})).toEqual({ One: 0 });
    await w.ok('history:undo', {});
    expect(await counts({})).toEqual({ One: 1 });
  });
});
