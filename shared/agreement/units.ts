/**
 * The units agreement is measured over: sentences and paragraphs of an
 * article's normalized text. Pure: no Node, no DOM.
 *
 * A sentence ends at . ! or ? (with any closing quotes or brackets) followed
 * by white space, or at a line break: the same rule as the direction
 * proposal's sentenceAround (shared/domain/direction.ts). Intl.Segmenter would
 * know abbreviations better, but it is far slower over a thousand articles and
 * the two coders are compared over the same units either way.
 */
import { paragraphSpans, type Span } from '../domain/text';

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0';
const isStop = (c: string | undefined) => c === '.' || c === '!' || c === '?';
const isCloser = (c: string | undefined) => c !== undefined && '"\'”’)]'.includes(c);

/** Sentences, surrounding white space excluded; blank stretches are no unit. */
export function sentenceUnits(text: string): Span[] {
  const out: Span[] = [];
  const push = (from: number, to: number) => {
    while (from < to && isSpace(text[from])) from++;
    while (to > from && isSpace(text[to - 1])) to--;
    if (to > from) out.push({ start: from, end: to });
  };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      push(start, i);
      start = i + 1;
    } else if (isStop(c)) {
      let j = i + 1;
      while (j < text.length && (isStop(text[j]) || isCloser(text[j]))) j++;
      // A stop not followed by white space ("3.5", "U.S.") does not end the sentence.
      if (j === text.length || isSpace(text[j])) {
        push(start, j);
        start = j;
        i = j - 1;
      }
    }
  }
  push(start, text.length);
  return out;
}

export function paragraphUnits(text: string): Span[] {
  return paragraphSpans(text).filter((p) => p.end > p.start);
}
