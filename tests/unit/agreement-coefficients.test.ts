/**
 * The agreement coefficients against published values. Each example's data is
 * transcribed from its source, named at the test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../shared/agreement/alpha';
import { characterTable, cohensKappa } from '../../shared/agreement/characterKappa';
import { directionAgreement } from '../../shared/agreement/direction';
import { unitizingAlpha, type UnitizedSpan } from '../../shared/agreement/unitizing';
import { sentenceUnits } from '../../shared/agreement/units';

describe("Krippendorff's α (coding)", () => {
  it('binary data, 2 coders × 10 units: α = 0.095', () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    // https://repository.upenn.edu/asc_papers/43, section A (binary data, two
    // observers, no missing data), p. 3: α = 0.095.
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlpha([a, b], 'nominal').alpha).toBeCloseTo(0.095, 3);
  });

  it('nominal data, 2 coders × 12 units: α = 0.692', () => {
    // Krippendorff (2011), section B (nominal data, two observers, no missing data), p. 4: α = 0.692.
    const ben = ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'];
    const gerry = ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'];
    expect(krippendorffAlpha([ben, gerry], 'nominal').alpha).toBeCloseTo(0.692, 3);
  });

  it('nominal data, 4 coders × 12 units with missing values: α = 0.743 (interval 0.849)', () => {
    // Krippendorff (2011), section C (nominal data, any number of observers, missing data), p. 5: α = 0.743;
    // section D gives interval α = 0.849 for the same data.
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    expect(krippendorffAlpha(data, 'nominal').alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(data, 'interval').alpha).toBeCloseTo(0.849, 3);
  });

  it("Wikipedia's 3 coders × 15 units: nominal α = 0.691358, interval α = 0.810845", () => {
    // https://en.wikipedia.org/wiki/Krippendorff%27s_alpha#A_computational_example
    // (the table as transcribed in dallascard/krippendorff_alpha, example.jsonlist; * = missing).
    const _ = null;
    const data = [
      [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
      [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
      [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ];
    expect(krippendorffAlpha(data, 'nominal').alpha).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(data, 'interval').alpha).toBeCloseTo(0.810845, 6);
  });

  it('is undefined when the values show no variation, and refuses non-numbers on the interval metric', () => {
    expect(krippendorffAlpha([['x', 'x'], ['x', 'x']], 'nominal').alpha).toBeNull();
    expect(krippendorffAlpha([['x'], [null]], 'nominal').pairable).toBe(0);
    expect(() => krippendorffAlpha([['x'], ['y']], 'interval')).toThrow(/finite numbers/);
  });

  // Reliability data with at least two distinct values, so α is defined.
  const reliability = fc
    .record({
      coders: fc.integer({ min: 2, max: 4 }),
      units: fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 4, maxLength: 4 }), {
        minLength: 2,
        maxLength: 20,
      }),
    })
    .map(({ coders, units }) => Array.from({ length: coders }, (_, c) => units.map((u) => u[c] ?? null)))
    .filter((data) => krippendorffAlpha(data, 'nominal').alpha !== null);

  it('α = 1 for identical coders', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 30 }).filter((xs) => new Set(xs).size > 1),
        fc.integer({ min: 2, max: 5 }),
        (row, coders) => {
          const data = Array.from({ length: coders }, () => row);
          expect(krippendorffAlpha(data, 'nominal').alpha).toBeCloseTo(1, 12);
          expect(krippendorffAlpha(data, 'interval').alpha).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is symmetric in the coders', () => {
    fc.assert(
      fc.property(reliability, (data) => {
        const reversed = [...data].reverse();
        expect(krippendorffAlpha(reversed, 'nominal').alpha).toBeCloseTo(krippendorffAlpha(data, 'nominal').alpha!, 12);
        expect(krippendorffAlpha(reversed, 'interval').alpha ?? 0).toBeCloseTo(krippendorffAlpha(data, 'interval').alpha ?? 0, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('nominal α is invariant under renaming the categories', () => {
    fc.assert(
      fc.property(reliability, fc.shuffledSubarray(['p', 'q', 'r', 's', 't'], { minLength: 5, maxLength: 5 }), (data, names) => {
        const renamed = data.map((row) => row.map((v) => (v === null ? null : names[v]!)));
        expect(krippendorffAlpha(renamed, 'nominal').alpha).toBeCloseTo(krippendorffAlpha(data, 'nominal').alpha!, 12);
      }),
      { numRuns: 300 },
    );
  });
});

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

describe("Krippendorff's unitizing α", () => {
  it('the 2004 example on [150, 450): α_u = 0.8591, cu-α(c) = 0.7286, cu-α(k) = 1.0', () => {
    // Krippendorff (2004), Content Analysis: An Introduction to Its Methodology, 2nd ed., p. 254
    // (the spans as transcribed in dkpro/dkpro-statistics, Krippendorff2004Test.java, as
    // begin + length): coder 0 marks c at 225+70, 370+30 and k at 180+60, 300+50; coder 1 marks
    // c at 220+80, 355+20, 400+20 and k at 180+60, 300+50. D_o(c) = 0.0144, D_e(c) = 0.0532, D_e(k) = 0.0490.
    const span = (coder: number, category: string, start: number, length: number): UnitizedSpan => ({
      coder,
      category,
      start,
      end: start + length,
    });
    const result = unitizingAlpha({
      begin: 150,
      length: 300,
      coders: 2,
      spans: [
        span(0, 'c', 225, 70),
        span(0, 'c', 370, 30),
        span(1, 'c', 220, 80),
        span(1, 'c', 355, 20),
        span(1, 'c', 400, 20),
        span(0, 'k', 180, 60),
        span(0, 'k', 300, 50),
        span(1, 'k', 180, 60),
        span(1, 'k', 300, 50),
      ],
    });
    const c = result.categories.find((x) => x.category === 'c')!;
    const k = result.categories.find((x) => x.category === 'k')!;
    expect(c.observed).toBeCloseTo(0.0144, 4);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(c.alpha).toBeCloseTo(0.7286, 4);
    expect(k.observed).toBe(0);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(k.alpha).toBeCloseTo(1, 4);
    // The book's 0.8591 is 1 − 0.0144 / (0.0532 + 0.0490), from the disagreements rounded to four
    // places; unrounded (D_o(c) = 0.01444…, D_e(c) = 0.05318…) α_u is 0.85867, within that rounding.
    expect(1 - round4(c.observed) / (round4(c.expected) + round4(k.expected))).toBeCloseTo(0.8591, 4);
    expect(Math.abs(result.alpha! - 0.8591)).toBeLessThan(0.0005);
  });

  it('refuses a continuum of no length, a single coder, or a coder out of range', () => {
    expect(() => unitizingAlpha({ begin: 0, length: 0, coders: 2, spans: [] })).toThrow(/longer than 0/);
    expect(() => unitizingAlpha({ begin: 0, length: 9, coders: 1, spans: [] })).toThrow(/two coders/);
    expect(() => unitizingAlpha({ begin: 0, length: 9, coders: 2, spans: [{ coder: 2, category: 'x', start: 0, end: 1 }] })).toThrow(/not one of/);
  });

  const unitized = fc
    .array(
      fc.record({
        coder: fc.integer({ min: 0, max: 2 }),
        category: fc.constantFrom('x', 'y'),
        start: fc.integer({ min: 0, max: 90 }),
        length: fc.integer({ min: 1, max: 30 }),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((xs) => xs.map((s) => ({ coder: s.coder, category: s.category, start: s.start, end: s.start + s.length })));

  it('α_u = 1 for identical coders, and is symmetric in the coders', () => {
    fc.assert(
      fc.property(unitized, (spans) => {
        const one = spans.map((s) => ({ ...s, coder: 0 }));
        const same = unitizingAlpha({ begin: 0, length: 120, coders: 3, spans: [0, 1, 2].flatMap((c) => one.map((s) => ({ ...s, coder: c }))) });
        for (const cat of same.categories) if (cat.alpha !== null) expect(cat.alpha).toBeCloseTo(1, 9);
        const swapped = spans.map((s) => ({ ...s, coder: 2 - s.coder }));
        const a = unitizingAlpha({ begin: 0, length: 120, coders: 3, spans });
        const b = unitizingAlpha({ begin: 0, length: 120, coders: 3, spans: swapped });
        expect(b.alpha ?? 9).toBeCloseTo(a.alpha ?? 9, 9);
      }),
      { numRuns: 200 },
    );
  });
});

describe("Cohen's κ by character (NVivo's coding comparison)", () => {
  it("matches Wikipedia's worked example: 50 units, κ = 0.4", () => {
    // https://en.wikipedia.org/wiki/Cohen%27s_kappa#Simple_example: A and B say yes 20, A yes B no 5,
    // A no B yes 10, both no 15; p_o = 0.7, p_e = 0.5, κ = 0.4. Here as 50 characters.
    const t = { both: 20, onlyA: 5, onlyB: 10, neither: 15 };
    const r = cohensKappa(t);
    expect(r.percentAgreement).toBeCloseTo(0.7, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it('counts uncoded characters agreed on, and each character once however many spans cover it', () => {
    // 100 characters; A codes [10,30) and [20,40) = [10,40) (30 chars); B codes [30,50) (20 chars).
    // both = [30,40) = 10, onlyA = 20, onlyB = 10, neither = 60; p_o = 0.7;
    // p_A = 0.3, p_B = 0.2, p_e = 0.06 + 0.56 = 0.62, κ = 0.08 / 0.38.
    const t = characterTable(100, [{ start: 10, end: 30 }, { start: 20, end: 40 }], [{ start: 30, end: 50 }]);
    expect(t).toEqual({ both: 10, onlyA: 20, onlyB: 10, neither: 60 });
    expect(cohensKappa(t).kappa).toBeCloseTo(0.08 / 0.38, 12);
  });

  it('κ = 1 where neither coder used the code', () => {
    expect(cohensKappa(characterTable(50, [], []))).toEqual({ total: 50, percentAgreement: 1, kappa: 1 });
  });
});

describe('direction agreement', () => {
  it('counts pairs with the same source and target and discounts chance', () => {
    const usaInd = { source: 'USA', target: 'IND' };
    const indUsa = { source: 'IND', target: 'USA' };
    const r = directionAgreement([
      { a: usaInd, b: usaInd },
      { a: usaInd, b: usaInd },
      { a: indUsa, b: indUsa },
      { a: usaInd, b: indUsa },
    ]);
    expect(r).toMatchObject({ pairs: 4, agreed: 3, percent: 0.75 });
    // The binary α of the same 2 × 4 data (values 0/1), computed by the coding module.
    expect(r.alpha).toBeCloseTo(krippendorffAlpha([[0, 0, 1, 0], [0, 0, 1, 1]], 'nominal').alpha!, 12);
    expect(directionAgreement([])).toEqual({ pairs: 0, agreed: 0, percent: null, alpha: null });
  });
});

describe('agreement units', () => {
  // A stop inside a word ("3.5") ends nothing; an abbreviation before a space ("U.S. aid") does, a
  // known limit shared with the direction proposal's sentence rule.
  it('splits sentences at a stop before white space or a line break', () => {
    const text = 'Talks on 3.5 billion in U.S. aid stalled. “Never!” he said?\nNew line here';
    const spans = sentenceUnits(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Talks on 3.5 billion in U.S.', 'aid stalled.', '“Never!”', 'he said?', 'New line here']);
  });
});
