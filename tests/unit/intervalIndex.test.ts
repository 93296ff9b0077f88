import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalIndex } from '../../renderer/src/highlight/intervalIndex';
import { spanAt } from '../../renderer/src/highlight/textIndex';

describe('the interval index of highlights', () => {
  it('finds exactly the spans containing an offset, and the innermost one, for any spans', () => {
    const span = fc.tuple(fc.nat(500), fc.integer({ min: 1, max: 80 })).map(([start, len]) => ({ start, end: start + len }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 120 }), fc.nat(600), (spans, offset) => {
        const index = new IntervalIndex(spans);
        const expected = spans.filter((s) => s.start <= offset && offset < s.end);
        const found = index.containing(offset);
        expect(found.length).toBe(expected.length);
        expect(new Set(found)).toEqual(new Set(expected));
        const inner = index.at(offset);
        expect(inner === null ? null : inner.end - inner.start).toBe(
          spanAt(spans, offset) === null ? null : spanAt(spans, offset)!.end - spanAt(spans, offset)!.start,
        );
      }),
      { numRuns: 500 },
    );
  });
});
