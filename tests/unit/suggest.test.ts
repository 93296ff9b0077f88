import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorkspace } from '../../main/services/workspace';
import { createDispatch } from '../../main/api/dispatch';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
// Written for this test: one sentence per behaviour.
const TEXT = [
  'Washington threatened to impose new tariffs on India if the duties stayed.', // threat, USA -> IND
  'India offered to hold trade talks with the United States next month.', // overture, IND -> USA
  'The United States would not help India build the reactors, officials said.', // negated: nothing
  'India was warned by China not to host the exiled leader.', // passive: CHN -> IND
  '"We will lift the restrictions on Indian mangoes," the American secretary told India.', // quotation: USA -> IND, concession
  'In 1998 the United States imposed sanctions on India after the tests.', // past, and not one of the codes
  'Japan threatened India with duties on its steel.', // Japan: not a workspace actor
].join(' ');

let w: TestWorkspace;
let codes: { id: number; key: string; parentId: number | null }[];
let actors: { id: number; code: string }[];
let articleId: number;

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  codes = await w.ok('codebook:list', {});
  actors = await w.ok('actors:list', {});
  const rel = (await w.ok('relationships:list', {}))[0]!;
  articleId = (await w.ok('articles:create', { title: 'Dispatch', publishedOn: '2026-06-01', relationshipId: rel.id, text: TEXT })).id;
});
afterEach(() => w.close());

const actor = (code: string) => actors.find((a) => a.code === code)!.id;
const top = (codeId: number) => {
  let c = codes.find((x) => x.id === codeId)!;
  while (c.parentId !== null) c = codes.find((x) => x.id === c.parentId)!;
  return c.key;
};
type S = {
  start: number;
  end: number;
  exact: string;
  codeId: number;
  sourceActorId: number | null;
  targetActorId: number | null;
  newActor: { code: string } | null;
};
const list = (): Promise<S[]> => w.ok('suggestions:list', { articleId });
const find = (all: S[], word: string) => all.find((s) => s.exact.includes(word));

