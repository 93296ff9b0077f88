/** The score figures as of a day of the series, and the last day with events up to it (issue 13). */
import type { ScoreSeriesResult } from '../../../../shared/api/schemas';

type Figures = ScoreSeriesResult['current'];

export function figuresAt(s: ScoreSeriesResult, day: number): Figures {
  const i = Math.max(0, Math.min(s.toDay, day) - s.fromDay);
  if (day >= s.toDay) return s.current;
  const dir = (d: ScoreSeriesResult['ab']) => ({ R: d.R[i] ?? 0, A: d.A[i] ?? 0, M: d.M[i] ?? null });
  return { ab: dir(s.ab), ba: dir(s.ba), combined: dir(s.combined), asymmetry: s.asymmetry[i] ?? 0, index: s.index[i] ?? 0 };
}

/**
 * Activity A is a decayed sum of the events' weights: it rises on a day with
 * events and only decays on a day without, so the last rise is the last event.
 */
const rises = (a: readonly number[], i: number) => (a[i] ?? 0) > (i > 0 ? (a[i - 1] ?? 0) : 0) + 1e-12;

export function lastEventDay(s: ScoreSeriesResult, upTo: number): number | null {
  const a = s.combined.A;
  for (let i = Math.min(a.length - 1, upTo - s.fromDay); i >= 0; i--) if (rises(a, i)) return s.fromDay + i;
  return null;
}

/** Every day of the series with events, in order (the chart's default range spans them). */
export function eventDays(s: ScoreSeriesResult): number[] {
  const days: number[] = [];
  for (let i = 0; i < s.combined.A.length; i++) if (rises(s.combined.A, i)) days.push(s.fromDay + i);
  return days;
}
