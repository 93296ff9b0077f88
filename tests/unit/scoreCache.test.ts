import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearScoreCache } from '../../main/services/scoreCache';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

/**
 * The incremental cache against a full recompute, on a real workspace: after
 * any sequence of tagging, editing, deleting, grouping and grading, the series
 * the cache holds equals the one rebuilt from the database. Day totals are
 * summed in a different order (SQL per day, or one delta at a time), so the
 * two may differ in the last bits of a double: compared to 1e−9.
 */
const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let codeIds: number[];
let articles: { id: number; text: string }[];

beforeAll(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!;
  codeIds = (await w.ok('codebook:list', {})).map((c: { id: number }) => c.id);
  articles = [];
  for (const [i, date] of ['2026-03-01', '2026-04-20', '2026-06-14'].entries()) {
    const text = `Report ${i} says the envoy warned and then offered talks about the border and the trade round.`;
    articles.push({
      id: (await w.ok('articles:create', { title: `R${i}`, outlet: `Outlet ${i}`, publishedOn: date, relationshipId: rel.id, text })).id,
      text,
    });
  }
});
afterAll(() => w.close());

// Few distinct days, so that several events often share a day (a delta then changes a day total that stays non-zero).
const eventDaysBack = fc.constantFrom(0, 1, 3, 40, 120);
const confidence = fc.constantFrom(0, 0.3, 0.75, 1);

const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      article: fc.integer({ min: 0, max: 2 }),
      start: fc.integer({ min: 0, max: 60 }),
      len: fc.integer({ min: 1, max: 20 }),
      code: fc.nat(),
      ab: fc.boolean(),
      confidence,
      daysBack: fc.option(eventDaysBack, { nil: undefined }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), code: fc.nat(), confidence, daysBack: eventDaysBack }),
  fc.record({ kind: fc.constant('group' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('grade' as const), outlet: fc.integer({ min: 0, max: 2 }), grade: fc.constantFrom('A', 'C', 'E', null) }),
  fc.record({ kind: fc.constant('reweight' as const), code: fc.nat(), weight: fc.constantFrom(-8, -2.5, 3, 9) }),
);

const isoDaysBack = (n: number) => new Date(Date.UTC(2026, 5, 15) - n * 86_400_000).toISOString().slice(0, 10);

async function apply(o: fc.Arbitrary<unknown> extends never ? never : any): Promise<void> {
  const ids = (w.ctx.workspace.db.prepare('SELECT id FROM annotations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const pick = (n: number) => ids[n % ids.length]!;
  if (o.kind === 'create') {
    const a = articles[o.article]!;
    await w.call('annotations:create', {
      articleId: a.id,
      start: o.start,
      end: Math.min(a.text.length, o.start + o.len),
      codeId: codeIds[o.code % codeIds.length],
      sourceActorId: o.ab ? rel.actorA.id : rel.actorB.id,
      targetActorId: o.ab ? rel.actorB.id : rel.actorA.id,
      confidence: o.confidence,
      eventDate: o.daysBack === undefined ? undefined : isoDaysBack(o.daysBack),
    });
  } else if (o.kind === 'update' && ids.length) {
    await w.call('annotations:update', {
      id: pick(o.pick),
      codeId: codeIds[o.code % codeIds.length],
      confidence: o.confidence,
      eventDate: isoDaysBack(o.daysBack),
    });
  } else if (o.kind === 'delete' && ids.length) {
    await w.call('annotations:delete', { id: pick(o.pick) });
  } else if (o.kind === 'group' && ids.length >= 2) {
    // May be refused (different directions or codes, already grouped): a refusal must leave the cache right too.
    await w.call('events:group', { annotationIds: [pick(o.pick), pick(o.pick + 1)], codeId: codeIds[0] });
  } else if (o.kind === 'grade') {
    await w.call('outlets:grade', { outlet: `Outlet ${o.outlet}`, grade: o.grade });
  } else if (o.kind === 'reweight') {
    await w.call('codebook:update', { id: codeIds[o.code % codeIds.length], weight: o.weight });
  }
}

function expectSameSeries(shown: any, full: any) {
  expect(shown.fromDay).toBe(full.fromDay);
  expect(shown.toDay).toBe(full.toDay);
  expect(shown.annotationCount).toBe(full.annotationCount);
  for (const dir of ['ab', 'ba', 'combined'] as const) {
    for (const key of ['R', 'A'] as const) {
      shown[dir][key].forEach((v: number, i: number) => expect(Math.abs(v - full[dir][key][i])).toBeLessThan(1e-9));
    }
    shown[dir].M.forEach((v: number | null, i: number) => expect(v === null).toBe(full[dir].M[i] === null));
  }
}

describe('the score cache', () => {
  it('matches a full recompute after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.constantFrom(7, 30, 90), async (ops, h) => {
        for (const o of ops) {
          await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: h }); // the score is on screen, and cached
          await apply(o);
          const shown = await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: h });
          clearScoreCache(w.ctx.workspace.db);
          const full = await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: h });
          expectSameSeries(shown, full);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('deleting an annotation returns every figure to what it was before it was added', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }),
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 0, max: 100 }),
        async (start, code, ab, back) => {
          const before = await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: 30 });
          const r = await w.call('annotations:create', {
            articleId: articles[2]!.id,
            start,
            end: start + 7,
            codeId: codeIds[code % codeIds.length],
            sourceActorId: ab ? rel.actorA.id : rel.actorB.id,
            targetActorId: ab ? rel.actorB.id : rel.actorA.id,
            eventDate: isoDaysBack(back),
          });
          if (!r.ok) return; // the same tag already there
          await w.ok('annotations:delete', { id: (r.value as { id: number }).id });
          const after = await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: 30 });
          expectSameSeries(after, before);
        },
      ),
      { numRuns: 30 },
    );
  });
});
