/**
 * Krippendorff's unitizing α: α_u over all categories and the per-category
 * cu-α (Krippendorff 2004, Content Analysis, 2nd ed., pp. 251–256; the
 * measure of Krippendorff 1995, "On the reliability of unitizing contiguous
 * data"). Coders mark stretches of one continuum [begin, begin + length) with
 * categories; what one coder leaves unmarked is a gap. Each category is
 * judged on its own continuum, so spans of different categories may overlap.
 * Pure: no Node, no DOM.
 */
import { present } from '../domain/present';

export interface UnitizedSpan {
  coder: number;
  category: string;
  start: number;
  /** Exclusive. */
  end: number;
}

export interface UnitizingInput {
  begin: number;
  length: number;
  /** m: coders 0 … coders − 1 (a coder who marked nothing still counts). */
  coders: number;
  spans: readonly UnitizedSpan[];
}

export interface CategoryUnitizing {
  category: string;
  observed: number;
  expected: number;
  /** cu-α; null when the expected disagreement is 0. */
  alpha: number | null;
}

export interface UnitizingResult {
  /** α_u over every category: 1 − ΣD_o / ΣD_e. */
  alpha: number | null;
  categories: CategoryUnitizing[];
}

interface Section {
  start: number;
  end: number;
  unit: boolean;
}

/**
 * One coder's sections of the continuum for one category: its units (the
 * spans clipped to the continuum, overlapping ones joined, since a coder's
 * units of one category may not overlap) and the gaps between them.
 */
function sections(spans: readonly { start: number; end: number }[], begin: number, end: number): Section[] {
  const units = spans
    .map((s) => ({ start: Math.max(begin, s.start), end: Math.min(end, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const joined: { start: number; end: number }[] = [];
  for (const u of units) {
    const last = joined[joined.length - 1];
    if (last && u.start < last.end) last.end = Math.max(last.end, u.end);
    else joined.push({ ...u });
  }
  const out: Section[] = [];
  let pos = begin;
  for (const u of joined) {
    if (u.start > pos) out.push({ start: pos, end: u.start, unit: false });
    out.push({ start: u.start, end: u.end, unit: true });
    pos = u.end;
  }
  if (pos < end) out.push({ start: pos, end, unit: false });
  return out;
}

/** δ² of two overlapping sections of two coders (Krippendorff 2004, p. 252). */
function distance(g: Section, h: Section): number {
  if (g.unit && h.unit) return (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
  if (g.unit && h.start <= g.start && g.end <= h.end) return (g.end - g.start) ** 2;
  if (h.unit && g.start <= h.start && h.end <= g.end) return (h.end - h.start) ** 2;
  return 0;
}

/** Σ δ² over every overlapping pair of sections of two coders (a sweep: both lists are sorted and tile the continuum). */
function pairDisagreement(a: readonly Section[], b: readonly Section[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  for (let g = a[i], h = b[j]; g && h; g = a[i], h = b[j]) {
    if (g.unit || h.unit) sum += distance(g, h);
    if (g.end < h.end) i++;
    else if (h.end < g.end) j++;
    else {
      i++;
      j++;
    }
  }
  return sum;
}

function categoryDisagreement(category: string, bySection: readonly Section[][], m: number, length: number): CategoryUnitizing {
  let pairs = 0;
  // bySection holds the m coders' sections.
  for (const [i, x] of bySection.entries()) for (const y of bySection.slice(i + 1)) pairs += pairDisagreement(x, y);
  // Σ over ordered pairs of coders is twice the unordered sum.
  const observed = (2 * pairs) / (m * (m - 1) * length * length);

  const units: number[] = [];
  const gaps: number[] = [];
  for (const list of bySection) for (const s of list) (s.unit ? units : gaps).push(s.end - s.start);
  gaps.sort((x, y) => x - y);
  // Suffix sums let Σ_{gaps h ≥ l} (l_h − l + 1) be read in O(log n) per unit.
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = (suffix[k + 1] ?? 0) + (gaps[k] ?? 0); // k < gaps.length
  const nc = units.length;
  let numerator = 0;
  let squared = 0;
  for (const l of units) {
    const first = lowerBound(gaps, l);
    const fitting = gaps.length - first;
    const fits = (suffix[first] ?? 0) - fitting * (l - 1); // first ≤ gaps.length
    numerator += ((nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fits;
    squared += l * (l - 1);
  }
  const denominator = m * length * (m * length - 1) - squared;
  const expected = denominator > 0 ? ((2 / length) * numerator) / denominator : 0;
  return { category, observed, expected, alpha: expected > 0 ? 1 - observed / expected : null };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? value) < value) lo = mid + 1; // mid < sorted.length
    else hi = mid;
  }
  return lo;
}

export function unitizingAlpha(input: UnitizingInput): UnitizingResult {
  const { begin, length, coders: m } = input;
  if (!(length > 0)) throw new RangeError('The continuum must be longer than 0.');
  if (!(m >= 2)) throw new RangeError('Unitizing α needs at least two coders.');
  const byCategory = new Map<string, { start: number; end: number }[][]>();
  for (const s of input.spans) {
    if (s.coder < 0 || s.coder >= m || !Number.isInteger(s.coder)) throw new RangeError(`Coder ${s.coder} is not one of the ${m} coders.`);
    let perCoder = byCategory.get(s.category);
    if (!perCoder) byCategory.set(s.category, (perCoder = Array.from({ length: m }, () => [])));
    present(perCoder[s.coder], `coder ${s.coder}`).push(s);
  }
  const categories = [...byCategory].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([category, perCoder]) =>
    categoryDisagreement(
      category,
      perCoder.map((spans) => sections(spans, begin, begin + length)),
      m,
      length,
    ),
  );
  const observed = categories.reduce((sum, c) => sum + c.observed, 0);
  const expected = categories.reduce((sum, c) => sum + c.expected, 0);
  return { alpha: expected > 0 ? 1 - observed / expected : null, categories };
}
