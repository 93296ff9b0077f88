import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, rowCounts, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
const TEXT =
  'Officials in Washington threatened to suspend the trade talks unless New Delhi cut its purchases of crude.\n\n' +
  'Indian negotiators replied that they were ready to lower duties on farm goods. Both sides will meet again next month.';
const THREAT = 'threatened to suspend the trade talks';
const OFFER = 'ready to lower duties on farm goods';

let w: TestWorkspace;
let articleId: number;
let threatId: number;
let rel: { actorA: { id: number }; actorB: { id: number } };

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!;
  threatId = (await w.ok('codebook:list', {})).find((c: { key: string }) => c.key === 'THREAT')!.id;
  articleId = (await w.ok('articles:create', { title: 'Talks', publishedOn: '2026-06-01', text: TEXT })).id;
});
afterEach(() => w.close());

async function tagPhrase(phrase: string) {
  const start = TEXT.indexOf(phrase);
  return w.ok('annotations:create', {
    articleId,
    start,
    end: start + phrase.length,
    codeId: threatId,
    sourceActorId: rel.actorA.id,
    targetActorId: rel.actorB.id,
  });
}
const list = async () =>
  (await w.ok('annotations:list', { articleId })) as { id: number; start: number; end: number; exact: string; orphaned: boolean }[];
const textAt = (text: string, a: { start: number; end: number }) => text.slice(a.start, a.end);

describe('articles:update-text', () => {
  it('re-anchors every annotation after edits before, inside and after the passages', async () => {
    await tagPhrase(THREAT);
    await tagPhrase(OFFER);
    const edited = TEXT.replace('Officials in Washington', 'Senior officials in Washington')
      .replace('lower duties on farm goods', 'lower dutties on farm goods')
      .replace('next month', 'in July');
    const r = await w.ok('articles:update-text', { id: articleId, text: edited });
    expect(r).toMatchObject({ unchanged: false, orphaned: 0, fuzzy: 1 });
    expect(r.position + r.exact).toBe(1);
    const after = await list();
    expect(after).toHaveLength(2);
    expect(after.map((a) => textAt(edited, a))).toEqual([THREAT, 'ready to lower dutties on farm goods']);
    expect(after.every((a) => !a.orphaned)).toBe(true);
    expect(after[1]!.exact).toBe('ready to lower dutties on farm goods'); // the quote follows the corrected text
  });

  it('keeps a tag whose passage was deleted as an orphan with its quote, and it can be placed again by hand', async () => {
    const a = await tagPhrase(OFFER);
    const edited = TEXT.replace(' that they were ready to lower duties on farm goods', '');
    const r = await w.ok('articles:update-text', { id: articleId, text: edited });
    expect(r.orphaned).toBe(1);
    const [orphan] = await list();
    expect(orphan).toMatchObject({ id: a.id, orphaned: true, exact: OFFER });
    const info = await w.ok('workspace:info', {});
    expect(info.annotationCount).toBe(1); // nothing dropped

    const start = edited.indexOf('Both sides will meet');
    const placed = await w.ok('annotations:update', { id: a.id, start, end: start + 20, exact: 'Both sides will meet' });
    expect(placed).toMatchObject({ orphaned: false, exact: 'Both sides will meet', start });
  });

  it('is undone in one step: text and anchors come back', async () => {
    await tagPhrase(OFFER);
    const before = await list();
    await w.ok('articles:update-text', { id: articleId, text: TEXT.replace(' that they were ready to lower duties on farm goods', '') });
    expect((await list())[0]!.orphaned).toBe(true);
    const step = await w.ok('history:undo', {});
    expect(step.label).toBe('Edit the text of “Talks”');
    expect((await w.ok('articles:get', { id: articleId })).text).toBe(TEXT);
    expect(await list()).toEqual(before);
    await w.ok('history:redo', {});
    expect((await list())[0]!.orphaned).toBe(true);
  });

  it('refuses an empty text or a stale edit and writes nothing', async () => {
    await tagPhrase(THREAT);
    const counts = rowCounts(w.ctx);
    const empty = await w.call('articles:update-text', { id: articleId, text: '  \n ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const stale = await w.call('articles:update-text', { id: articleId, text: 'x', expectedHash: 'not-the-hash' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(rowCounts(w.ctx)).toEqual(counts);
    expect((await w.ok('articles:get', { id: articleId })).text).toBe(TEXT);
  });

  it('says when nothing changed', async () => {
    const r = await w.ok('articles:update-text', { id: articleId, text: TEXT });
    expect(r.unchanged).toBe(true);
    expect((await w.ok('history:state', {})).nextUndo).toBe('Add article “Talks”'); // nothing recorded over the article's creation
  });
});
