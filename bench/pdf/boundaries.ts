/**
 * Paragraph-boundary precision and recall of text read from a PDF against the
 * paragraphs written. A boundary is named by the first words of the paragraph
 * it opens (letters and digits only, case folded), so a boundary counts when
 * the reader starts a paragraph at the same words; text lost, doubled or run
 * together (a page number left in, a column read across) breaks the names.
 */
const KEY_WORDS = 6;

function keyOf(paragraph: string): string {
  return paragraph
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, KEY_WORDS)
    .join(' ');
}

function boundaries(paragraphs: string[]): Map<string, number> {
  const out = new Map<string, number>();
  // The first paragraph opens the text, not a boundary.
  for (const p of paragraphs.slice(1)) {
    const k = keyOf(p);
    if (k) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export interface BoundaryCount {
  found: number;
  expected: number;
  correct: number;
}

export function countBoundaries(expected: string[], found: string[]): BoundaryCount {
  const e = boundaries(expected);
  const f = boundaries(found);
  let correct = 0;
  for (const [k, n] of f) correct += Math.min(n, e.get(k) ?? 0);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { found: total(f), expected: total(e), correct };
}
