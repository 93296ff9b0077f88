import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToDay } from '../../shared/domain/dates';
import { calendarBuckets, reciprocatedThreats, thresholdCrossings } from '../../shared/scoring/analysis';
import { dailySeries, decay, eventScore, figuresAt, fillSeries, stateAt, type ScoreEvent } from '../../shared/scoring/score';

// Test vector 1 of scoring.md: half-life 30, confidence and reliability 1, A = US, B = IND.
const VECTOR_1: ScoreEvent[] = [
  { day: 0, direction: 'ab', s: -5.8 }, // US→IND threat, sanctions
  { day: 10, direction: 'ba', s: 7.0 }, // IND→US ease economic restrictions
  { day: 20, direction: 'ab', s: 4.0 }, // US→IND intent to negotiate
];

function expectVector1(f: ReturnType<typeof figuresAt>) {
  expect(f.ab.R).toBeCloseTo(0.27, 2);
  expect(f.ab.A).toBeCloseTo(1.29, 2);
  expect(f.ab.M!).toBeCloseTo(0.21, 2);
  expect(f.ba.R).toBeCloseTo(4.41, 2);
  expect(f.ba.M!).toBeCloseTo(7.0, 2);
  expect(f.combined.R).toBeCloseTo(4.68, 2);
  expect(f.combined.A).toBeCloseTo(1.92, 2);
  expect(f.combined.M!).toBeCloseTo(2.44, 2);
  expect(f.asymmetry).toBeCloseTo(-4.13, 2);
  expect(f.index).toBeCloseTo(4.37, 2);
}

describe('scoring.md test vector 1', () => {
  it('matches at day 30 by direct summation', () => {
    expectVector1(figuresAt(VECTOR_1, 30, 30));
  });

  it('matches at day 30 through the daily recurrence', () => {
    const series = dailySeries(VECTOR_1, { fromDay: 0, toDay: 30, halfLifeDays: 30 });
    const i = 30;
    expectVector1({
      ab: { R: series.ab.R[i]!, A: series.ab.A[i]!, M: series.ab.M[i]! },
      ba: { R: series.ba.R[i]!, A: series.ba.A[i]!, M: series.ba.M[i]! },
      combined: { R: series.combined.R[i]!, A: series.combined.A[i]!, M: series.combined.M[i]! },
      asymmetry: series.asymmetry[i]!,
      index: series.index[i]!,
    });
  });

  it('counts only the first event at day 5', () => {
    const f = figuresAt(VECTOR_1, 5, 30);
    expect(f.combined.R).toBeCloseTo(-5.17, 2);
    expect(f.combined.M!).toBeCloseTo(-5.8, 2);
    const series = dailySeries(VECTOR_1, { fromDay: 0, toDay: 30, halfLifeDays: 30 });
    expect(series.combined.R[5]).toBeCloseTo(-5.17, 2);
  });

  it('has no sentiment before the first event, and ignores events after T', () => {
    const f = figuresAt(VECTOR_1, -1, 30);
    expect(f.combined.M).toBeNull();
    expect(f.combined.A).toBe(0);
  });

  it('starts a series late with the decayed weight of earlier events', () => {
    const late = dailySeries(VECTOR_1, { fromDay: 15, toDay: 30, halfLifeDays: 30 });
    const full = dailySeries(VECTOR_1, { fromDay: 0, toDay: 30, halfLifeDays: 30 });
    expect(late.combined.R[15]).toBeCloseTo(full.combined.R[30]!, 10);
  });
});

const event = fc.record({
  day: fc.integer({ min: 0, max: 400 }),
  direction: fc.constantFrom<'ab' | 'ba'>('ab', 'ba'),
  s: fc.double({ min: -10, max: 10, noNaN: true }),
});
const events = fc.array(event, { maxLength: 30 });
const day = fc.integer({ min: 0, max: 500 });
const halfLife = fc.double({ min: 1, max: 365, noNaN: true });
const EPS = 1e-9;

