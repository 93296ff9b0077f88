import { useEffect, useRef, useSyncExternalStore } from 'react';
import { fixed } from '../../../shared/domain/numbers';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { dayToIso } from '../../../shared/domain/dates';
import { useChartKeys } from './useChartKeys';
import { linkOf } from './chartLink';
import { eventRange, nearestEventDay } from './score/chartRange';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  width?: number;
  dash?: number[];
  bars?: boolean;
}

interface ChartFlag {
  day: number;
  color: string;
  /** ▼ (the default), ▲, or ● */
  shape?: 'down' | 'up' | 'dot';
}

interface Props {
  /** Day numbers of the x axis. */
  days: number[];
  series: ChartSeries[];
  height: number;
  yRange?: [number, number];
  label: string;
  onPickDay?(day: number): void;
  markDay?: number | null;
  /** Charts with the same key share the cursor (hover one, see the same day in all). */
  syncKey?: string;
  /** Days to flag at the top of the plot (reciprocated threats, threshold crossings); the shape tells them apart without colour. */
  flags?: ChartFlag[];
  /** Values to draw as dashed horizontal lines (the analyst's thresholds). */
  levels?: number[];
  /** The days with events: the default range spans them with a margin, and a click beside one picks it. */
  eventDays?: number[];
}

/** How near (in CSS pixels) a click must land to an event day to pick it rather than the day under the pointer. */
const SNAP_PX = 6;

/**
 * Wheel zooms the x range around the cursor; Shift+wheel (or a sideways wheel)
 * pans it. Drag selects a range to zoom into; double-click shows everything.
 */
function wheelZoomPan(u: uPlot, e: WheelEvent, first: number, last: number): void {
  e.preventDefault();
  const { min, max } = u.scales.x ?? {};
  if (min === undefined || max === undefined) return;
  const span = max - min;
  const full = last - first;
  let lo: number;
  let hi: number;
  if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
    const shift = (span * Math.sign(e.deltaX || e.deltaY)) / 10;
    lo = min + shift;
    hi = max + shift;
  } else {
    const at = u.posToVal(e.offsetX, 'x');
    const factor = e.deltaY < 0 ? 0.8 : 1.25;
    const next = Math.min(full, Math.max(86400 * 7, span * factor));
    lo = at - (at - min) * (next / span);
    hi = lo + next;
  }
  if (lo < first) [lo, hi] = [first, first + (hi - lo)];
  if (hi > last) [lo, hi] = [Math.max(first, last - (hi - lo)), last];
  u.setScale('x', { min: lo, max: hi });
}

/** Canvas cannot read CSS variables; resolve `var(--x)` against the document's theme. */
const DARK = '(prefers-color-scheme: dark)';

/** Whether the system theme is dark, re-rendering when it changes: the canvas's colours are resolved when it is drawn. */
function useDarkTheme(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(DARK);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(DARK).matches,
  );
}

function resolveColor(color: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!name) return color;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** A flag's path at the top of the plot: a triangle pointing down or up, or a dot, `size` px across half. */
function drawFlag(ctx: CanvasRenderingContext2D, shape: NonNullable<ChartFlag['shape']>, x: number, top: number, size: number): void {
  const h = size * 1.6;
  if (shape === 'dot') ctx.arc(x, top + size, size * 0.9, 0, 2 * Math.PI);
  else if (shape === 'up') {
    ctx.moveTo(x, top);
    ctx.lineTo(x + size, top + h);
    ctx.lineTo(x - size, top + h);
  } else {
    ctx.moveTo(x - size, top);
    ctx.lineTo(x + size, top);
    ctx.lineTo(x, top + h);
  }
  ctx.closePath();
}

