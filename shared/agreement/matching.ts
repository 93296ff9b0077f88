/**
 * Pairs two coders' passages of one text, for direction agreement, the
 * boundary diagnostic and adjudication. Passages that overlap are paired one
 * to one, the best pairs first: the same span before a wider overlap, the
 * same code and direction before another. What is left unpaired was tagged
 * by one coder only. Pure: no Node, no DOM.
 */

export interface CodedPassage {
  id: number;
  start: number;
  end: number;
  /** The code compared (Parley compares top-level codes: a subtype counts as its code). */
  code: string;
  source: string;
  target: string;
}

/** How a pair or a lone passage disagrees (adjudication walks these); 'agree' pairs need nothing. */
export type MatchKind = 'agree' | 'only-a' | 'only-b' | 'other-code' | 'other-direction' | 'overlap';

export interface Match<P extends CodedPassage = CodedPassage> {
  kind: MatchKind;
  a: P | null;
  b: P | null;
}

function overlap(a: CodedPassage, b: CodedPassage): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

const sameDirection = (a: CodedPassage, b: CodedPassage) => a.source === b.source && a.target === b.target;
const sameSpan = (a: CodedPassage, b: CodedPassage) => a.start === b.start && a.end === b.end;

function kindOf(a: CodedPassage, b: CodedPassage): MatchKind {
  if (!sameSpan(a, b)) return 'overlap';
  if (a.code !== b.code) return 'other-code';
  return sameDirection(a, b) ? 'agree' : 'other-direction';
}

/** Matches of the passages of coder A and coder B of one text, in text order. */
export function matchPassages<P extends CodedPassage>(as: readonly P[], bs: readonly P[]): Match<P>[] {
  const candidates: { i: number; j: number; rank: number[] }[] = [];
  const byStart = [...bs.keys()].sort((x, y) => bs[x]!.start - bs[y]!.start);
  for (let i = 0; i < as.length; i++) {
    const a = as[i]!;
    for (const j of byStart) {
      const b = bs[j]!;
      if (b.start >= a.end) break;
      const o = overlap(a, b);
      if (o <= 0) continue;
      const span = sameSpan(a, b) ? 1 : 0;
      const code = a.code === b.code ? 1 : 0;
      const dir = sameDirection(a, b) ? 1 : 0;
      candidates.push({ i, j, rank: [span, code, dir, o] });
    }
  }
  candidates.sort((x, y) => {
    for (let k = 0; k < x.rank.length; k++) if (x.rank[k] !== y.rank[k]) return y.rank[k]! - x.rank[k]!;
    return x.i - y.i || x.j - y.j;
  });
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Match<P>[] = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    out.push({ kind: kindOf(as[c.i]!, bs[c.j]!), a: as[c.i]!, b: bs[c.j]! });
  }
  as.forEach((a, i) => usedA.has(i) || out.push({ kind: 'only-a', a, b: null }));
  bs.forEach((b, j) => usedB.has(j) || out.push({ kind: 'only-b', a: null, b }));
  const at = (m: Match<P>) => Math.min(m.a?.start ?? Infinity, m.b?.start ?? Infinity);
  return out.sort((x, y) => at(x) - at(y) || (x.a?.id ?? x.b!.id) - (y.a?.id ?? y.b!.id));
}
