/**
 * The CAMEO noun patterns of a verb ("threaten * sanctions"), compiled for
 * speed: words pre-stemmed, and indexed by the first word after the verb so
 * that a verb with hundreds of patterns checks only those whose first word
 * occurs in the sentence.
 */
import { stem } from './tokens';

/** As stored: [block, words before the verb, words after, CAMEO code]; each element lists alternatives. */
export type Pattern = [block: number, before: string[][], after: string[][], code: string | null];

interface Word {
  raw: string;
  stem: string;
}
type Element = Word[][];

export interface CompiledPattern {
  /** Rank: more specific patterns (more elements) first, then file order. */
  order: number;
  before: Element[];
  after: Element[];
  code: string | null;
}

export interface PatternIndex {
  byFirstWord: Map<string, CompiledPattern[]>;
  beforeOnly: CompiledPattern[];
}

const compileElement = (alts: string[]): Element => alts.map((a) => a.split(' ').map((raw) => ({ raw, stem: stem(raw) })));

export function compilePatterns(list: readonly Pattern[]): PatternIndex {
  const sorted = list
    .filter((p) => p[1].length + p[2].length > 0) // "- * +": a target only, no words to match
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p[1].length + b.p[2].length - (a.p[1].length + a.p[2].length) || a.i - b.i);
  const byFirstWord = new Map<string, CompiledPattern[]>();
  const beforeOnly: CompiledPattern[] = [];
  sorted.forEach(({ p }, order) => {
    const c: CompiledPattern = { order, before: p[1].map(compileElement), after: p[2].map(compileElement), code: p[3] };
    const [firstAfter] = c.after;
    if (firstAfter === undefined) {
      beforeOnly.push(c);
      return;
    }
    for (const alt of firstAfter) {
      const key = alt[0]?.stem ?? ''; // a compiled alternative has at least one word
      const at = byFirstWord.get(key) ?? [];
      if (!at.includes(c)) at.push(c);
      byFirstWord.set(key, at);
    }
  });
  return { byFirstWord, beforeOnly };
}

export interface Window {
  lowers: readonly string[];
  stems: readonly string[];
}

const same = (w: Window, i: number, word: Word) => w.lowers[i] === word.raw || w.stems[i] === word.stem;

function matchAlt(w: Window, i: number, alt: Word[]): number {
  for (const [k, word] of alt.entries()) if (i + k >= w.lowers.length || !same(w, i + k, word)) return -1;
  return i + alt.length;
}

function matchSeq(w: Window, from: number, to: number, seq: readonly Element[]): boolean {
  let i = from;
  for (const alts of seq) {
    let found = -1;
    for (let j = i; j < to && found < 0; j++) {
      for (const alt of alts) {
        found = matchAlt(w, j, alt);
        if (found >= 0) break;
      }
    }
    if (found < 0) return false;
    i = found;
  }
  return true;
}

/** The most specific pattern matching around the verb at [at, end), or null. */
export function bestPattern(index: PatternIndex, w: Window, at: number, end: number): CompiledPattern | null {
  const to = Math.min(w.lowers.length, end + 8);
  const from = Math.max(0, at - 5);
  const candidates = new Set<CompiledPattern>(index.beforeOnly);
  for (let j = end; j < to; j++) {
    for (const c of index.byFirstWord.get(w.stems[j] ?? '') ?? []) candidates.add(c);
    for (const c of index.byFirstWord.get(w.lowers[j] ?? '') ?? []) candidates.add(c);
  }
  let best: CompiledPattern | null = null;
  for (const c of candidates) {
    if (best && c.order > best.order) continue;
    if (matchSeq(w, end, to, c.after) && matchSeq(w, from, at, c.before)) best = c;
  }
  return best;
}
