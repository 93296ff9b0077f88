/**
 * The score's own figures for `npm run bench` (the harness calls `run`):
 * - the daily series of the busiest relationship, cold (cache cleared: one
 *   grouped query and the recurrence) and warm (from the cache);
 * - after tagging one passage, the shown score updated incrementally (the
 *   write plus the read of the updated series), checked against a full
 *   recompute;
 * - the evidence of one day ("why this score").
 * Self-contained: it relies on the harness only for `ctx` and `log`.
 */
import { listRelationships } from '../../main/db/actors';
import { listCodes } from '../../main/db/codebook';
import type { Db } from '../../main/db/connection';
import { createAnnotation, deleteAnnotation } from '../../main/services/annotations';
import type { AppContext } from '../../main/services/context';
import { scoreEvidence, scoreSeries } from '../../main/services/score';
import { clearScoreCache } from '../../main/services/scoreCache';
import { passageProblem } from '../../shared/domain/anchoring';
import { dayToIso } from '../../shared/domain/dates';
import { measureChartDraw } from '../scoreChart';

export interface ScoreScenarioOptions {
  log(line: string): void;
  quick?: boolean;
  /** Measure the chart in Chromium too (default true). */
  chart?: boolean;
}

const SERIES_TARGET_MS = 200;
const INCREMENTAL_TARGET_MS = 50;
const CHART_TARGET_MS = 50;

function timeOnce(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function summary(times: number[]): { median: number; p95: number; runs: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), runs: s.length };
}

const round = (x: number) => Number(x.toFixed(Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2));

function metric(name: string, times: number[], target: number, note: string): Record<string, number | string> {
  const s = summary(times);
  return {
    [`${name}.median`]: round(s.median),
    [`${name}.p95`]: round(s.p95),
    [`${name}.runs`]: s.runs,
    [`${name}.unit`]: 'ms',
    [`${name}.target`]: `≤ ${target} ms`,
    [`${name}.pass`]: s.median <= target ? 'pass' : 'miss',
    [`${name}.note`]: note,
  };
}

function busiestRelationship(db: Db) {
  const counts = db
    .prepare(
      'SELECT min(source_actor_id, target_actor_id) AS a, max(source_actor_id, target_actor_id) AS b, count(*) AS n FROM annotations GROUP BY 1, 2',
    )
    .all() as { a: number; b: number; n: number }[];
  const n = (a: number, b: number) => counts.find((c) => c.a === Math.min(a, b) && c.b === Math.max(a, b))?.n ?? 0;
  return listRelationships(db)
    .map((r) => ({ r, n: n(r.actorA.id, r.actorB.id) }))
    .sort((x, y) => y.n - x.n)[0]!;
}

/** A passage of an article of the relationship that carries no tag yet: a few words within one paragraph. */
function freePassage(db: Db, actorA: number, actorB: number, attempt: number) {
  const { n } = db
    .prepare('SELECT count(*) AS n FROM annotations WHERE source_actor_id = ? AND target_actor_id = ?')
    .get(actorA, actorB) as {
    n: number;
  };
  const article = db
    .prepare(
      `SELECT ar.id, ar.text FROM annotations an JOIN articles ar ON ar.id = an.article_id
       WHERE an.source_actor_id = ? AND an.target_actor_id = ? LIMIT 1 OFFSET ?`,
    )
    .get(actorA, actorB, (1000 + attempt * 37) % Math.max(1, n)) as { id: number; text: string } | undefined;
  if (!article) throw new Error('The workspace has no annotated article for this relationship.');
  const taken = db.prepare('SELECT start_offset AS s, end_offset AS e FROM annotations WHERE article_id = ?').all(article.id) as {
    s: number;
    e: number;
  }[];
  for (let start = 0; start + 12 < article.text.length; start += 7) {
    const end = start + 12;
    if (passageProblem(article.text, start, end)) continue;
    if (taken.some((t) => t.s === start && t.e === end)) continue;
    return { articleId: article.id, start, end };
  }
  throw new Error(`No free passage in article ${article.id}.`);
}

