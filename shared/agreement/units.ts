/**
 * The units agreement is measured over: sentences and paragraphs of an
 * article's normalized text. Pure: no Node, no DOM (Intl.Segmenter is part of
 * the language runtime in Node and Chromium alike).
 */
import { paragraphSpans, type Span } from '../domain/text';

let segmenter: Intl.Segmenter | null = null;

/** Sentences, trailing spaces excluded; blank stretches are no unit. */
export function sentenceUnits(text: string): Span[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: Span[] = [];
  for (const s of segmenter.segment(text)) {
    const trimmed = s.segment.trimEnd();
    if (trimmed.trim().length === 0) continue;
    out.push({ start: s.index, end: s.index + trimmed.length });
  }
  return out;
}

export function paragraphUnits(text: string): Span[] {
  return paragraphSpans(text).filter((p) => p.end > p.start);
}
