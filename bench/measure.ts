import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { ScenarioResult } from './types';

export interface Sample {
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

/** The q-quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(values: readonly number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    runs: values.length,
  };
}

/**
 * Runs `fn` `warmup` times unmeasured, then up to `runs` times, and returns the
 * milliseconds the measured runs took. Slow operations stop early once
 * `budgetMs` is spent, after at least three measured runs.
 */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1, budgetMs = 20_000): Promise<Sample> {
  const started = performance.now();
  for (let i = 0; i < warmup && performance.now() - started < budgetMs / 4; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    if (times.length >= 3 && performance.now() - started > budgetMs) break;
  }
  return summarize(times);
}

export interface MetricSpec {
  unit: string;
  /** Shown in the table, e.g. "≤ 5 ms". */
  target?: string;
  /** Whether the figures meet the target (judged on the median unless the target names a p95); omitted without a target. */
  pass?: boolean;
  /** The figure divided by the floor measured in the same run. */
  ratio?: number;
  note?: string;
}

/** The flat keys of one metric (see ScenarioResult). */
export function metric(name: string, sample: Pick<Sample, 'median' | 'p95'> & { runs?: number }, spec: MetricSpec): ScenarioResult {
  const out: ScenarioResult = { [`${name}.median`]: round(sample.median), [`${name}.p95`]: round(sample.p95), [`${name}.unit`]: spec.unit };
  if (sample.runs !== undefined) out[`${name}.runs`] = sample.runs;
  if (spec.target !== undefined) out[`${name}.target`] = spec.target;
  if (spec.pass !== undefined) out[`${name}.pass`] = spec.pass ? 'pass' : 'miss';
  if (spec.ratio !== undefined) out[`${name}.ratio`] = round(spec.ratio);
  if (spec.note !== undefined) out[`${name}.note`] = spec.note;
  return out;
}

export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return Number(x.toFixed(digits));
}

/** Repetitions: fewer in a quick run. */
export function reps(quick: boolean | undefined, full: number, short = Math.max(2, Math.ceil(full / 5))): number {
  return quick ? short : full;
}

/** How often the event-loop monitor's timer is due; its histogram counts the interval itself, which is subtracted. */
const LOOP_RESOLUTION_MS = 5;

export interface LoopDelay {
  /** How late the monitor's timer fired, in ms beyond its interval: 99th percentile and worst. */
  p99: number;
  max: number;
  samples: number;
  /**
   * Share of the time the thread was running (event-loop utilization). A large delay on a thread that was busy only a
   * fraction of a percent is the machine not running it (other processes on the cores), not work that held it up.
   */
  busy: number;
}

/** Starts watching this thread's event loop (perf_hooks.monitorEventLoopDelay); `stop()` says how late it ran meanwhile. */
export function watchEventLoop(): { stop(): LoopDelay } {
  const h = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const since = performance.eventLoopUtilization();
  h.enable();
  return {
    stop() {
      h.disable();
      const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
      const busy = performance.eventLoopUtilization(since).utilization;
      return { p99: late(h.percentile(99)), max: late(h.max), samples: h.count, busy };
    },
  };
}

export const LOOP_TARGET = { p99Ms: 10, maxMs: 50 };

/** One table row for an event-loop delay: the p99 in the median column, the worst in the p95 column (the note says so). */
export function loopDelayMetric(name: string, d: LoopDelay, what: string): ScenarioResult {
  return metric(
    name,
    { median: d.p99, p95: d.max },
    {
      unit: 'ms (p99 | max)',
      target: `p99 ≤ ${LOOP_TARGET.p99Ms} ms, max ≤ ${LOOP_TARGET.maxMs} ms`,
      pass: d.p99 <= LOOP_TARGET.p99Ms && d.max <= LOOP_TARGET.maxMs,
      note: `${what}; the median column holds the p99 and the p95 column the worst delay, over ${d.samples} samples of a ${LOOP_RESOLUTION_MS} ms timer; the thread was busy ${(d.busy * 100).toFixed(1)} % of the time`,
    },
  );
}
