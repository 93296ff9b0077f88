/**
 * Maps character offsets of an article's normalized text to DOM positions and
 * back. The reader renders each paragraph as one element holding one text
 * node, marked with data-start (its offset in the text), so a prefix-sum of
 * paragraph starts is all the index needs.
 */
export class TextIndex {
  private readonly starts: number[] = [];
  private readonly nodes: Text[] = [];

  constructor(root: HTMLElement) {
    for (const p of root.querySelectorAll<HTMLElement>('[data-start]')) {
      const node = p.firstChild;
      if (node instanceof Text) {
        this.starts.push(Number(p.dataset.start));
        this.nodes.push(node);
      }
    }
  }

  /** Index of the paragraph holding `offset` (the last one starting at or before it). */
  private paragraphAt(offset: number): number {
    let lo = 0,
      hi = this.starts.length - 1,
      found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] ?? Infinity) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** A StaticRange for [start, end), or null when it does not lie inside one paragraph. */
  rangeFor(start: number, end: number): StaticRange | null {
    const i = this.paragraphAt(start);
    const node = this.nodes[i];
    const at = this.starts[i];
    if (!node || at === undefined) return null;
    const s = start - at;
    const e = end - at;
    if (e > node.length || s < 0 || e <= s) return null;
    return new StaticRange({ startContainer: node, startOffset: s, endContainer: node, endOffset: e });
  }

  /** The text offset of a DOM position inside the article, or null outside it. */
  offsetOf(node: Node, offset: number): number | null {
    const i = this.nodes.indexOf(node as Text);
    const at = this.starts[i];
    if (i >= 0 && at !== undefined) return at + offset;
    // A position on a paragraph element itself (e.g. a triple-click): before or after its text.
    const el = node instanceof HTMLElement ? node : null;
    if (el?.dataset.start !== undefined) {
      const j = this.nodes.indexOf(el.firstChild as Text);
      const [text, from] = [this.nodes[j], this.starts[j]];
      if (text && from !== undefined) return from + (offset === 0 ? 0 : text.length);
    }
    return null;
  }
}

/** The innermost (shortest) of the spans that contain `offset`. */
export function spanAt<T extends { start: number; end: number }>(spans: readonly T[], offset: number): T | null {
  let best: T | null = null;
  for (const s of spans) {
    if (s.start <= offset && offset < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

export function caretOffsetAt(index: TextIndex, x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos) return index.offsetOf(pos.offsetNode, pos.offset);
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? index.offsetOf(range.startContainer, range.startOffset) : null;
}
