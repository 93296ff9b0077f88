/** Text helpers of the reader's keyboard commands (pure; offsets in the article's normalized text). */
import { trimSpan } from '../../../shared/domain/anchoring';
import { paragraphSpans } from '../../../shared/domain/text';

/** Sentences by the browser's segmenter: the fallback while shared/nlp loads (see state/nlp.ts). */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const spans: { start: number; end: number }[] = [];
  for (const p of paragraphSpans(text)) {
    for (const s of segmenter.segment(text.slice(p.start, p.end))) {
      const t = trimSpan(text, p.start + s.index, p.start + s.index + s.segment.length);
      if (t.end > t.start) spans.push(t);
    }
  }
  return spans;
}

const WORD = /[\p{L}\p{N}]/u;

/** The start of the word after the one at `offset` (for dropping the first word of a selection). */
export function nextWordStart(text: string, offset: number, limit: number): number {
  let i = offset;
  while (i < limit && WORD.test(text.charAt(i))) i++;
  while (i < limit && !WORD.test(text.charAt(i))) i++;
  return i;
}

/** The start of the word before `offset`, within its paragraph (for taking in one more word at the start). */
export function previousWordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !WORD.test(text.charAt(i - 1)) && text[i - 1] !== '\n') i--;
  while (i > 0 && WORD.test(text.charAt(i - 1))) i--;
  return i;
}

/** The first occurrence of `word` as a whole word (case-insensitive), else anywhere, else null. */
export function findWord(text: string, word: string): number | null {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const whole = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  if (whole) return whole.index;
  const at = text.toLowerCase().indexOf(word.toLowerCase());
  return at >= 0 ? at : null;
}
