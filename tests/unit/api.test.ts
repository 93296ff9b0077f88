import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES } from '../../shared/api/contract';
import { openTestWorkspace, rowCounts, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let threatId: number;
let articleId: number;
const TEXT = 'Washington warned of tariffs on Monday.\n\nNew Delhi said talks would go on.';

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!;
  threatId = (await w.ok('codebook:list', {})).find((c: { key: string }) => c.key === 'THREAT')!.id;
  articleId = (await w.ok('articles:create', { title: 'T', publishedOn: '2026-06-01', relationshipId: rel.id, text: TEXT })).id;
});
afterEach(() => w.close());

/** Sends a request that must be refused with `code`, and checks that nothing was written. */
async function expectRefused(op: string, input: unknown, code: string, message?: RegExp) {
  const before = rowCounts(w.ctx);
  const r = await w.call(op, input);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    if (message) expect(r.error.message).toMatch(message);
  }
  expect(rowCounts(w.ctx)).toEqual(before);
}

const tag = (over: Record<string, unknown> = {}) => ({
  articleId,
  start: 0,
  end: 10,
  codeId: threatId,
  sourceActorId: rel.actorA.id,
  targetActorId: rel.actorB.id,
  ...over,
});

describe('the contract', () => {
  it('declares an input and an output schema for every operation', () => {
    expect(OPERATION_NAMES.length).toBeGreaterThan(10);
    for (const op of OPERATION_NAMES) {
      expect(typeof contract[op].input.safeParse).toBe('function');
      expect(typeof contract[op].output.safeParse).toBe('function');
    }
  });

  it('names every operation noun:verb in kebab-case, one style throughout', () => {
    const offStyle = OPERATION_NAMES.filter((op) => !/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/.test(op));
    expect(offStyle).toEqual([]);
  });

  it('refuses an unknown operation', async () => {
    await expectRefused('articles:drop', {}, 'UNKNOWN_OPERATION');
    await expectRefused('__proto__', {}, 'UNKNOWN_OPERATION');
  });

  it('refuses malformed input with the field named', async () => {
    await expectRefused('articles:create', { title: 'x' }, 'BAD_INPUT', /publishedOn/);
    await expectRefused('articles:create', { title: 'x', publishedOn: '2026-02-30', text: 'a' }, 'BAD_INPUT', /calendar date/);
    await expectRefused('articles:create', { title: 'x', publishedOn: '2026-01-01', text: 'a', extra: 1 }, 'BAD_INPUT');
    await expectRefused('annotations:create', { ...tag(), start: -1 }, 'BAD_INPUT', /start/);
    await expectRefused('annotations:create', { ...tag(), confidence: 1.5 }, 'BAD_INPUT', /confidence/);
    await expectRefused('articles:get', 'not an object', 'BAD_INPUT');
    await expectRefused('articles:get', { id: '1' }, 'BAD_INPUT');
  });
});

