/**
 * Krippendorff's α for coding data (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability"): any number of coders, missing values
 * allowed, nominal or interval metric. Pure: no Node, no DOM.
 *
 * Units with fewer than two values are not pairable and drop out, as the
 * definition says; α is undefined (null) when the pairable values show no
 * variation at all (expected disagreement 0).
 */

export type AlphaLevel = 'nominal' | 'interval';
export type AlphaValue = string | number;

export interface AlphaResult {
  /** null when expected disagreement is 0 (every pairable value alike) or nothing is pairable. */
  alpha: number | null;
  observed: number;
  expected: number;
  /** n: the number of pairable values. */
  pairable: number;
}

/**
 * `data[coder][unit]` is the value that coder gave the unit, or null/undefined
 * when the coder did not code it. Coders may have rows of different lengths.
 */
export function krippendorffAlpha(
  data: readonly (readonly (AlphaValue | null | undefined)[])[],
  level: AlphaLevel,
): AlphaResult {
  const unitCount = data.reduce((max, row) => Math.max(max, row.length), 0);
  const units: (AlphaValue | null | undefined)[][] = [];
  for (let u = 0; u < unitCount; u++) units.push(data.map((row) => row[u]));
  return alphaFromUnits(units, level);
}

/** Same as krippendorffAlpha with the matrix transposed: `units[unit]` lists the values its coders gave. */
export function alphaFromUnits(units: readonly (readonly (AlphaValue | null | undefined)[])[], level: AlphaLevel): AlphaResult {
  const index = new Map<AlphaValue, number>();
  const values: AlphaValue[] = [];
  // Coincidences o[c][k], sparse by key c*V+k is awkward before V is known, so keep per-pair maps.
  const coincidence = new Map<number, Map<number, number>>();
  for (const unit of units) {
    const counts = new Map<number, number>();
    let mu = 0;
    for (const v of unit) {
      if (v === null || v === undefined) continue;
      if (level === 'interval' && (typeof v !== 'number' || !Number.isFinite(v))) {
        throw new RangeError(`Interval α needs finite numbers; got ${JSON.stringify(v)}.`);
      }
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        index.set(v, i);
        values.push(v);
      }
      counts.set(i, (counts.get(i) ?? 0) + 1);
      mu++;
    }
    if (mu < 2) continue;
    for (const [c, nc] of counts) {
      let row = coincidence.get(c);
      if (!row) coincidence.set(c, (row = new Map()));
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs > 0) row.set(k, (row.get(k) ?? 0) + pairs / (mu - 1));
      }
    }
  }
  const delta = level === 'nominal' ? nominalDelta : intervalDelta(values as number[]);
  const marginals = new Map<number, number>();
  let n = 0;
  let observedSum = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      marginals.set(c, (marginals.get(c) ?? 0) + o);
      n += o;
      observedSum += o * delta(c, k);
    }
  }
  let expectedSum = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) expectedSum += nc * nk * delta(c, k);
  const observed = n > 0 ? observedSum / n : 0;
  const expected = n > 1 ? expectedSum / (n * (n - 1)) : 0;
  // Rounding can leave a few ulps of "disagreement" where there is none: treat it as none.
  const alpha = expected > 1e-12 ? 1 - observed / expected : null;
  return { alpha, observed, expected, pairable: n };
}

function nominalDelta(c: number, k: number): number {
  return c === k ? 0 : 1;
}

function intervalDelta(values: readonly number[]): (c: number, k: number) => number {
  return (c, k) => {
    const x = values[c];
    const y = values[k];
    if (x === undefined || y === undefined) throw new RangeError(`There is no value for category ${x === undefined ? c : k}.`);
    return (x - y) ** 2;
  };
}
