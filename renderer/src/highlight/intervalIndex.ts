/**
 * A static augmented interval tree over [start, end) spans: the spans sorted
 * by start form an implicit balanced tree (the middle of each range is its
 * root), and each node keeps the largest end in its subtree, so a stabbing
 * query visits O(log n + k) nodes. Built once per paint of an article.
 */
export class IntervalIndex<T extends { start: number; end: number }> {
  private readonly spans: T[];
  private readonly maxEnd: Float64Array;

  constructor(spans: readonly T[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
    this.maxEnd = new Float64Array(this.spans.length);
    this.build(0, this.spans.length - 1);
  }

  get size(): number {
    return this.spans.length;
  }

  private build(lo: number, hi: number): number {
    if (lo > hi) return -Infinity;
    const mid = (lo + hi) >> 1;
    const m = Math.max(this.spans[mid]?.end ?? -Infinity, this.build(lo, mid - 1), this.build(mid + 1, hi));
    this.maxEnd[mid] = m;
    return m;
  }

  /** Every span containing `offset` (start ≤ offset < end). */
  containing(offset: number): T[] {
    const out: T[] = [];
    const visit = (lo: number, hi: number) => {
      if (lo > hi) return;
      const mid = (lo + hi) >> 1;
      const s = this.spans[mid];
      if (!s || (this.maxEnd[mid] ?? -Infinity) <= offset) return; // nothing in this subtree reaches the offset
      visit(lo, mid - 1);
      if (s.start > offset) return; // this and everything to the right start after it
      if (offset < s.end) out.push(s);
      visit(mid + 1, hi);
    };
    visit(0, this.spans.length - 1);
    return out;
  }

  /**
   * The innermost (shortest) span containing `offset`, as the analyst most
   * likely meant it. Walks the tree like `containing` but allocates nothing (no
   * result array, no closure): a click's lookup cannot be the allocation that
   * starts a garbage collection.
   */
  at(offset: number): T | null {
    return this.innermost(0, this.spans.length - 1, offset, null);
  }

  private innermost(lo: number, hi: number, offset: number, best: T | null): T | null {
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.spans[mid];
      if (!s || (this.maxEnd[mid] ?? -Infinity) <= offset) return best; // nothing in this subtree reaches the offset
      best = this.innermost(lo, mid - 1, offset, best);
      if (s.start > offset) return best; // this and everything to the right start after it
      if (offset < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
      lo = mid + 1; // the right subtree, iteratively
    }
    return best;
  }
}
