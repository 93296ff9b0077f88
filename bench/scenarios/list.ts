/**
 * A page of the article list (100 summaries, newest first — the library's
 * order) through the real dispatcher, near the top and deep in the list.
 */
import { createDispatch } from '../../main/api/dispatch';
import type { AppContext } from '../../main/services/context';
import { metric, reps, timeRuns } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const PAGE = 100;
const TARGET_MS = 5;

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const dispatch = createDispatch(ctx, opts.log);
  const deep = Math.floor(opts.articles * 0.9);
  let out: ScenarioResult = {};
  for (const offset of [0, deep]) {
    const input = { limit: PAGE, offset, sort: 'date-desc' };
    const check = await dispatch('articles:list', input);
    if (!check.ok) throw new Error(`articles:list failed: ${check.error.message}`);
    const page = check.value as { items: unknown[]; total: number };
    if (page.items.length !== Math.min(PAGE, page.total - offset))
      throw new Error(`articles:list at offset ${offset} returned ${page.items.length} items`);
    const sample = await timeRuns(() => dispatch('articles:list', input), reps(opts.quick, 50), 3);
    opts.log(`  offset ${offset}: median ${sample.median.toFixed(2)} ms, p95 ${sample.p95.toFixed(2)} ms`);
    out = {
      ...out,
      ...metric(`list page (${PAGE}) at offset ${offset.toLocaleString('en')}`, sample, {
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: sample.median <= TARGET_MS,
      }),
    };
  }
  // The library's other orders have no index of their own: each page sorts every article.
  for (const sort of ['title', 'tags-desc'] as const) {
    const input = { limit: PAGE, offset: 0, sort };
    const sample = await timeRuns(() => dispatch('articles:list', input), reps(opts.quick, 10), 1, 10_000);
    opts.log(`  sorted by ${sort}: median ${sample.median.toFixed(2)} ms`);
    out = {
      ...out,
      ...metric(`list page (${PAGE}) sorted by ${sort}, offset 0`, sample, {
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: sample.median <= TARGET_MS,
        note: 'no index serves this order, so SQLite sorts the whole table',
      }),
    };
  }
  return out;
}
