/**
 * The score chart's default view (issue 13, item 8): the days with events with
 * a margin either side, so that neither the first nor the last event sits on
 * the plot's edge; and a click near an event day picks that day. Pure, in days.
 */

/** The default x range, in days: the events' span and a margin of a tenth of it either side (at least 3 days). */
export function eventRange(eventDays: readonly number[]): { min: number; max: number } | null {
  if (eventDays.length === 0) return null;
  const first = Math.min(...eventDays);
  const last = Math.max(...eventDays);
  const margin = Math.max(3, Math.ceil((last - first) / 10));
  return { min: first - margin, max: last + margin };
}

/**
 * The event day whose position is nearest `px`, if it is within `radius` pixels: a click a few
 * pixels beside a day with events picks that day rather than the empty day under the pointer.
 */
export function nearestEventDay(eventDays: readonly number[], toPx: (day: number) => number, px: number, radius: number): number | null {
  let best: number | null = null;
  let bestDistance = radius;
  for (const d of eventDays) {
    const distance = Math.abs(toPx(d) - px);
    if (distance <= bestDistance) [best, bestDistance] = [d, distance];
  }
  return best;
}