export async function run(ctx: AppContext, opts: ScoreScenarioOptions): Promise<Record<string, number | string>> {
  const { db } = ctx.workspace;
  const busiest = busiestRelationship(db);
  const rel = busiest.r;
  const input = { relationshipId: rel.id, halfLifeDays: 30 };
  const runs = opts.quick ? 3 : 11;

  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
    clearScoreCache(db);
    cold.push(timeOnce(() => scoreSeries(ctx, input)));
  }
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(timeOnce(() => scoreSeries(ctx, input)));
  const first = scoreSeries(ctx, input);
  opts.log(
    `  ${rel.label}: ${busiest.n.toLocaleString('en')} annotations, ${first.index.length.toLocaleString('en')} days; ` +
      `series cold median ${summary(cold).median.toFixed(1)} ms, warm ${summary(warm).median.toFixed(1)} ms`,
  );

  // Tag one passage, then read the shown score: the cache takes the new event as a delta.
  const threat = listCodes(db).find((c) => c.key === 'THREAT')!;
  const incremental: number[] = [];
  let worstDiff = 0;
  for (let i = 0; i < runs; i++) {
    const p = freePassage(db, rel.actorA.id, rel.actorB.id, i);
    scoreSeries(ctx, input); // the score is on screen before the analyst tags
    let id = 0;
    let after: ReturnType<typeof scoreSeries> | null = null;
    incremental.push(
      timeOnce(() => {
        id = createAnnotation(ctx, {
          ...p,
          codeId: threat.id,
          sourceActorId: rel.actorA.id,
          targetActorId: rel.actorB.id,
          confidence: 1,
          note: '',
        }).id;
        after = scoreSeries(ctx, input);
      }),
    );
    clearScoreCache(db);
    const full = scoreSeries(ctx, input);
    const shown = after as unknown as ReturnType<typeof scoreSeries>;
    for (let d = 0; d < full.combined.R.length; d++) {
      worstDiff = Math.max(
        worstDiff,
        Math.abs(full.combined.R[d]! - shown.combined.R[d]!),
        Math.abs(full.combined.A[d]! - shown.combined.A[d]!),
      );
    }
    deleteAnnotation(ctx, id);
  }
  opts.log(
    `  tag one passage and read the score: median ${summary(incremental).median.toFixed(1)} ms; largest difference to a full recompute ${worstDiff.toExponential(2)}`,
  );

  const lastDay = first.toDay;
  const evidence: number[] = [];
  for (let i = 0; i < Math.min(runs, 5); i++)
    evidence.push(timeOnce(() => scoreEvidence(ctx, { relationshipId: rel.id, date: dayToIso(lastDay), halfLifeDays: 30, limit: 50 })));

  let chart: Record<string, number | string> = {};
  if (opts.chart !== false) {
    const drawn = await measureChartDraw(opts.log);
    chart =
      'skipped' in drawn
        ? { 'score chart, 5 years daily in Chromium': `skipped: ${drawn.skipped}` }
        : {
            ...metric(
              'score chart first draw, 5 years daily (Chromium)',
              drawn.first,
              CHART_TARGET_MS,
              'uPlot create + first draw, as TimeChart records it',
            ),
            ...metric(
              'score chart redraw, 5 years daily (Chromium)',
              drawn.redraw,
              CHART_TARGET_MS,
              'switching the view M/R re-creates the chart',
            ),
          };
  }

  return {
    ...chart,
    'score relationship': `${rel.label} (${busiest.n.toLocaleString('en')} annotations, ${first.index.length.toLocaleString('en')} days)`,
    ...metric('score series, cold (cache cleared)', cold, SERIES_TARGET_MS, 'one grouped query of day totals, then the daily recurrence'),
    ...metric('score series, warm (cached)', warm, SERIES_TARGET_MS, 'copy of the cached series'),
    ...metric('score after tagging one passage', incremental, INCREMENTAL_TARGET_MS, 'createAnnotation + score:series, incremental'),
    'score incremental vs full recompute, max |difference|': worstDiff,
    'score evidence of one day (ms, median)': round(summary(evidence).median),
  };
}
