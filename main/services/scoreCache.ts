/**
 * Per-relationship series state kept in memory, so that after one passage is
 * tagged the shown score is updated without reading every annotation again.
 *
 * What is cached, per relationship: the s_e and event counts of each day and
 * direction (`totals`, the source of truth, built by one grouped SQL query), and
 * per half-life the daily series over the relationship's default range.
 *
 * An ungrouped annotation created, edited or deleted through the services is a
 * delta (−old, +new) on one or two days: the day's totals change, and each
 * cached series is re-run from that day on by R(T+1) = R(T)·2^(−1/h) + new,
 * starting from the stored state of the day before — the same arithmetic, in
 * the same order, as a full run over the same totals.
 *
 * Staleness: triggers bump score_generation on every write the score depends
 * on (annotations, code weights, outlets, grades, events). The cache records
 * the generation it is consistent with; a delta is applied only when the cache
 * was consistent just before the write and the write was its own transaction.
 * Any other write (an import, an undo, a cascade, a re-weighting) leaves the
 * generations apart, and the next read rebuilds from the database.
 */
import type { Relationship } from '../../shared/api/schemas';
import { isoToDay } from '../../shared/domain/dates';
import { dailySeries, fillSeries, stateAt, type ScoreEvent, type ScoreSeries } from '../../shared/scoring/score';
import { listRelationships } from '../db/actors';
import type { Db } from '../db/connection';
import { getPassageScore, listDayTotals, scoreGeneration, type PassageScoreRow } from '../db/scoring';

/** Days shown before today when a relationship has no older event. */
export const DEFAULT_WINDOW_DAYS = 90;
const MAX_SERIES_PER_RELATIONSHIP = 8;

interface DayTotal {
  sAB: number;
  nAB: number;
  sBA: number;
  nBA: number;
}

interface RelationshipState {
  relationship: Relationship;
  totals: Map<number, DayTotal>;
  /** Keyed by half-life and today's day number (the range ends at today). */
  series: Map<string, ScoreSeries>;
}

interface CacheState {
  generation: number;
  byRelationship: Map<number, RelationshipState>;
}

const caches = new WeakMap<Db, CacheState>();

function cacheOf(db: Db): CacheState {
  let c = caches.get(db);
  const generation = scoreGeneration(db);
  if (!c || c.generation !== generation) {
    c = { generation, byRelationship: new Map() };
    caches.set(db, c);
  }
  return c;
}

/** Forgets everything cached for this workspace (benchmarks use it to time a cold read). */
export function clearScoreCache(db: Db): void {
  caches.delete(db);
}

function buildTotals(db: Db, rel: Relationship): Map<number, DayTotal> {
  const totals = new Map<number, DayTotal>();
  for (const row of listDayTotals(db, rel.actorA.id, rel.actorB.id)) {
    const day = isoToDay(row.eventDate);
    let t = totals.get(day);
    if (!t) totals.set(day, (t = { sAB: 0, nAB: 0, sBA: 0, nBA: 0 }));
    if (row.sourceActorId === rel.actorA.id) {
      t.sAB += row.s;
      t.nAB += row.n;
    } else {
      t.sBA += row.s;
      t.nBA += row.n;
    }
  }
  return totals;
}

function stateFor(db: Db, rel: Relationship): RelationshipState {
  const cache = cacheOf(db);
  let state = cache.byRelationship.get(rel.id);
  if (!state) {
    state = { relationship: rel, totals: buildTotals(db, rel), series: new Map() };
    cache.byRelationship.set(rel.id, state);
  }
  return state;
}

/** The day totals as score events (one per day and direction that has any), sorted by day. */
function totalsAsEvents(totals: Map<number, DayTotal>, fromDay = -Infinity): ScoreEvent[] {
  const days = [...totals].filter(([d]) => d >= fromDay).sort(([a], [b]) => a - b);
  const out: ScoreEvent[] = [];
  for (const [day, t] of days) {
    if (t.nAB > 0) out.push({ day, direction: 'ab', s: t.sAB, n: t.nAB });
    if (t.nBA > 0) out.push({ day, direction: 'ba', s: t.sBA, n: t.nBA });
  }
  return out;
}

export interface RelationshipTotals {
  events: ScoreEvent[];
  firstDay: number | null;
  lastDay: number | null;
  eventCount: number;
}

export function relationshipTotals(db: Db, rel: Relationship): RelationshipTotals {
  const { totals } = stateFor(db, rel);
  const events = totalsAsEvents(totals);
  const eventCount = events.reduce((n, e) => n + (e.n ?? 1), 0);
  return { events, firstDay: events[0]?.day ?? null, lastDay: events[events.length - 1]?.day ?? null, eventCount };
}

