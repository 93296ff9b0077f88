/**
 * Views of the same scored events that analysts compare with event data:
 * calendar buckets (ICEWS/GDELT style), tit-for-tat threats (reciprocity) and
 * the days a series crosses a threshold the analyst set (escalation).
 */
import { dayToIso, isoToDay } from '../domain/dates';
import type { Direction } from './score';

/** One scored item: an ungrouped passage or an event, with its top-level code. */
export interface ScoredItem {
  id: string;
  day: number;
  direction: Direction;
  s: number;
  codeKey: string;
  /** The top-level code (THREAT, OVERTURE, CONCESSION) the item's code belongs to. */
  rootKey: string;
  /** How many events this entry stands for (default 1): a day's total of one code. */
  n?: number;
}

export type BucketUnit = 'week' | 'month';

export interface Bucket {
  start: string;
  end: string;
  sum: number;
  count: number;
  /** null for an empty bucket: no event, not a calm one. */
  mean: number | null;
  counts: Record<string, number>;
}

/** Monday of the ISO week that holds `day` (day 0, 1970-01-01, was a Thursday). */
export function weekStart(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

function monthStart(day: number): number {
  const iso = dayToIso(day);
  return isoToDay(`${iso.slice(0, 7)}-01`);
}

function nextBucket(start: number, unit: BucketUnit): number {
  if (unit === 'week') return start + 7;
  const [y, m] = dayToIso(start).split('-').map(Number) as [number, number];
  return Math.floor(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) / 86_400_000);
}

export function bucketStart(day: number, unit: BucketUnit): number {
  return unit === 'week' ? weekStart(day) : monthStart(day);
}

/** Buckets from the one holding fromDay to the one holding toDay, every one present, empty ones zero. */
export function calendarBuckets(items: readonly ScoredItem[], unit: BucketUnit, fromDay: number, toDay: number): Bucket[] {
  const buckets: (Bucket & { from: number; to: number })[] = [];
  for (let b = bucketStart(fromDay, unit); b <= toDay; b = nextBucket(b, unit)) {
    const to = nextBucket(b, unit) - 1;
    buckets.push({ from: b, to, start: dayToIso(b), end: dayToIso(to), sum: 0, count: 0, mean: null, counts: {} });
  }
  const [firstBucket] = buckets;
  if (!firstBucket) return [];
  const first = firstBucket.from;
  for (const item of items) {
    if (item.day < first || item.day > toDay) continue;
    // Buckets are in order; weeks can be found by arithmetic, months by a short search.
    let i = unit === 'week' ? Math.floor((item.day - first) / 7) : 0;
    if (unit === 'month') while ((buckets[i]?.to ?? Infinity) < item.day) i++;
    const b = buckets[i];
    if (!b) continue; // cannot happen: the buckets run to toDay
    const n = item.n ?? 1;
    b.sum += item.s;
    b.count += n;
    if (n > 0) b.counts[item.codeKey] = (b.counts[item.codeKey] ?? 0) + n;
  }
  return buckets.map(({ from: _from, to: _to, ...b }) => ({ ...b, mean: b.count === 0 ? null : b.sum / b.count }));
}

export interface Reciprocation {
  threat: ScoredItem;
  answer: ScoredItem;
  lagDays: number;
}

/**
 * Every threat answered by a threat in the other direction within `windowDays`
 * (same day included), paired with the first such answer.
 */
export function reciprocatedThreats(items: readonly ScoredItem[], windowDays: number, threatKey = 'THREAT'): Reciprocation[] {
  const threats = items.filter((i) => i.rootKey === threatKey).sort((x, y) => x.day - y.day || (x.id < y.id ? -1 : 1));
  const out: Reciprocation[] = [];
  let firstOfDay = 0;
  for (const t of threats) {
    while ((threats[firstOfDay]?.day ?? Infinity) < t.day) firstOfDay++;
    for (let j = firstOfDay; j < threats.length; j++) {
      const a = threats[j];
      if (!a) break;
      if (a.day - t.day > windowDays) break;
      if (a.direction !== t.direction) {
        out.push({ threat: t, answer: a, lagDays: a.day - t.day });
        break;
      }
    }
  }
  return out;
}

export interface Crossing {
  day: number;
  threshold: number;
  /** 'up' when the series rose to or above the threshold, 'down' when it fell below. */
  way: 'up' | 'down';
  value: number;
}

/** Days on which `values` (one per day from fromDay) crosses any threshold; days without a value are skipped. */
export function thresholdCrossings(values: readonly (number | null)[], fromDay: number, thresholds: readonly number[]): Crossing[] {
  const out: Crossing[] = [];
  let prev: number | null = null;
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    if (prev !== null) {
      for (const t of thresholds) {
        if (prev < t && v >= t) out.push({ day: fromDay + i, threshold: t, way: 'up', value: v });
        else if (prev >= t && v < t) out.push({ day: fromDay + i, threshold: t, way: 'down', value: v });
      }
    }
    prev = v;
  });
  return out;
}
