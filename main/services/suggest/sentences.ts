/**
 * Sentence spans of an article's text for suggestions: split at . ! ? and
 * line breaks, not after abbreviations ("U.S.", "Mr.") or initials. Not the
 * coding work's wink-nlp segmentation (shared/nlp): that takes about 0.4 s
 * for a 1,000-word article on this machine under load, four times the
 * budget for suggestions after open and a sixth of the batch's rate (bench
 * suggest). The sentence analysis still decides each suggestion's direction.
 */
export interface Span {
  start: number;
  end: number;
}

const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sen|Rep|Gov|Prof|Jr|Sr|No|vs|etc|Inc|Ltd|Co)|\b\p{L}(?:\.\p{L})*)$/u;

export function sentenceSpans(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text.charAt(s))) s++;
    while (e > s && /\s/.test(text.charAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\n') {
      push(i + 1);
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < text.length && /["”’)]/.test(text.charAt(j))) j++;
    if (j < text.length && !/\s/.test(text.charAt(j))) continue;
    if (c === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 6), i))) {
      // "the U.S. said": an abbreviation unless a capitalised word follows a lower-case run.
      const next = /\s+(\p{Lu})/u.exec(text.slice(j, j + 3));
      if (!next) continue;
      if (/\b\p{L}\.\p{L}$/u.test(text.slice(Math.max(0, i - 4), i))) continue;
    }
    push(j);
  }
  push(text.length);
  return out;
}
