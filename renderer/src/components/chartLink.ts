import type uPlot from 'uplot';

/**
 * Charts that share a sync key share the x range: zooming or panning one moves
 * the others, and a chart re-created (new data, another marked day) keeps the
 * analyst's zoom (`range`, null while the chart shows its default range).
 */
const linked = new Map<string, { charts: Set<uPlot>; range: { min: number; max: number } | null }>();

export function linkOf(key: string) {
  let l = linked.get(key);
  if (!l) linked.set(key, (l = { charts: new Set(), range: null }));
  return l;
}

/** The charts synced with `u` (uPlot's own cursor sync follows the mouse only, not a cursor set from code). */
export function chartsLinkedTo(u: uPlot, key: string | undefined): uPlot[] {
  return key ? [...linkOf(key).charts].filter((c) => c !== u) : [];
}
