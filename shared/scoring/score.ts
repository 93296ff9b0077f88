/**
 * The relationship score of ../docs/scoring.md. Pure functions over events;
 * no storage, no DOM. `figuresAt` is the definition, summed directly;
 * `dailySeries` gives the same figures for every day by the exponential
 * recurrence R(T+1) = R(T)·2^(−1/h) + (events on T+1), in O(days + events).
 */

export type Direction = 'ab' | 'ba';

export interface ScoreEvent {
  /** Event date as a day number (see shared/domain/dates). */
  day: number;
  direction: Direction;
  /** s_e = w_e · c_e · r_e (or the sum of s_e of `n` events of one day and direction). */
  s: number;
  /** How many events this entry stands for (default 1): their activity counts n. */
  n?: number;
}

export interface DirectionFigures {
  R: number;
  A: number;
  /** null when A = 0: no event has weighed yet. */
  M: number | null;
}

export interface Figures {
  ab: DirectionFigures;
  ba: DirectionFigures;
  combined: DirectionFigures;
  asymmetry: number;
  index: number;
}

export interface DirectionSeries {
  R: number[];
  A: number[];
  M: (number | null)[];
}

export interface ScoreSeries {
  fromDay: number;
  toDay: number;
  halfLifeDays: number;
  ab: DirectionSeries;
  ba: DirectionSeries;
  combined: DirectionSeries;
  asymmetry: number[];
  index: number[];
}

export const HALF_LIFE_PRESETS = [7, 30, 90] as const;

export function eventScore(weight: number, confidence = 1, reliability = 1): number {
  return weight * confidence * reliability;
}

/** d_e(T) = 2^(−(T − t_e)/h); an event after T weighs 0. */
export function decay(ageDays: number, halfLifeDays: number): number {
  return ageDays < 0 ? 0 : Math.pow(2, -ageDays / halfLifeDays);
}

function sentiment(R: number, A: number): number | null {
  return A === 0 ? null : R / A;
}

function direction(R: number, A: number): DirectionFigures {
  return { R, A, M: sentiment(R, A) };
}

export function boundedIndex(R: number): number {
  return 10 * Math.tanh(R / 10);
}

/** The figures at day T, by direct summation over the events. */
export function figuresAt(events: readonly ScoreEvent[], T: number, halfLifeDays: number): Figures {
  let rAB = 0,
    aAB = 0,
    rBA = 0,
    aBA = 0;
  for (const e of events) {
    const d = decay(T - e.day, halfLifeDays);
    if (d === 0) continue;
    const n = e.n ?? 1;
    if (e.direction === 'ab') {
      rAB += e.s * d;
      aAB += n * d;
    } else {
      rBA += e.s * d;
      aBA += n * d;
    }
  }
  const R = rAB + rBA;
  return {
    ab: direction(rAB, aAB),
    ba: direction(rBA, aBA),
    combined: direction(R, aAB + aBA),
    asymmetry: rAB - rBA,
    index: boundedIndex(R),
  };
}

function emptyDirection(n: number): DirectionSeries {
  return { R: new Array<number>(n), A: new Array<number>(n), M: new Array<number | null>(n) };
}

/** Figures for every day from `fromDay` to `toDay` inclusive. */
export function dailySeries(events: readonly ScoreEvent[], opts: { fromDay: number; toDay: number; halfLifeDays: number }): ScoreSeries {
  const { fromDay, toDay, halfLifeDays } = opts;
  if (!(halfLifeDays > 0)) throw new RangeError('The half-life must be a positive number of days.');
  const n = Math.max(0, toDay - fromDay + 1);
  const series: ScoreSeries = {
    fromDay,
    toDay,
    halfLifeDays,
    ab: emptyDirection(n),
    ba: emptyDirection(n),
    combined: emptyDirection(n),
    asymmetry: new Array<number>(n),
    index: new Array<number>(n),
  };
  if (n === 0) return series;

  // Events on or before fromDay start the recurrence, summed directly;
  // later ones are added on their own day.
  const start = figuresAt(
    events.filter((e) => e.day <= fromDay),
    fromDay,
    halfLifeDays,
  );
  const later = events.filter((e) => e.day > fromDay && e.day <= toDay).sort((x, y) => x.day - y.day);
  fillSeries(series, 0, { rAB: start.ab.R, aAB: start.ab.A, rBA: start.ba.R, aBA: start.ba.A }, later);
  return series;
}

