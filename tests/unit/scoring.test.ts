import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailySeries, figuresAt, type ScoreEvent } from '../../shared/scoring/score';

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
