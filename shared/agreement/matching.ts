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

/** How a pair of passages, one of each coder, compares. */
type PairKind = Exclude<MatchKind, 'only-a' | 'only-b'>;

/** A passage of A and one of B paired, or one coder's passage that has no partner. */
export type Match<P extends CodedPassage = CodedPassage> =
  { kind: PairKind; a: P; b: P } | { kind: 'only-a'; a: P; b: null } | { kind: 'only-b'; a: null; b: P };

/** A's passage of the match, or B's where A has none. */
export function firstPassage<P extends CodedPassage>(m: Match<P>): P {
  return m.kind === 'only-b' ? m.b : m.a;
}

function overlap(a: CodedPassage, b: CodedPassage): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

const sameDirection = (a: CodedPassage, b: CodedPassage) => a.source === b.source && a.target === b.target;
const sameSpan = (a: CodedPassage, b: CodedPassage) => a.start === b.start && a.end === b.end;

function kindOf(a: CodedPassage, b: CodedPassage): PairKind {
  if (!sameSpan(a, b)) return 'overlap';
  if (a.code !== b.code) return 'other-code';
  return sameDirection(a, b) ? 'agree' : 'other-direction';
}

/** Matches of the passages of coder A and coder B of one text, in text order. */
export function matchPassages<P extends CodedPassage>(as: readonly P[], bs: readonly P[]): Match<P>[] {
  const candidates: { i: number; j: number; a: P; b: P; span: number; code: number; dir: number; o: number }[] = [];
  const byStart = bs.map((b, j) => ({ b, j })).sort((x, y) => x.b.start - y.b.start);
  for (const [i, a] of as.entries()) {
    for (const { b, j } of byStart) {
      if (b.start >= a.end) break;
      const o = overlap(a, b);
      if (o <= 0) continue;
      candidates.push({ i, j, a, b, span: sameSpan(a, b) ? 1 : 0, code: a.code === b.code ? 1 : 0, dir: sameDirection(a, b) ? 1 : 0, o });
    }
  }
  // Best first: same span, then same code, then same direction, then the larger overlap.
  candidates.sort((x, y) => y.span - x.span || y.code - x.code || y.dir - x.dir || y.o - x.o || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Match<P>[] = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    out.push({ kind: kindOf(c.a, c.b), a: c.a, b: c.b });
  }
  as.forEach((a, i) => usedA.has(i) || out.push({ kind: 'only-a', a, b: null }));
  bs.forEach((b, j) => usedB.has(j) || out.push({ kind: 'only-b', a: null, b }));
  const at = (m: Match<P>) => Math.min(m.a?.start ?? Infinity, m.b?.start ?? Infinity);
  return out.sort((x, y) => at(x) - at(y) || firstPassage(x).id - firstPassage(y).id);
}