export function defaultRange(t: RelationshipTotals, today: number): { fromDay: number; toDay: number } {
  const toDay = Math.max(today, t.lastDay ?? today);
  return { fromDay: Math.min(t.firstDay ?? Infinity, toDay - DEFAULT_WINDOW_DAYS), toDay };
}

/** The daily series over the default range (first event or 90 days back, to today), from the cache. */
export function cachedSeries(db: Db, rel: Relationship, halfLifeDays: number, today: number): { series: ScoreSeries; eventCount: number } {
  const state = stateFor(db, rel);
  const totals = relationshipTotals(db, rel);
  const key = `${halfLifeDays}@${today}`;
  let series = state.series.get(key);
  if (!series) {
    series = dailySeries(totals.events, { ...defaultRange(totals, today), halfLifeDays });
    state.series.set(key, series);
    // Custom half-lives could pile up: keep the few most recently built.
    const oldest = state.series.keys().next();
    if (state.series.size > MAX_SERIES_PER_RELATIONSHIP && !oldest.done) state.series.delete(oldest.value);
  }
  return { series, eventCount: totals.eventCount };
}

// --- deltas ---------------------------------------------------------------------

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

function applyDelta(state: RelationshipState, p: PassageScoreRow, sign: 1 | -1): void {
  const rel = state.relationship;
  const day = isoToDay(p.eventDate);
  let t = state.totals.get(day);
  if (!t) state.totals.set(day, (t = { sAB: 0, nAB: 0, sBA: 0, nBA: 0 }));
  if (p.sourceActorId === rel.actorA.id) {
    t.sAB += sign * p.s;
    t.nAB += sign;
    if (t.nAB === 0) t.sAB = 0;
  } else {
    t.sBA += sign * p.s;
    t.nBA += sign;
    if (t.nBA === 0) t.sBA = 0;
  }
  if (t.nAB === 0 && t.nBA === 0) state.totals.delete(day);

  const events = totalsAsEvents(state.totals);
  const firstDay = events[0]?.day ?? null;
  const lastDay = events[events.length - 1]?.day ?? null;
  for (const [key, series] of state.series) {
    const today = Number(key.split('@')[1]);
    const range = defaultRange({ events, firstDay, lastDay, eventCount: 0 }, today);
    const i = day - series.fromDay;
    if (range.fromDay !== series.fromDay || range.toDay !== series.toDay || i <= 0) {
      // The range moved (a new first or last event), or the change is on the first day: this series is rebuilt on the next read.
      state.series.delete(key);
      continue;
    }
    // Re-run from the day before the change: its state is unchanged, every later day follows by the recurrence.
    fillSeries(series, i - 1, stateAt(series, i - 1), totalsAsEvents(state.totals, day));
  }
}

/** The score-relevant part of one passage before a write, and a way to apply the change after it. */
export interface PassageChange {
  /** Call inside the write's transaction, after the write. */
  written(afterAnnotationId: number | null): void;
  /** Call after the transaction committed. */
  apply(): void;
}

/**
 * Call inside the write's transaction, before the write, with the annotation
 * being edited or deleted (null for a new one).
 */
export function beginPassageChange(db: Db, beforeAnnotationId: number | null, outermost: boolean): PassageChange {
  const before = beforeAnnotationId === null ? null : getPassageScore(db, beforeAnnotationId);
  const generationBefore = scoreGeneration(db);
  let after: PassageScoreRow | null = null;
  let generationAfter = generationBefore;
  return {
    written(afterAnnotationId) {
      after = afterAnnotationId === null ? null : getPassageScore(db, afterAnnotationId);
      generationAfter = scoreGeneration(db);
    },
    apply() {
      const cache = caches.get(db);
      if (!cache || !outermost || cache.generation !== generationBefore) return;
      cache.generation = generationAfter;
      if (cache.byRelationship.size === 0) return;
      const rels = new Map(listRelationships(db).map((r) => [pairKey(r.actorA.id, r.actorB.id), r.id]));
      for (const [p, sign] of [
        [before, -1],
        [after, 1],
      ] as const) {
        if (!p) continue;
        const relId = rels.get(pairKey(p.sourceActorId, p.targetActorId));
        if (relId === undefined) continue;
        const state = cache.byRelationship.get(relId);
        if (!state) continue;
        // A grouped passage changes its event's weight in ways a delta does not capture: rebuild that relationship.
        if (p.eventId !== null) cache.byRelationship.delete(relId);
        else applyDelta(state, p, sign);
      }
    },
  };
}
