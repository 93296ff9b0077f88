import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import type uPlot from 'uplot';
import { create } from 'zustand';
import { dayToIso as iso } from '../../../shared/domain/dates';
import { chartsLinkedTo } from './chartLink';
import './keyboard.css';

/**
 * Asks the evidence list to take the focus once it is shown: Enter on a chart
 * day opens the day's evidence, and the keyboard should land on it ("Why this
 * score" first) rather than stay on the chart.
 */
export const useEvidenceFocus = create<{ pending: string | null; request(date: string): void; done(): void }>((set) => ({
  pending: null,
  request: (date) => set({ pending: date }),
  done: () => set({ pending: null }),
}));

interface Args {
  days: number[];
  series: { label: string; values: (number | null)[] }[];
  label: string;
  plotRef: RefObject<uPlot | null>;
  markDay?: number | null;
  onPickDay?(day: number): void;
  /** The charts synced with this one show the keyboard's day too (the Activity chart under the score's). */
  syncKey?: string | undefined;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? 'no value' : v.toFixed(2).replace('-', '−'));

/** What a screen reader says for one day: the date, then each series' value. */
function describeDay(day: number, idx: number, series: Args['series']): string {
  return `${iso(day)}: ${series.map((s) => `${s.label} ${num(s.values[idx])}`).join(', ')}`;
}

const STEP: Record<string, number> = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -7, PageUp: 7 };

/**
 * The keyboard for a TimeChart: the chart is a slider over its days (focus it,
 * arrows move a day, Page keys a week, Home/End the ends, Enter opens the
 * day's evidence); the cursor and legend follow, a day outside the zoomed
 * range pans it into view, and aria-valuetext says the day's values.
 */
export function useChartKeys({ days, series, label, plotRef, markDay, onPickDay, syncKey }: Args) {
  const [idx, setIdx] = useState<number | null>(null);
  const idxRef = useRef(idx);
  useEffect(() => {
    idxRef.current = idx;
  });
  const requestFocus = useEvidenceFocus((s) => s.request);

  /** Puts uPlot's cursor (and so the legend, and the charts synced with it) on day index i. */
  const showCursor = useCallback(
    (i: number) => {
      const u = plotRef.current;
      const day = days[i];
      if (!u || day === undefined) return;
      const x = day * 86400;
      const { min, max } = u.scales.x ?? {};
      if (min !== undefined && max !== undefined && (x < min || x > max)) {
        const span = max - min;
        const lo = x < min ? x : x - span;
        // At once (not in uPlot's microtask), so that the cursors below are placed on the new range.
        u.batch(() => u.setScale('x', { min: lo, max: lo + span }));
      }
      const v = series[0]?.values[i];
      const top = v === null || v === undefined ? u.bbox.height / devicePixelRatio / 2 : u.valToPos(v, 'y');
      u.setCursor({ left: u.valToPos(x, 'x'), top });
      // Each linked chart puts its cursor on the same day, at the height of its own first series.
      for (const other of chartsLinkedTo(u, syncKey)) {
        const w = other.data[1]?.[i];
        const y = w === null || w === undefined ? other.bbox.height / devicePixelRatio / 2 : other.valToPos(w, 'y');
        other.setCursor({ left: other.valToPos(x, 'x'), top: y });
      }
    },
    [days, series, plotRef, syncKey],
  );

  /** Called by the chart after it (re)draws, so the keyboard's day survives new data and a newly marked day. */
  const restore = useCallback(() => {
    const i = idxRef.current;
    if (i !== null && i < days.length) showCursor(i);
  }, [days.length, showCursor]);

  const last = days.length - 1;
  const start = () => {
    const marked = markDay === null || markDay === undefined ? -1 : days.indexOf(markDay);
    return marked >= 0 ? marked : last;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (last < 0) return;
    let next: number | null = null;
    const step = STEP[e.key];
    if (step !== undefined) next = (idx ?? start()) + step;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if ((e.key === 'Enter' || e.key === ' ') && onPickDay) {
      e.preventDefault();
      const day = days[idx ?? start()];
      if (day === undefined) return;
      requestFocus(iso(day));
      onPickDay(day);
      return;
    } else return;
    e.preventDefault();
    const clamped = Math.min(last, Math.max(0, next));
    setIdx(clamped);
    showCursor(clamped);
  };

  const shown = idx ?? (last >= 0 ? start() : null);
  const shownDay = shown === null ? undefined : days[shown];
  const hostProps = {
    tabIndex: 0,
    role: 'slider',
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': Math.max(0, last),
    'aria-valuenow': shown ?? 0,
    'aria-valuetext': shownDay === undefined || shown === null ? 'no days' : describeDay(shownDay, shown, series),
    'aria-keyshortcuts': onPickDay
      ? 'ArrowLeft ArrowRight PageUp PageDown Home End Enter'
      : 'ArrowLeft ArrowRight PageUp PageDown Home End',
    onKeyDown,
    // From the keyboard only: a mouse press focuses the chart too, and its click picks the day under the pointer.
    onFocus: (e: FocusEvent<HTMLElement>) => shown !== null && e.currentTarget.matches(':focus-visible') && showCursor(shown),
  } as const;
  return { hostProps, restore };
}