describe('bad input leaves the workspace as it was', () => {
  it('empty text', async () => {
    await expectRefused('articles:create', { title: 'Empty', publishedOn: '2026-06-01', text: '  \n\n \t ' }, 'BAD_INPUT', /text is empty/);
  });

  it('a 10 MB paste', async () => {
    const text = 'word '.repeat(2_000_000);
    await expectRefused('articles:create', { title: 'Huge', publishedOn: '2026-06-01', text }, 'TOO_LARGE', /10\.0 MB.*Split it/);
  });

  it('a publication date in the future', async () => {
    await expectRefused('articles:create', { title: 'Later', publishedOn: '2026-07-01', text: 'Text.' }, 'BAD_INPUT', /in the future/);
  });

  it('the same text twice', async () => {
    await expectRefused(
      'articles:create',
      { title: 'Again', publishedOn: '2026-06-01', text: `  ${TEXT}\r\n` },
      'CONFLICT',
      /already in the workspace as “T”/,
    );
  });

  it('an unknown code or actor', async () => {
    await expectRefused('annotations:create', tag({ codeId: 999 }), 'NOT_FOUND', /no code with id 999/);
    await expectRefused('annotations:create', tag({ sourceActorId: 999 }), 'NOT_FOUND', /no actor with id 999/);
    await expectRefused('annotations:create', tag({ articleId: 999 }), 'NOT_FOUND', /no article/);
    await expectRefused('annotations:create', tag({ targetActorId: rel.actorA.id }), 'BAD_INPUT', /same actor/);
  });

  it('a selection that spans paragraphs, or lies outside the text', async () => {
    await expectRefused('annotations:create', tag({ start: 20, end: 50 }), 'BAD_INPUT', /within one paragraph/);
    await expectRefused('annotations:create', tag({ start: 60, end: 500 }), 'BAD_INPUT', /outside the article/);
  });

  it('a quote that no longer matches the text', async () => {
    await expectRefused('annotations:create', tag({ exact: 'something else' }), 'CONFLICT', /Select the passage again/);
  });

  it('an event date in the future', async () => {
    await expectRefused('annotations:create', tag({ eventDate: '2027-01-01' }), 'BAD_INPUT', /in the future/);
  });

  it('the same tag twice on the same passage, while overlapping tags are kept', async () => {
    await w.ok('annotations:create', tag());
    await expectRefused('annotations:create', tag(), 'CONFLICT', /already carries this tag/);
    const overlapping = await w.ok('annotations:create', tag({ start: 5, end: 20 }));
    expect(overlapping.exact).toBe(TEXT.slice(5, 20));
    expect(await w.ok('annotations:list', { articleId })).toHaveLength(2);
  });

  it('an update naming an unknown code changes nothing', async () => {
    const a = await w.ok('annotations:create', tag());
    await expectRefused('annotations:update', { id: a.id, codeId: 424242 }, 'NOT_FOUND');
    expect((await w.ok('annotations:list', { articleId }))[0]!.codeId).toBe(threatId);
  });
});

describe('the score through the API', () => {
  it('reproduces test vector 1 from tagged passages', async () => {
    const codes = await w.ok('codebook:list', {});
    const id = (key: string) => codes.find((c: { key: string }) => c.key === key)!.id;
    const make = async (publishedOn: string, body: string) =>
      (await w.ok('articles:create', { title: body, publishedOn, relationshipId: rel.id, text: body })).id;
    const us = rel.actorA.id;
    const ind = rel.actorB.id;
    const a1 = await make('2026-05-01', 'Sanctions threatened.');
    const a2 = await make('2026-05-11', 'Restrictions eased.');
    const a3 = await make('2026-05-21', 'Talks offered.');
    await w.ok('annotations:create', {
      articleId: a1,
      start: 0,
      end: 9,
      codeId: id('THREAT.NONFORCE'),
      sourceActorId: us,
      targetActorId: ind,
    });
    await w.ok('annotations:create', {
      articleId: a2,
      start: 0,
      end: 12,
      codeId: id('CONCESSION.EASE'),
      sourceActorId: ind,
      targetActorId: us,
    });
    await w.ok('annotations:create', {
      articleId: a3,
      start: 0,
      end: 5,
      codeId: id('OVERTURE.INTENT'),
      sourceActorId: us,
      targetActorId: ind,
    });
    const s = await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: 30, fromDate: '2026-05-01', toDate: '2026-05-31' });
    const i = 30;
    expect(s.ab.R[i]).toBeCloseTo(0.27, 2);
    expect(s.ab.M[i]).toBeCloseTo(0.21, 2);
    expect(s.ba.R[i]).toBeCloseTo(4.41, 2);
    expect(s.combined.M[i]).toBeCloseTo(2.44, 2);
    expect(s.asymmetry[i]).toBeCloseTo(-4.13, 2);
    expect(s.index[i]).toBeCloseTo(4.37, 2);
    const evidence = await w.ok('score:evidence', { relationshipId: rel.id, date: '2026-05-31', halfLifeDays: 30 });
    expect(evidence.items.map((e: { exact: string }) => e.exact)).toEqual(['Restrictions', 'Talks', 'Sanctions']); // |4.41| > |3.17| > |-2.90|;
    const total = evidence.items.reduce((sum: number, e: { contribution: number }) => sum + e.contribution, 0);
    expect(total).toBeCloseTo(s.combined.R[i]!, 10);
  });
});

describe('score:series over a range after today', () => {
  it('still gives the figures of today as "current"', async () => {
    const s = await w.ok('score:series', { relationshipId: rel.id, fromDate: '2026-06-16', toDate: '2026-06-17' });
    expect(s.current.combined.M).toBeNull();
    expect(s.combined.R).toHaveLength(2);
  });
});