describe('suggestions for an article', () => {
  it('proposes codes and directions from the CAMEO lexicon, and nothing for negated or past events', async () => {
    const all = await list();
    const threat = find(all, 'Washington threatened')!;
    expect(top(threat.codeId)).toBe('THREAT');
    expect([threat.sourceActorId, threat.targetActorId]).toEqual([actor('USA'), actor('IND')]);
    const overture = find(all, 'India offered')!;
    expect(top(overture.codeId)).toBe('OVERTURE');
    expect([overture.sourceActorId, overture.targetActorId]).toEqual([actor('IND'), actor('USA')]);
    expect(find(all, 'would not help')).toBeUndefined();
    expect(find(all, 'In 1998')).toBeUndefined();
  });

  it('reads the passive voice and the speaker of a quotation for the direction', async () => {
    const all = await list();
    const passive = find(all, 'was warned by China')!;
    expect([passive.sourceActorId, passive.targetActorId]).toEqual([actor('CHN'), actor('IND')]);
    const quote = find(all, 'mangoes')!;
    expect(top(quote.codeId)).toBe('CONCESSION');
    expect([quote.sourceActorId, quote.targetActorId]).toEqual([actor('USA'), actor('IND')]);
  });

  it('proposes a new actor when the dictionary names a country the workspace lacks', async () => {
    const japan = find(await list(), 'Japan threatened')!;
    expect(japan.sourceActorId).toBeNull();
    expect(japan.newActor).toMatchObject({ code: 'JPN' });
    expect(japan.targetActorId).toBe(actor('IND'));
  });

  it('counts in no score until accepted; accepting makes an ordinary tag marked in history as from a suggestion', async () => {
    const rel = (await w.ok('relationships:list', {}))[0]!;
    const score = () => w.ok('score:series', { relationshipId: rel.id, fromDate: '2026-05-01', toDate: '2026-06-15' });
    const before = JSON.stringify(await score());
    const s = find(await list(), 'Washington threatened')!;
    expect(JSON.stringify(await score())).toBe(before);
    const tag = await w.ok('suggestions:accept', {
      articleId,
      start: s.start,
      end: s.end,
      exact: s.exact,
      codeId: s.codeId,
      sourceActorId: s.sourceActorId!,
      targetActorId: s.targetActorId!,
    });
    expect(await w.ok('annotations:list', { articleId })).toHaveLength(1);
    expect(tag.codeId).toBe(s.codeId);
    expect(JSON.stringify(await score())).not.toBe(before);
    expect((await w.ok('history:state', {})).nextUndo).toMatch(/^Accept suggestion: tag “Washington threatened/);
    // A tagged sentence is no longer suggested.
    expect(find(await list(), 'Washington threatened')).toBeUndefined();
  });

  it('accepts with another code and a swapped direction', async () => {
    const s = find(await list(), 'India offered')!;
    const concession = codes.find((c) => c.key === 'CONCESSION')!.id;
    const tag = await w.ok('suggestions:accept', {
      articleId,
      start: s.start,
      end: s.end,
      codeId: concession,
      sourceActorId: s.targetActorId!,
      targetActorId: s.sourceActorId!,
    });
    expect(tag).toMatchObject({ codeId: concession, sourceActorId: actor('USA'), targetActorId: actor('IND') });
  });

  it('remembers a rejection across a restart and can undo it', async () => {
    const s = find(await list(), 'Washington threatened')!;
    await w.ok('suggestions:reject', {
      articleId,
      start: s.start,
      end: s.end,
      codeId: s.codeId,
      sourceActorId: s.sourceActorId!,
      targetActorId: s.targetActorId!,
    });
    expect(find(await list(), 'Washington threatened')).toBeUndefined();
    w.ctx.workspace.close();
    const ctx = startWorkspace(w.file, { sampleFile: null, now: () => NOW });
    const dispatch = createDispatch(ctx, () => {});
    const again = (await dispatch('suggestions:list', { articleId })) as { ok: true; value: S[] };
    expect(find(again.value, 'Washington threatened')).toBeUndefined();
    expect(find(again.value, 'India offered')).toBeDefined();
    const undo = await dispatch('history:undo', {});
    expect(undo.ok).toBe(true);
    const back = (await dispatch('suggestions:list', { articleId })) as { ok: true; value: S[] };
    expect(find(back.value, 'Washington threatened')).toBeDefined();
    w.ctx = ctx;
  });

  it('refuses a rejection outside the text, writing nothing', async () => {
    const r = await w.call('suggestions:reject', {
      articleId,
      start: 0,
      end: TEXT.length + 5,
      codeId: codes[0]!.id,
      sourceActorId: null,
      targetActorId: null,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(w.ctx.workspace.db.prepare('SELECT count(*) AS n FROM suggestion_rejections').get()).toEqual({ n: 0 });
  });

  it('does not suggest a code below the threshold the analyst set for it', async () => {
    const threat = codes.find((c) => c.key === 'THREAT')!.id;
    expect(find(await list(), 'Washington threatened')).toBeDefined();
    await w.ok('suggestions:set-threshold', { codeId: threat, threshold: 0.99 });
    const all = await list();
    expect(all.some((s) => top(s.codeId) === 'THREAT')).toBe(false);
    expect(find(all, 'India offered')).toBeDefined();
  });

  it('measures itself on held-out articles once tags exist, per top-level code', async () => {
    const q0 = await w.ok('suggestions:quality', {});
    expect(q0.codes.map((c: { codeId: number }) => top(c.codeId)).sort()).toEqual(['CONCESSION', 'OVERTURE', 'THREAT']);
    // Five articles, one held out (id % 5 === 0), each with a tagged threat sentence.
    for (let i = 0; i < 5; i++) {
      const a = await w.ok('articles:create', {
        title: `T${i}`,
        publishedOn: '2026-06-01',
        text: `Beijing threatened Washington with tariffs number ${i}. The weather was fine.`,
      });
      const end = a.id ? `Beijing threatened Washington with tariffs number ${i}.`.length : 0;
      await w.ok('suggestions:accept', {
        articleId: a.id,
        start: 0,
        end,
        codeId: codes.find((c) => c.key === 'THREAT')!.id,
        sourceActorId: actor('CHN'),
        targetActorId: actor('USA'),
      });
    }
    const q = await w.ok('suggestions:quality', {});
    expect(q.trainedOn).toBeGreaterThan(0);
    const threat = q.codes.find((c: { codeId: number }) => top(c.codeId) === 'THREAT')!;
    expect(threat.support).toBeGreaterThan(0);
    expect(threat.recall).not.toBeNull();
  });
});
