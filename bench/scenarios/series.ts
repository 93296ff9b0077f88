/**
 * The daily score series of the busiest relationship, in full, through the
 * dispatcher; the floor is reading the same annotation rows with the bare query.
 */
import { createDispatch } from '../../main/api/dispatch';
import { listRelationshipAnnotations } from '../../main/db/annotations';
import { listRelationships } from '../../main/db/actors';
import type { AppContext } from '../../main/services/context';
import { metric, reps, timeRuns } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const TARGET_MS = 200;

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const { db } = ctx.workspace;
  const dispatch = createDispatch(ctx, opts.log);
  const relationships = listRelationships(db).map((r) => ({ r, n: listRelationshipAnnotations(db, r.actorA.id, r.actorB.id).length }));
  relationships.sort((x, y) => y.n - x.n);
  const busiest = relationships[0]!;
  const input = { relationshipId: busiest.r.id };
  const check = await dispatch('score:series', input);
  if (!check.ok) throw new Error(`score:series failed: ${check.error.message}`);
  const series = check.value as { index: number[]; annotationCount: number };
  opts.log(`  ${busiest.r.label}: ${series.annotationCount.toLocaleString('en')} annotations, ${series.index.length.toLocaleString('en')} days`);
  const runs = reps(opts.quick, 15);
  const full = await timeRuns(() => dispatch('score:series', input), runs, 2);
  const floor = await timeRuns(() => listRelationshipAnnotations(db, busiest.r.actorA.id, busiest.r.actorB.id), runs, 2);
  opts.log(`  series median ${full.median.toFixed(1)} ms (rows alone ${floor.median.toFixed(1)} ms)`);
  return {
    'series relationship': `${busiest.r.label} (${busiest.n.toLocaleString('en')} annotations, ${series.index.length.toLocaleString('en')} days)`,
    'series quietest relationship annotations': relationships[relationships.length - 1]!.n,
    ...metric('score series, full (busiest relationship)', full, {
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      pass: full.median <= TARGET_MS,
      ratio: full.median / floor.median,
      note: 'floor: the bare SELECT of the same annotation rows',
    }),
  };
}