describe('scoring.md properties', () => {
  it('the recurrence agrees with direct summation', () => {
    fc.assert(
      fc.property(events, halfLife, (es, h) => {
        const s = dailySeries(es, { fromDay: 0, toDay: 420, halfLifeDays: h });
        for (const T of [0, 17, 200, 420]) {
          const f = figuresAt(es, T, h);
          expect(s.combined.R[T]!).toBeCloseTo(f.combined.R, 6);
          expect(s.combined.A[T]!).toBeCloseTo(f.combined.A, 6);
        }
      }),
    );
  });

  it('a positive event never lowers R, a negative one never raises it', () => {
    fc.assert(
      fc.property(events, event, day, halfLife, (es, e, T, h) => {
        const before = figuresAt(es, T, h).combined.R;
        const after = figuresAt([...es, e], T, h).combined.R;
        if (e.s > 0) expect(after).toBeGreaterThanOrEqual(before - EPS);
        if (e.s < 0) expect(after).toBeLessThanOrEqual(before + EPS);
      }),
    );
  });

  it('with no new events |R| and A only shrink and M stays fixed', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 100 }), halfLife, (es, gap, h) => {
        const last = es.reduce((m, e) => Math.max(m, e.day), 0);
        const a = figuresAt(es, last, h);
        const b = figuresAt(es, last + gap, h);
        expect(Math.abs(b.combined.R)).toBeLessThanOrEqual(Math.abs(a.combined.R) + EPS);
        expect(b.combined.A).toBeLessThanOrEqual(a.combined.A + EPS);
        if (a.combined.M !== null && a.combined.A > 1e-6) expect(b.combined.M!).toBeCloseTo(a.combined.M, 6);
      }),
    );
  });

  it('doubling the half-life never shrinks any past event’s contribution', () => {
    fc.assert(
      fc.property(event, day, halfLife, (e, T, h) => {
        const one = Math.abs(figuresAt([e], T, h).combined.R);
        const two = Math.abs(figuresAt([e], T, 2 * h).combined.R);
        expect(two).toBeGreaterThanOrEqual(one - EPS);
      }),
    );
  });

  it('re-weighting a code changes R by the weight difference times the decays of its events', () => {
    fc.assert(
      fc.property(
        events,
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        day,
        halfLife,
        (es, ofCode, w1, w2, T, h) => {
          const withWeight = (w: number) => es.map((e, i) => (ofCode[i] ? { ...e, s: w } : e));
          const diff = figuresAt(withWeight(w2), T, h).combined.R - figuresAt(withWeight(w1), T, h).combined.R;
          const decays = es.reduce((sum, e, i) => sum + (ofCode[i] && e.day <= T ? Math.pow(2, -(T - e.day) / h) : 0), 0);
          expect(diff).toBeCloseTo((w2 - w1) * decays, 6);
        },
      ),
    );
  });

  it('deleting an event returns every figure to what it was before it was added', () => {
    fc.assert(
      fc.property(events, event, halfLife, (es, e, h) => {
        const before = dailySeries(es, { fromDay: 0, toDay: 420, halfLifeDays: h });
        const added = [...es, e];
        const removed = added.filter((x) => x !== e);
        expect(dailySeries(removed, { fromDay: 0, toDay: 420, halfLifeDays: h })).toEqual(before);
      }),
    );
  });
});

