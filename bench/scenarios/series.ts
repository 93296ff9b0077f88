/**
 * A relationship's daily score series, in full, through the dispatcher: for
 * the busiest relationship (the worst case) and for a typical one (the median
 * by annotation count). The floor is reading just what the series needs —
 * day, direction, weight and confidence of each annotation — with a bare query.
 */
import { createDispatch } from '../../main/api/dispatch';
import { listRelationships } from '../../main/db/actors';
import type { AppContext } from '../../main/services/context';
import type { Relationship } from '../../shared/api/schemas';
import { metric, reps, timeRuns } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const TARGET_MS = 200;

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const { db } = ctx.workspace;
  const dispatch = createDispatch(ctx, opts.log);
  const countOf = db.prepare(
    `SELECT count(*) AS n FROM annotations WHERE (source_actor_id = @a AND target_actor_id = @b) OR (source_actor_id = @b AND target_actor_id = @a)`,
  );
  const floorQuery = db.prepare(
    `SELECT an.event_date, an.source_actor_id, c.weight, an.confidence FROM annotations an JOIN codes c ON c.id = an.code_id
     WHERE (an.source_actor_id = @a AND an.target_actor_id = @b) OR (an.source_actor_id = @b AND an.target_actor_id = @a)`,
  );
  const ranked = listRelationships(db)
    .map((r) => ({ r, n: (countOf.get({ a: r.actorA.id, b: r.actorB.id }) as { n: number }).n }))
    .sort((x, y) => y.n - x.n);
  const cases: [string, { r: Relationship; n: number }][] = [
    ['busiest', ranked[0]!],
    ['typical', ranked[Math.floor(ranked.length / 2)]!],
  ];
  let out: ScenarioResult = {
    'annotations per relationship': ranked.map((x) => `${x.r.actorA.code}–${x.r.actorB.code} ${x.n}`).join(', '),
  };
  for (const [which, { r, n }] of cases) {
    const input = { relationshipId: r.id };
    const t = performance.now();
    const check = await dispatch('score:series', input);
    const firstMs = performance.now() - t;
    if (!check.ok) throw new Error(`score:series failed: ${check.error.message}`);
    const series = check.value as { index: number[]; annotationCount: number };
    if (series.annotationCount !== n) throw new Error(`score:series counted ${series.annotationCount} annotations, not ${n}`);
    opts.log(
      `  ${which}: ${r.label}, ${n.toLocaleString('en')} annotations, ${series.index.length.toLocaleString('en')} days (first call ${firstMs.toFixed(0)} ms)`,
    );
    // The first call already warmed the caches; a slow series gets three runs within the budget.
    const full = await timeRuns(() => dispatch('score:series', input), reps(opts.quick, 15), 0, 30_000);
    const floor = await timeRuns(() => floorQuery.raw().all({ a: r.actorA.id, b: r.actorB.id }), reps(opts.quick, 15), 0, 15_000);
    opts.log(`  ${which}: series median ${full.median.toFixed(1)} ms, floor ${floor.median.toFixed(1)} ms`);
    out = {
      ...out,
      ...metric(`score series, full (${which}: ${r.actorA.code}–${r.actorB.code}, ${n.toLocaleString('en')} annotations)`, full, {
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: full.median <= TARGET_MS,
        ratio: full.median / floor.median,
        note: 'floor: bare SELECT of day, direction, weight and confidence of the same annotations',
      }),
    };
  }
  return out;
}
