import { useLayoutEffect, useState, type RefObject } from 'react';
import { OWN_LAYER, type LayerKey } from '../../../../shared/agreement/layers';
import type { Annotation } from '../../../../shared/api/schemas';
import type { TextIndex } from '../../highlight/textIndex';

/** One passage's stripe: its layer's column and the vertical extent of its lines, in pixels from the top of the text. */
export interface Stripe {
  annotation: Annotation;
  layer: LayerKey;
  column: number;
  top: number;
  height: number;
  /** Within its column, passages that share a line sit in lanes side by side: this one's lane, of `lanes`. */
  lane: number;
  lanes: number;
}

/** Where the gutter goes: over the text's left padding, in the coordinates of the reader (its offset parent). */
export interface GutterBox {
  top: number;
  left: number;
  height: number;
}

/**
 * Where each striped layer's passages lie beside the text. Measured from the
 * passages' line boxes (Range.getClientRects) against the text's own box, so
 * the stripes scroll with the text; measured again whenever the text reflows
 * (its box resizes: window, font, side panels) or moves or the passages change.
 */
export function useLayerStripes(
  bodyRef: RefObject<HTMLElement | null>,
  index: TextIndex | null,
  annotations: readonly Annotation[],
  striped: readonly LayerKey[],
): { stripes: Stripe[]; box: GutterBox | null } {
  const [state, setState] = useState<{ stripes: Stripe[]; box: GutterBox | null }>({ stripes: [], box: null });
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !index || striped.length === 0) {
      setState({ stripes: [], box: null });
      return;
    }
    const measure = () => {
      const origin = body.getBoundingClientRect().top;
      const range = document.createRange();
      const next: Stripe[] = [];
      for (const a of annotations) {
        const layer = a.layer ?? OWN_LAYER;
        const column = striped.indexOf(layer);
        const r = column < 0 || a.orphaned ? null : index.rangeFor(a.start, a.end);
        if (!r) continue;
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        const rects = [...range.getClientRects()].filter((x) => x.height > 0);
        if (rects.length === 0) continue;
        const top = Math.min(...rects.map((x) => x.top)) - origin;
        const bottom = Math.max(...rects.map((x) => x.bottom)) - origin;
        next.push({ annotation: a, layer, column, top, height: bottom - top, lane: 0, lanes: 1 });
      }
      setState({ stripes: assignLanes(next), box: { top: body.offsetTop, left: body.offsetLeft, height: body.offsetHeight } });
    };
    measure();
    // The text reflows when its box resizes; it moves down when a bar above it appears (the reader's box grows).
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    if (body.parentElement) observer.observe(body.parentElement);
    return () => observer.disconnect();
  }, [bodyRef, index, annotations, striped]);
  return state;
}

/**
 * Two passages of one layer that share a line (one sentence ending where the
 * next begins) would make one unbroken stripe: each run of overlapping stripes
 * of a column is split into lanes, the fewest that keep overlapping ones apart.
 */
export function assignLanes(stripes: readonly Stripe[]): Stripe[] {
  const out: Stripe[] = [];
  const columns = new Map<number, Stripe[]>();
  for (const s of stripes) columns.set(s.column, [...(columns.get(s.column) ?? []), s]);
  for (const list of columns.values()) {
    const sorted = [...list].sort((x, y) => x.top - y.top || y.height - x.height);
    let run: Stripe[] = [];
    let runBottom = -Infinity;
    let laneBottoms: number[] = [];
    const flush = () => {
      for (const s of run) s.lanes = laneBottoms.length;
      out.push(...run);
      run = [];
      laneBottoms = [];
    };
    for (const original of sorted) {
      // Half a pixel of slack: adjacent lines touch without sharing one.
      if (original.top >= runBottom - 0.5) flush();
      const s = { ...original };
      let lane = laneBottoms.findIndex((b) => b <= s.top + 0.5);
      if (lane < 0) lane = laneBottoms.push(0) - 1;
      laneBottoms[lane] = s.top + s.height;
      s.lane = lane;
      run.push(s);
      runBottom = Math.max(runBottom, s.top + s.height);
    }
    flush();
  }
  return out;
}
