/**
 * Sentences and clauses of article text, from wink-nlp's sentence boundary
 * detection (abbreviations such as U.S., Mr., Sept. and No., initials and
 * decimals do not end a sentence) with two rules of news prose on top: a
 * paragraph without closing punctuation is a headline and one sentence, and a
 * sentence does not end inside an open quotation.
 */
import { analyse, nthToken, type Span, type Token } from './tokens';

const CLOSING = /[.!?…]["'”’)\]]*$/;

/** A paragraph that does not end as a sentence does, and is short: a headline, dateline or caption. */
export function isHeadline(paragraph: string): boolean {
  const t = paragraph.trim();
  return t.length > 0 && !CLOSING.test(t) && t.split(/\s+/).length <= 25;
}

/** The paragraphs of text: runs between line breaks, trimmed, empty ones skipped. */
function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text.charAt(start))) start++;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

const OPENERS = new Set(['“', '‘']);
const CLOSERS = new Set(['”', '’']);

/** Whether a quotation is still open at the end of the tokens: straight quotes counted in pairs, curly ones matched. */
function quoteOpen(tokens: readonly Token[], from: number, to: number): boolean {
  let straight = 0;
  let curly = 0;
  for (let i = from; i <= to; i++) {
    const t = nthToken(tokens, i).text;
    if (t === '"') straight++;
    else if (OPENERS.has(t) && t === '“') curly++;
    else if (CLOSERS.has(t) && t === '”') curly = Math.max(0, curly - 1);
  }
  return straight % 2 === 1 || curly > 0;
}

/** Sentences of one paragraph, as token index ranges, merged across open quotations. */
function paragraphSentences(tokens: readonly Token[], sentences: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let open: [number, number] | null = null;
  for (const s of sentences) {
    const cur: [number, number] = open ? [open[0], s[1]] : [s[0], s[1]];
    if (quoteOpen(tokens, cur[0], cur[1]) && s !== sentences[sentences.length - 1]) open = cur;
    else {
      out.push(cur);
      open = null;
    }
  }
  if (open) out.push(open);
  return out;
}

/** Every sentence of text, in order, as character spans (trimmed, never empty). */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const p of paragraphs(text)) {
    if (isHeadline(text.slice(p.start, p.end))) {
      spans.push(p);
      continue;
    }
    const { tokens, sentences } = analyse(text, p.start, p.end);
    for (const [first, last] of paragraphSentences(tokens, sentences)) {
      spans.push({ start: nthToken(tokens, first).start, end: nthToken(tokens, last).end });
    }
  }
  return spans;
}

/** The sentence that holds offset `at` (or the nearest one after it), or null past the last one. */
export function sentenceAt(spans: readonly Span[], at: number): Span | null {
  for (const s of spans) if (s.end > at) return s;
  return null;
}

/** Sentences of text that [start, end) touches, with the one before them (for pronouns), from a local window. */
export function sentencesAround(text: string, start: number, end: number): { previous: Span | null; touched: Span[] } {
  // Paragraphs bound the analysis: the previous sentence is looked for in the same paragraph or the one before.
  const from = Math.max(0, text.lastIndexOf('\n', Math.max(0, text.lastIndexOf('\n', start - 1) - 2)) + 1);
  let to = text.indexOf('\n', end);
  if (to < 0) to = text.length;
  const local = sentenceSpans(text.slice(from, to)).map((s) => ({ start: s.start + from, end: s.end + from }));
  const touched = local.filter((s) => s.end > start && s.start < Math.max(end, start + 1));
  const firstTouched = touched[0];
  const before = local.filter((s) => s.end <= (firstTouched ? firstTouched.start : start));
  return { previous: before[before.length - 1] ?? null, touched };
}

const CLAUSE_CONJUNCTIONS = new Set([
  'and',
  'but',
  'while',
  'whereas',
  'although',
  'though',
  'because',
  'after',
  'before',
  'as',
  'even',
  'yet',
  'so',
  'since',
  'when',
]);
const VERBAL = new Set(['VERB', 'AUX']);

/**
 * The clauses of a sentence, as character spans that cover it: a new clause
 * starts after a semicolon or colon, and at a conjunction that follows a
 * comma when a verb comes on both sides ("India protested, while Washington
 * defended the duties").
 */
export function clauseSpans(text: string, sentence: Span): Span[] {
  const { tokens } = analyse(text, sentence.start, sentence.end);
  const cuts: number[] = [];
  for (let i = 1; i < tokens.length - 1; i++) {
    const t = nthToken(tokens, i);
    const prev = nthToken(tokens, i - 1);
    if (t.pos === 'PUNCT' && (t.text === ';' || t.text === ':')) {
      cuts.push(i + 1);
      continue;
    }
    const conj = (t.pos === 'CCONJ' || t.pos === 'SCONJ') && CLAUSE_CONJUNCTIONS.has(t.lemma);
    if (!conj || prev.text !== ',') continue;
    const lastCut = cuts[cuts.length - 1] ?? 0;
    const verbBefore = tokens.slice(lastCut, i).some((x) => VERBAL.has(x.pos));
    const verbAfter = tokens.slice(i + 1).some((x) => VERBAL.has(x.pos));
    if (verbBefore && verbAfter) cuts.push(i);
  }
  const out: Span[] = [];
  let from = 0;
  for (const c of [...cuts, tokens.length]) {
    if (c > from) out.push({ start: nthToken(tokens, from).start, end: nthToken(tokens, c - 1).end });
    from = c;
  }
  return out.length ? out : [sentence];
}
