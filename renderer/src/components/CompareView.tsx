import { fixed } from '../../../shared/domain/numbers';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { useRelationships, useScores } from '../state/queries';
import { useUi } from '../state/ui';
import { TimeChart, type ChartSeries } from './TimeChart';
import { useReturnFocus } from './useReturnFocus';

type Series = OpOutput<'score:series'>;
interface Span {
  fromDay: number;
  toDay: number;
}

/**
 * Each relationship's series keeps the main timeline's range (all of it: from
 * its first event, or 90 days back, to today); side by side they share one
 * axis, the union of those ranges, so that no chart's range narrows the others'.
 */
function onSpan(values: readonly (number | null)[], s: Series, span: Span): (number | null)[] {
  return [...Array<null>(s.fromDay - span.fromDay).fill(null), ...values, ...Array<null>(span.toDay - s.toDay).fill(null)];
}

function RelationshipChart({ s, span }: { s: Series; span: Span }) {
  const days = useMemo(() => Array.from({ length: span.toDay - span.fromDay + 1 }, (_, i) => span.fromDay + i), [span]);
  const lines = useMemo<ChartSeries[]>(
    () => [
      { label: 'M both', values: onSpan(s.combined.M, s, span), color: 'var(--ink)', width: 2.5 },
      {
        label: `${s.relationship.actorA.code}→${s.relationship.actorB.code}`,
        values: onSpan(s.ab.M, s, span),
        color: '#d97706',
        dash: [6, 3],
      },
      {
        label: `${s.relationship.actorB.code}→${s.relationship.actorA.code}`,
        values: onSpan(s.ba.M, s, span),
        color: '#2563eb',
        dash: [6, 3],
      },
    ],
    [s, span],
  );
  const activity = useMemo<ChartSeries[]>(
    () => [{ label: 'Activity A', values: onSpan(s.combined.A, s, span), color: '#7c8799', bars: true }],
    [s, span],
  );
  const range = useMemo<[number, number]>(() => [-10, 10], []);
  return (
    <figure className="compare-cell" aria-label={`Score of ${s.relationship.label}`}>
      <figcaption>
        <b>{s.relationship.label}</b> · M now{' '}
        <span data-testid="compare-m">{s.current.combined.M === null ? '–' : fixed(s.current.combined.M)}</span> · A{' '}
        {fixed(s.current.combined.A)} · {s.annotationCount} events
      </figcaption>
      <TimeChart days={days} series={lines} height={170} yRange={range} label={`Sentiment of ${s.relationship.label}`} syncKey="compare" />
      <TimeChart days={days} series={activity} height={80} label={`Activity of ${s.relationship.label}`} syncKey="compare" />
    </figure>
  );
}

/** Several relationships side by side, on one screen, each with its sentiment and activity. */
export function CompareView({ onClose }: { onClose(): void }) {
  const relationships = useRelationships();
  const halfLife = useUi((s) => s.halfLifeDays);
  const [chosen, setChosen] = useState<number[] | null>(null);
  const ids = chosen ?? (relationships.data ?? []).map((r) => r.id);
  const series = useScores(ids, halfLife);
  const loaded = series.map((q) => q.data).filter((d): d is Series => d !== undefined);
  const from = Math.min(...loaded.map((d) => d.fromDay));
  const to = Math.max(...loaded.map((d) => d.toDay));
  const span = useMemo<Span | null>(() => (Number.isFinite(from) && Number.isFinite(to) ? { fromDay: from, toDay: to } : null), [from, to]);
  useReturnFocus(true);
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCloseRef.current();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="compare-overlay" role="dialog" aria-modal="true" aria-label="Compare relationships">
      <div className="compare-head">
        <h3>Relationships side by side · half-life {halfLife} days</h3>
        <fieldset className="compare-pick">
          <legend>Show</legend>
          {(relationships.data ?? []).map((r) => (
            <label key={r.id}>
              <input
                type="checkbox"
                checked={ids.includes(r.id)}
                onChange={() => setChosen(ids.includes(r.id) ? ids.filter((x) => x !== r.id) : [...ids, r.id])}
              />{' '}
              {r.label}
            </label>
          ))}
        </fieldset>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
      <div className="compare-grid">
        {series.map((q, i) =>
          q.data && span ? (
            <RelationshipChart key={ids[i]} s={q.data} span={span} />
          ) : (
            <div key={ids[i]} className="compare-cell" aria-busy="true" />
          ),
        )}
      </div>
    </div>
  );
}