/** Pressure and activity of both directions on one day. */
export interface SeriesState {
  rAB: number;
  aAB: number;
  rBA: number;
  aBA: number;
}

/** A series' value on day index i, which the caller has checked lies in the series. */
function valueAt(values: ArrayLike<number>, i: number): number {
  const v = values[i];
  if (v === undefined) throw new RangeError(`Day index ${i} lies outside the series (${values.length} days).`);
  return v;
}

/** The state a series holds on its day index i. */
export function stateAt(series: ScoreSeries, i: number): SeriesState {
  return { rAB: valueAt(series.ab.R, i), aAB: valueAt(series.ab.A, i), rBA: valueAt(series.ba.R, i), aBA: valueAt(series.ba.A, i) };
}

/**
 * Writes the series from day index `startIndex` on: that day holds `state`
 * (already including its own events), every later day is the day before
 * decayed by 2^(−1/h) plus its events, which `later` lists sorted by day
 * (events on or before the start day are skipped). Re-running it from the day
 * of a new event, from the state of the day before, is the incremental update
 * R(T+Δ) = R(T)·2^(−Δ/h) + new, and gives the very same numbers as a full run.
 */
export function fillSeries(series: ScoreSeries, startIndex: number, state: SeriesState, later: readonly ScoreEvent[]): void {
  const n = series.asymmetry.length;
  const k = Math.pow(2, -1 / series.halfLifeDays);
  let { rAB, aAB, rBA, aBA } = state;
  let next = 0;
  const startDay = series.fromDay + startIndex;
  while ((later[next]?.day ?? Infinity) <= startDay) next++;
  for (let i = startIndex; i < n; i++) {
    const day = series.fromDay + i;
    if (i > startIndex) {
      rAB *= k;
      aAB *= k;
      rBA *= k;
      aBA *= k;
      for (let e = later[next]; e !== undefined && e.day === day; e = later[next]) {
        next++;
        if (e.direction === 'ab') {
          rAB += e.s;
          aAB += e.n ?? 1;
        } else {
          rBA += e.s;
          aBA += e.n ?? 1;
        }
      }
    }
    const R = rAB + rBA;
    const A = aAB + aBA;
    series.ab.R[i] = rAB;
    series.ab.A[i] = aAB;
    series.ab.M[i] = sentiment(rAB, aAB);
    series.ba.R[i] = rBA;
    series.ba.A[i] = aBA;
    series.ba.M[i] = sentiment(rBA, aBA);
    series.combined.R[i] = R;
    series.combined.A[i] = A;
    series.combined.M[i] = sentiment(R, A);
    series.asymmetry[i] = rAB - rBA;
    series.index[i] = boundedIndex(R);
  }
}

/** The figures of one day of a series, in the shape of `figuresAt`. */
export function figuresOfDay(series: ScoreSeries, day: number): Figures | null {
  const i = day - series.fromDay;
  if (i < 0 || i >= series.asymmetry.length) return null;
  const pick = (d: DirectionSeries): DirectionFigures => ({ R: valueAt(d.R, i), A: valueAt(d.A, i), M: d.M[i] ?? null });
  return {
    ab: pick(series.ab),
    ba: pick(series.ba),
    combined: pick(series.combined),
    asymmetry: valueAt(series.asymmetry, i),
    index: valueAt(series.index, i),
  };
}
