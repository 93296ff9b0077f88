/** Lanes of the reader's layer stripes (renderer/src/components/agreement/useLayerStripes.ts): pure geometry. */
import { describe, expect, it } from 'vitest';
import { assignLanes, type Stripe } from '../../renderer/src/components/agreement/useLayerStripes';
import type { Annotation } from '../../shared/api/schemas';

const stripe = (id: number, column: number, top: number, height: number): Stripe => ({
  annotation: { id } as Annotation,
  layer: `l${column}`,
  column,
  top,
  height,
  lane: 0,
  lanes: 1,
});
const lanes = (list: Stripe[]) => Object.fromEntries(assignLanes(list).map((s) => [s.annotation.id, [s.lane, s.lanes]]));

describe('assignLanes', () => {
  it('keeps stripes that share a line apart, and leaves the others whole', () => {
    // 1 and 2 share the line at 28–56 (a sentence ending where the next begins); 3 only touches 2; 4 is another column.
    expect(lanes([stripe(1, 0, 0, 56), stripe(2, 0, 28, 56), stripe(3, 0, 84, 28), stripe(4, 1, 0, 56)])).toEqual({
      1: [0, 2],
      2: [1, 2],
      3: [0, 1],
      4: [0, 1],
    });
  });

  it('reuses a lane once its stripe has ended', () => {
    // 1 spans everything; 2 and 3 follow each other beside it: two lanes, not three.
    expect(lanes([stripe(1, 0, 0, 100), stripe(2, 0, 0, 40), stripe(3, 0, 40, 40)])).toEqual({ 1: [0, 2], 2: [1, 2], 3: [1, 2] });
  });
});
