/**
 * Article text is normalized once, when it enters the workspace, and never
 * rewritten silently afterwards: annotation offsets index into this form.
 * Paragraphs are separated by exactly one blank line ("\n\n"); a paragraph
 * holds no line break.
 */

export const PARAGRAPH_SEPARATOR = '\n\n';

// Spaces of every width, tabs and form feeds become a plain space.
const SPACES = /[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Control characters other than line feed, and zero-width characters, are dropped.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f\u200b\u2060\ufeff]/g;

export function normalizeArticleText(raw: string): string {
  const text = raw
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .replace(SPACES, ' ')
    .replace(INVISIBLE, '');
  // Text with blank lines uses them between paragraphs, and a single line break
  // inside a paragraph is only wrapping; text without any treats each line as one.
  const hasBlankLines = /\n[ ]*\n/.test(text);
  const paragraphs = hasBlankLines ? text.split(/\n[ ]*(?:\n[ ]*)+/) : text.split('\n');
  return paragraphs
    .map((p) =>
      p
        .replace(/\s*\n\s*/g, ' ')
        .replace(/ {2,}/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0)
    .join(PARAGRAPH_SEPARATOR);
}

export interface Span {
  start: number;
  end: number;
}

/** Offsets of each paragraph of normalized text (end exclusive). */
export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  while (start <= text.length) {
    const next = text.indexOf(PARAGRAPH_SEPARATOR, start);
    const end = next === -1 ? text.length : next;
    spans.push({ start, end });
    if (next === -1) break;
    start = next + PARAGRAPH_SEPARATOR.length;
  }
  return spans;
}

export function wordCount(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/** A text cut to `max` characters with an ellipsis, for labels ("Tag “…” as Threat"). */
export function clip(text: string, max = 48): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A count with its noun, for messages and labels: "1 passage", "2 passages", "1,204 articles". */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
