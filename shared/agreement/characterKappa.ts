/**
 * Percent agreement and Cohen's κ by character over the whole text, as NVivo
 * defines its coding comparison: every character of the text is a unit, coded
 * or not coded by each of two coders, so uncoded text agreed on counts as
 * agreement (QualCoder's variant counts only coded characters, which is why
 * its κ distorts). Pure: no Node, no DOM.
 */

export interface Span {
  start: number;
  end: number;
}

/** The 2×2 table of characters: coded by both, by A only, by B only, by neither. */
export interface CharacterTable {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface KappaResult {
  total: number;
  percentAgreement: number;
  kappa: number;
}

/** Sorted, non-overlapping union of spans, clipped to [0, length). */
export function unionSpans(spans: readonly Span[], length: number): Span[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

function covered(spans: readonly Span[]): number {
  return spans.reduce((sum, s) => sum + (s.end - s.start), 0);
}

/** Characters of a text of `length` characters, by who coded them (spans may overlap; each character counts once). */
export function characterTable(length: number, spansA: readonly Span[], spansB: readonly Span[]): CharacterTable {
  const a = unionSpans(spansA, length);
  const b = unionSpans(spansB, length);
  let both = 0;
  let i = 0;
  let j = 0;
  for (let x = a[i], y = b[j]; x && y; x = a[i], y = b[j]) {
    both += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    if (x.end < y.end) i++;
    else j++;
  }
  const inA = covered(a);
  const inB = covered(b);
  return { both, onlyA: inA - both, onlyB: inB - both, neither: length - inA - inB + both };
}

export function addTables(x: CharacterTable, y: CharacterTable): CharacterTable {
  return { both: x.both + y.both, onlyA: x.onlyA + y.onlyA, onlyB: x.onlyB + y.onlyB, neither: x.neither + y.neither };
}

/**
 * Percent agreement (0–1) and Cohen's κ of a table. Where chance agreement is
 * total (neither coder used the code, or both coded everything) agreement is
 * total too, and κ is 1, as NVivo reports it.
 */
export function cohensKappa(t: CharacterTable): KappaResult {
  const total = t.both + t.onlyA + t.onlyB + t.neither;
  if (total === 0) return { total, percentAgreement: 1, kappa: 1 };
  const po = (t.both + t.neither) / total;
  const pa = (t.both + t.onlyA) / total;
  const pb = (t.both + t.onlyB) / total;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  const kappa = pe >= 1 ? 1 : (po - pe) / (1 - pe);
  return { total, percentAgreement: po, kappa };
}
