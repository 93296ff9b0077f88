/**
 * Tokens of English text from wink-nlp with its English lite model (both MIT,
 * self-contained in npm): part of speech, lemma and character offsets into the
 * text given. Pure (no I/O): the same module runs in the main process, the
 * renderer and the benchmark. The model is read once, on first use (about
 * 0.1 s), so importing this module costs nothing until text is analysed.
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Span {
  start: number;
  end: number;
}

/** Token i of a sentence, which the caller has checked lies inside it. */
export function nthToken(tokens: readonly Token[], i: number): Token {
  const t = tokens[i];
  if (t === undefined) throw new RangeError(`Token ${i} lies outside the sentence (${tokens.length} tokens).`);
  return t;
}

export interface Token extends Span {
  /** The token as written. */
  text: string;
  /** Universal part-of-speech tag (NOUN, PROPN, VERB, AUX, ADP, PRON, PUNCT, …). */
  pos: string;
  /** Lower-case base form ("imposed" → "impose"). */
  lemma: string;
}

export interface Analysed {
  tokens: Token[];
  /** Sentences as [first, last] token indexes (inclusive), in order. */
  sentences: [number, number][];
}

let nlp: WinkMethods | null = null;

function engine(): WinkMethods {
  // Sentence boundaries and parts of speech only: entities, negation and sentiment are not used.
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

/**
 * Analyses text[from, to). `shadow`, when given, is a same-length rewrite of
 * the text that the tagger reads instead (used for headlines in capitals);
 * offsets and token texts always refer to the original.
 */
export function analyse(text: string, from = 0, to = text.length, shadow?: string): Analysed {
  const slice = text.slice(from, to);
  // The same paragraph or sentence is read again and again while one article is worked on: the
  // direction of each suggested sentence reads its paragraph, its clauses and the sentence before.
  // Kept relative to the slice, so a hit costs only shifting the offsets.
  const key = shadow === undefined ? slice : `${slice}\u0000${shadow}`;
  let got = recent.get(key);
  if (got) {
    recent.delete(key);
  } else {
    got = analyseSlice(slice, shadow);
    const oldest = recent.keys().next();
    if (recent.size >= RECENT && !oldest.done) recent.delete(oldest.value);
  }
  recent.set(key, got);
  // Copies: callers may change what they get.
  return {
    tokens: got.tokens.map((t) => ({ ...t, start: t.start + from, end: t.end + from })),
    sentences: got.sentences.map(([a, b]) => [a, b]),
  };
}

/** Recently analysed slices (least recently used first). */
const recent = new Map<string, Analysed>();
const RECENT = 256;

function analyseSlice(slice: string, shadow: string | undefined): Analysed {
  const read = shadow !== undefined && shadow.length === slice.length ? shadow : slice;
  const w = engine();
  const doc = w.readDoc(read);
  const its = w.its;
  const values: string[] = doc.tokens().out();
  const pos: string[] = doc.tokens().out(its.pos);
  // The lite model's lemma helper is typed for addons the types do not know; it returns strings.
  const lemmas: string[] = doc.tokens().out(its.lemma as unknown as typeof its.value);
  const tokens: Token[] = [];
  const indexOf: number[] = []; // wink token index → our token index (spaces are dropped)
  let at = 0;
  for (const [i, v] of values.entries()) {
    const found = read.indexOf(v, at);
    const start = found >= 0 ? found : at;
    const end = start + v.length;
    at = end;
    indexOf.push(tokens.length);
    if (pos[i] === 'SPACE' || !v.trim()) continue;
    tokens.push({
      start,
      end,
      text: slice.slice(start, end),
      pos: pos[i] ?? '',
      lemma: (lemmas[i] ?? v).toLowerCase(),
    });
  }
  const sentences: [number, number][] = [];
  for (const [s, e] of doc.sentences().out(its.span) as unknown as [number, number][]) {
    const first = indexOf[s] ?? tokens.length;
    let last = (indexOf[e] ?? tokens.length) - (pos[e] === 'SPACE' ? 1 : 0);
    if (last >= tokens.length) last = tokens.length - 1;
    if (last >= first) sentences.push([first, last]);
  }
  return { tokens, sentences };
}