describe('scoring.md properties with reliability, confidence, events and incremental updates', () => {
  const scored = fc.record({
    day: fc.integer({ min: 0, max: 400 }),
    direction: fc.constantFrom<'ab' | 'ba'>('ab', 'ba'),
    w: fc.double({ min: -10, max: 10, noNaN: true }),
    c: fc.double({ min: 0, max: 1, noNaN: true }),
    r: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const toEvent = (x: { day: number; direction: 'ab' | 'ba'; w: number; c: number; r: number }): ScoreEvent => ({
    day: x.day,
    direction: x.direction,
    s: eventScore(x.w, x.c, x.r),
  });

  it('s_e stays within −10 … +10 for any confidence and reliability', () => {
    fc.assert(
      fc.property(scored, (x) => {
        expect(Math.abs(toEvent(x).s)).toBeLessThanOrEqual(10);
      }),
    );
  });

  it('lowering a source’s reliability moves R toward zero by exactly that share of its events', () => {
    fc.assert(
      fc.property(
        fc.array(scored, { maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        day,
        halfLife,
        (xs, fromOutlet, f, T, h) => {
          const graded = xs.map((x, i) => (fromOutlet[i] ? { ...x, r: x.r * f } : x));
          const diff = figuresAt(graded.map(toEvent), T, h).combined.R - figuresAt(xs.map(toEvent), T, h).combined.R;
          const expected = xs.reduce(
            (sum, x, i) => sum + (fromOutlet[i] && x.day <= T ? x.w * x.c * x.r * (f - 1) * Math.pow(2, -(T - x.day) / h) : 0),
            0,
          );
          expect(diff).toBeCloseTo(expected, 6);
          // Activity does not depend on credibility: a doubted report still happened.
          expect(figuresAt(graded.map(toEvent), T, h).combined.A).toBeCloseTo(figuresAt(xs.map(toEvent), T, h).combined.A, 9);
        },
      ),
    );
  });

  it('an event grouping k reports counts once: activity falls by (k − 1)·d and R keeps only the best-attested report', () => {
    fc.assert(
      fc.property(
        events,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 400 }),
        day,
        halfLife,
        (es, credibilities, w, t, T, h) => {
          const reports = credibilities.map((k) => ({ day: t, direction: 'ab' as const, s: w * k }));
          const grouped = { day: t, direction: 'ab' as const, s: w * Math.max(...credibilities) };
          const apart = figuresAt([...es, ...reports], T, h);
          const together = figuresAt([...es, grouped], T, h);
          const d = decay(T - t, h);
          expect(apart.combined.A - together.combined.A).toBeCloseTo((credibilities.length - 1) * d, 9);
          expect(together.combined.R - figuresAt(es, T, h).combined.R).toBeCloseTo(grouped.s * d, 9);
        },
      ),
    );
  });

  it('resuming the recurrence from any day (the incremental update) gives exactly the full series', () => {
    fc.assert(
      fc.property(events, event, halfLife, (es, added, h) => {
        const sorted = [...es].sort((x, y) => x.day - y.day);
        const series = dailySeries(sorted, { fromDay: 0, toDay: 420, halfLifeDays: h });
        const withNew = [...sorted, added].sort((x, y) => x.day - y.day);
        if (added.day > 0) fillSeries(series, added.day - 1, stateAt(series, added.day - 1), withNew);
        else return; // a change on the first day restarts the series (see scoreCache)
        expect(series).toEqual(dailySeries(withNew, { fromDay: 0, toDay: 420, halfLifeDays: h }));
      }),
    );
  });

  it('per-day totals (s summed, n counted) give the same series as the events one by one', () => {
    fc.assert(
      fc.property(events, halfLife, (es, h) => {
        const totals = new Map<string, ScoreEvent>();
        for (const e of es) {
          const key = `${e.day}${e.direction}`;
          const t = totals.get(key) ?? { day: e.day, direction: e.direction, s: 0, n: 0 };
          totals.set(key, { ...t, s: t.s + e.s, n: (t.n ?? 0) + 1 });
        }
        const a = dailySeries(es, { fromDay: 0, toDay: 420, halfLifeDays: h });
        const b = dailySeries([...totals.values()], { fromDay: 0, toDay: 420, halfLifeDays: h });
        a.combined.R.forEach((v, i) => expect(b.combined.R[i]!).toBeCloseTo(v, 9));
        a.combined.A.forEach((v, i) => expect(b.combined.A[i]!).toBeCloseTo(v, 9));
      }),
    );
  });
});

describe('calendar buckets, reciprocity and crossings', () => {
  const item = fc
    .record({
      id: fc.uuid(),
      day: fc.integer({ min: 20000, max: 20400 }),
      direction: fc.constantFrom<'ab' | 'ba'>('ab', 'ba'),
      s: fc.integer({ min: -10, max: 10 }),
      codeKey: fc.constantFrom('THREAT', 'OVERTURE', 'CONCESSION'),
    })
    .map((x) => ({ ...x, rootKey: x.codeKey }));

  it('buckets are contiguous, zero-filled, and hold every item once', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.constantFrom<'week' | 'month'>('week', 'month'), (items, unit) => {
        const buckets = calendarBuckets(items, unit, 20000, 20400);
        for (let i = 1; i < buckets.length; i++) expect(isoToDay(buckets[i]!.start)).toBe(isoToDay(buckets[i - 1]!.end) + 1);
        expect(isoToDay(buckets[0]!.start)).toBeLessThanOrEqual(20000);
        expect(isoToDay(buckets[buckets.length - 1]!.end)).toBeGreaterThanOrEqual(20400);
        expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(items.length);
        expect(buckets.reduce((n, b) => n + b.sum, 0)).toBe(items.reduce((n, i) => n + i.s, 0));
        for (const b of buckets) expect(Object.values(b.counts).reduce((n, c) => n + c, 0)).toBe(b.count);
        if (unit === 'week') for (const b of buckets) expect(new Date(`${b.start}T00:00:00Z`).getUTCDay()).toBe(1);
      }),
    );
  });

  it('a reciprocated threat is answered by a threat the other way within the window', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.integer({ min: 0, max: 30 }), (items, windowDays) => {
        const pairs = reciprocatedThreats(items, windowDays);
        for (const p of pairs) {
          expect(p.threat.rootKey).toBe('THREAT');
          expect(p.answer.rootKey).toBe('THREAT');
          expect(p.answer.direction).not.toBe(p.threat.direction);
          expect(p.lagDays).toBeGreaterThanOrEqual(0);
          expect(p.lagDays).toBeLessThanOrEqual(windowDays);
        }
        // Every threat with an answer in the window is listed.
        const threats = items.filter((i) => i.rootKey === 'THREAT');
        const answered = threats.filter((t) =>
          threats.some((a) => a.direction !== t.direction && a.day >= t.day && a.day - t.day <= windowDays),
        );
        expect(pairs).toHaveLength(answered.length);
      }),
    );
  });

  it('crossings alternate sides of a threshold and mark every change of side', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -10, max: 10, noNaN: true }), { nil: null }), { maxLength: 60 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (values, t) => {
          const crossings = thresholdCrossings(values, 0, [t]);
          const sides = values.filter((v): v is number => v !== null).map((v) => v >= t);
          const changes = sides.filter((s, i) => i > 0 && s !== sides[i - 1]).length;
          expect(crossings).toHaveLength(changes);
          crossings.forEach((c, i) => i > 0 && expect(c.way).not.toBe(crossings[i - 1]!.way));
        },
      ),
    );
  });
});
