import { useQueries } from '@tanstack/react-query';
import { fixed } from '../../../shared/domain/numbers';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { api } from '../api';
import { keys, useRelationships } from '../state/queries';
import { useUi } from '../state/ui';
import { TimeChart, type ChartSeries } from './TimeChart';

function RelationshipChart({ s }: { s: OpOutput<'score:series'> }) {
  const days = useMemo(() => Array.from({ length: s.toDay - s.fromDay + 1 }, (_, i) => s.fromDay + i), [s]);
  const lines = useMemo<ChartSeries[]>(
    () => [
      { label: 'M both', values: s.combined.M, color: 'var(--ink)', width: 2.5 },
      { label: `${s.relationship.actorA.code}→${s.relationship.actorB.code}`, values: s.ab.M, color: '#d97706', dash: [6, 3] },
      { label: `${s.relationship.actorB.code}→${s.relationship.actorA.code}`, values: s.ba.M, color: '#2563eb', dash: [6, 3] },
    ],
    [s],
  );
  const activity = useMemo<ChartSeries[]>(() => [{ label: 'Activity A', values: s.combined.A, color: '#7c8799', bars: true }], [s]);
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
  const series = useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.score(id, halfLife),
      queryFn: () => api.invoke('score:series', { relationshipId: id, halfLifeDays: halfLife }),
    })),
  });
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
          q.data ? <RelationshipChart key={ids[i]} s={q.data} /> : <div key={ids[i]} className="compare-cell" aria-busy="true" />,
        )}
      </div>
    </div>
  );
}
