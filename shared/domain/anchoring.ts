/**
 * W3C Web Annotation selectors for a passage of normalized article text:
 * a TextPositionSelector (start, end exclusive) and a TextQuoteSelector
 * (exact, with up to 32 characters of prefix and suffix for re-anchoring).
 */

export const QUOTE_CONTEXT_CHARS = 32;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export function quoteSelector(text: string, start: number, end: number): TextQuote {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT_CHARS), start),
    suffix: text.slice(end, end + QUOTE_CONTEXT_CHARS),
  };
}

export type PassageProblem = 'out-of-range' | 'empty' | 'spans-paragraphs';

/** Why a span cannot be tagged, or null when it can. */
export function passageProblem(text: string, start: number, end: number): PassageProblem | null {
  if (start < 0 || end > text.length || end <= start) return 'out-of-range';
  const exact = text.slice(start, end);
  if (exact.trim().length === 0) return 'empty';
  if (exact.includes('\n')) return 'spans-paragraphs';
  return null;
}

export const PASSAGE_PROBLEM_MESSAGES: Record<PassageProblem, string> = {
  'out-of-range': 'The selection lies outside the article text. Select the passage again.',
  empty: 'The selection holds no text. Select the words of the passage.',
  'spans-paragraphs': 'A tagged passage must lie within one paragraph. Select within a paragraph, or tag each paragraph on its own.',
};

/** Shrinks [start, end) so that it neither starts nor ends with white space. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end };
}