/** A uPlot canvas chart over days; clicking a point reports its day. */
export function TimeChart({ days, series, height, yRange, label, onPickDay, markDay, syncKey, flags, levels, eventDays }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const pickRef = useRef(onPickDay);
  const plotRef = useRef<uPlot | null>(null);
  const keys = useChartKeys({ days, series, label, plotRef, markDay, onPickDay, syncKey });
  const restoreKeys = useRef(keys.restore);
  const dark = useDarkTheme();
  useEffect(() => {
    pickRef.current = onPickDay;
    restoreKeys.current = keys.restore;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const width = Math.max(240, host.clientWidth);
    const xs = days.map((d) => d * 86400);
    const events = eventDays ?? [];
    const around = eventRange(events);
    const initial = around ? { min: around.min * 86400, max: around.max * 86400 } : null;
    // Wheel and pan stay within the data and the default range (whose margin may reach past today).
    const first = Math.min(xs[0] ?? 0, initial?.min ?? Infinity);
    const last = Math.max(xs[xs.length - 1] ?? 0, initial?.max ?? -Infinity);
    const muted = resolveColor('var(--muted)');
    const grid = resolveColor('var(--grid)');
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false, setScale: true }, ...(syncKey ? { sync: { key: syncKey, setSeries: false } } : {}) },
      scales: { x: { time: true }, y: yRange ? { range: yRange } : { auto: true } },
      axes: [
        { stroke: muted, grid: { stroke: grid }, ticks: { stroke: grid } },
        { stroke: muted, grid: { stroke: grid }, ticks: { stroke: grid }, size: 50 },
      ],
      series: [
        { label: 'Date', value: (_u, v) => (v === null || v === undefined ? '–' : new Date(v * 1000).toISOString().slice(0, 10)) },
        ...series.map((s) => ({
          label: s.label,
          stroke: resolveColor(s.color),
          width: s.width ?? 1.5,
          dash: s.dash,
          fill: s.bars ? `${s.color}55` : undefined,
          paths: s.bars ? uPlot.paths.bars?.({ size: [0.9, 12] }) : undefined,
          // A lone value (one event, on the last day) has no line to draw: show it as a point.
          points: { show: s.values.filter((v) => v !== null).length < 3, size: 7 },
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : fixed(v)),
        })),
      ],
      hooks: {
        setScale: [
          (u, key) => {
            if (key !== 'x' || !syncKey) return;
            const { min, max } = u.scales.x ?? {};
            if (min === undefined || max === undefined) return;
            const link = linkOf(syncKey);
            const full = min <= (xs[0] ?? 0) && max >= (xs[xs.length - 1] ?? 0);
            const atDefault = initial !== null && min === initial.min && max === initial.max;
            link.range = full || atDefault ? null : { min, max };
            for (const other of link.charts) {
              const o = other.scales.x;
              if (other !== u && o && (o.min !== min || o.max !== max)) other.batch(() => other.setScale('x', { min, max }));
            }
          },
        ],
        ready: [
          (u) => {
            u.over.addEventListener('wheel', (e) => wheelZoomPan(u, e, first, last), { passive: false });
            // The day comes from the click's own position: the cursor may have been moved by the keyboard since.
            // (Measured against the plot, not e.offsetX: the click may land on a cursor point inside it.)
            u.over.addEventListener('click', (e) => {
              const px = e.clientX - u.over.getBoundingClientRect().left;
              const near = nearestEventDay(events, (d) => u.valToPos(d * 86400, 'x'), px, SNAP_PX);
              const under = Math.round(u.posToVal(px, 'x') / 86400);
              const [lo, hi] = [days[0], days[days.length - 1]];
              if (lo === undefined || hi === undefined) return;
              pickRef.current?.(near ?? Math.min(hi, Math.max(lo, under)));
            });
          },
        ],
        draw: [
          (u) => {
            const ctx = u.ctx;
            const { left, top, width: w, height: h } = u.bbox;
            ctx.save();
            ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.strokeStyle = resolveColor('var(--muted)');
            ctx.lineWidth = devicePixelRatio;
            for (const level of levels ?? []) {
              const y = Math.round(u.valToPos(level, 'y', true));
              if (y < top || y > top + h) continue;
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + w, y);
              ctx.stroke();
            }
            ctx.setLineDash([]);
            const size = 5 * devicePixelRatio;
            for (const f of flags ?? []) {
              const x = Math.round(u.valToPos(f.day * 86400, 'x', true));
              if (x < left || x > left + w) continue;
              ctx.fillStyle = f.color;
              ctx.beginPath();
              drawFlag(ctx, f.shape ?? 'down', x, top, size);
              ctx.fill();
            }
            ctx.restore();
          },
          (u) => {
            if (markDay === null || markDay === undefined) return;
            const x = Math.round(u.valToPos(markDay * 86400, 'x', true));
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = resolveColor('var(--accent)');
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    // How long creating and first drawing the chart took (uPlot draws in a microtask), for the benchmark's Chromium figure.
    const t0 = performance.now();
    let drawn = false;
    const hooks = (opts.hooks ??= {});
    (hooks.draw ??= []).push((u) => {
      // The days in view, for tests and the benchmark to read (the axis itself is canvas).
      const { min, max } = u.scales.x ?? {};
      if (min !== undefined && max !== undefined) host.dataset.range = `${dayToIso(Math.round(min / 86400))}/${dayToIso(Math.round(max / 86400))}`;
      if (drawn) return;
      drawn = true;
      host.dataset.drawMs = (performance.now() - t0).toFixed(2);
      host.dataset.points = String(xs.length);
    });
    const plot = new uPlot(opts, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, host);
    const link = syncKey ? linkOf(syncKey) : null;
    if (link) {
      link.charts.add(plot);
      const r = link.range;
      if (r && r.max > first && r.min < last) plot.setScale('x', r);
      else if (initial) plot.setScale('x', initial);
    } else if (initial) plot.setScale('x', initial);
    plotRef.current = plot;
    restoreKeys.current();
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(240, host.clientWidth), height }));
    observer.observe(host);
    return () => {
      observer.disconnect();
      link?.charts.delete(plot);
      plotRef.current = null;
      plot.destroy();
    };
  }, [days, series, height, yRange, markDay, syncKey, flags, levels, dark, eventDays]);

  // Wrapped in a slider over the days (useChartKeys): focusable, arrows move the day, its values are its aria-valuetext.
  return (
    <div className="time-chart-keys" {...keys.hostProps}>
      <div ref={hostRef} className="time-chart" role="img" aria-label={label} />
    </div>
  );
}
