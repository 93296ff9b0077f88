/**
 * Sentence spans of an article's text for suggestions. Stands in until the
 * coding work's sentence analysis (wink-nlp) lands; it splits at . ! ? and
 * line breaks, not after abbreviations ("U.S.", "Mr.") or initials.
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
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(i + 1);
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < text.length && /["”’)]/.test(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue;
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
