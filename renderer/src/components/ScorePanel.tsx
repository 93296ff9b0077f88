import { useMemo, useState } from 'react';
import { dayToIso, isoToDay } from '../../../shared/domain/dates';
import { HALF_LIFE_PRESETS } from '../../../shared/scoring/score';
import { useEvidence, useScore } from '../state/queries';
import { useFocus, useUi } from '../state/ui';
import { TimeChart, type ChartSeries } from './TimeChart';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(2));

/** The running score of the chosen relationship: figures now, the chart, and the evidence of a day. */
export function ScorePanel() {
  const relationshipId = useUi((s) => s.relationshipId);
  const halfLife = useUi((s) => s.halfLifeDays);
  const setHalfLife = useUi((s) => s.setHalfLife);
  const evidenceDate = useUi((s) => s.evidenceDate);
  const setEvidenceDate = useUi((s) => s.setEvidenceDate);
  const focusAnnotation = useFocus((s) => s.focusAnnotation);
  const score = useScore(relationshipId, halfLife);
  const evidence = useEvidence(relationshipId, evidenceDate, halfLife);
  const [view, setView] = useState<'M' | 'R'>('M');
  const s = score.data;

  const days = useMemo(() => (s ? Array.from({ length: s.toDay - s.fromDay + 1 }, (_, i) => s.fromDay + i) : []), [s]);
  const lines = useMemo<ChartSeries[]>(() => {
    if (!s) return [];
    const ab = `${s.relationship.actorA.code}→${s.relationship.actorB.code}`;
    const ba = `${s.relationship.actorB.code}→${s.relationship.actorA.code}`;
    return [
      { label: `${view} both`, values: s.combined[view], color: 'var(--ink)', width: 2.5 },
      { label: ab, values: s.ab[view], color: '#d97706', dash: [6, 3] },
      { label: ba, values: s.ba[view], color: '#2563eb', dash: [6, 3] },
    ];
  }, [s, view]);
  const activity = useMemo<ChartSeries[]>(
    () => (s ? [{ label: 'Activity A', values: s.combined.A, color: '#7c8799', bars: true }] : []),
    [s],
  );
  const yRange = useMemo<[number, number] | undefined>(() => (view === 'M' ? [-10, 10] : undefined), [view]);

  if (relationshipId === null) return null;
  if (score.isError)
    return (
      <section className="score-panel">
        <p role="alert">{(score.error as Error).message}</p>
      </section>
    );
  if (!s) return <section className="score-panel" aria-busy="true" />;
  const ab = `${s.relationship.actorA.code}→${s.relationship.actorB.code}`;
  const ba = `${s.relationship.actorB.code}→${s.relationship.actorA.code}`;

  return (
    <section className="score-panel" aria-label="Running score">
      <div className="score-head">
        <h3>{s.relationship.label}</h3>
        <label className="inline">
          Half-life{' '}
          <select value={halfLife} onChange={(e) => setHalfLife(Number(e.target.value))}>
            {HALF_LIFE_PRESETS.map((h) => (
              <option key={h} value={h}>
                {h} days
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl className="figures" aria-label="Score now">
        <div className="headline">
          <dt>Sentiment M</dt>
          <dd data-testid="score-m">{fmt(s.current.combined.M)}</dd>
        </div>
        <div>
          <dt>Activity A</dt>
          <dd data-testid="score-a">{fmt(s.current.combined.A)}</dd>
        </div>
        <div>
          <dt>Pressure R</dt>
          <dd data-testid="score-r">{fmt(s.current.combined.R)}</dd>
        </div>
        <div>
          <dt>M {ab}</dt>
          <dd>{fmt(s.current.ab.M)}</dd>
        </div>
        <div>
          <dt>M {ba}</dt>
          <dd>{fmt(s.current.ba.M)}</dd>
        </div>
        <div>
          <dt>Index</dt>
          <dd>{fmt(s.current.index)}</dd>
        </div>
      </dl>
      {s.annotationCount === 0 ? (
        <p className="empty-state">
          No passage of this relationship is tagged yet, so there is no score. Tag a passage to start the series.
        </p>
      ) : (
        <>
          <div className="view-switch" role="radiogroup" aria-label="Chart view">
            {(['M', 'R'] as const).map((v) => (
              <button key={v} type="button" role="radio" aria-checked={view === v} onClick={() => setView(v)}>
                {v === 'M' ? 'Sentiment M' : 'Pressure R'}
              </button>
            ))}
          </div>
          <TimeChart
            days={days}
            series={lines}
            height={190}
            yRange={yRange}
            label={`${view === 'M' ? 'Sentiment' : 'Pressure'} of ${s.relationship.label} over time; click a day for its evidence`}
            onPickDay={(d) => setEvidenceDate(dayToIso(d))}
            markDay={evidenceDate ? isoToDay(evidenceDate) : null}
          />
          <TimeChart days={days} series={activity} height={80} label="Activity over time" onPickDay={(d) => setEvidenceDate(dayToIso(d))} />
          <p className="hint">Click a day in the chart to see the passages that weigh on it.</p>
        </>
      )}
      {evidenceDate && (
        <div className="evidence" aria-label={`Evidence on ${evidenceDate}`}>
          <div className="evidence-head">
            <h4>Evidence on {evidenceDate}</h4>
            <button type="button" onClick={() => setEvidenceDate(null)} aria-label="Close evidence">
              ×
            </button>
          </div>
          {evidence.data?.items.length === 0 && <p className="empty-state">Nothing weighs on this day yet.</p>}
          <ol>
            {evidence.data?.items.map((e) => (
              <li key={e.annotationId}>
                <button type="button" className="evidence-item" onClick={() => focusAnnotation(e.articleId, e.annotationId)}>
                  <span className="tag-line">
                    <b>{e.codeName}</b> {e.sourceCode}→{e.targetCode} · contribution {e.contribution.toFixed(2)} (s {e.s.toFixed(1)} × decay{' '}
                    {e.decay.toFixed(2)})
                  </span>
                  <span className="quote">“{e.exact}”</span>
                  <span className="meta">
                    {e.articleTitle} — {e.outlet}, {e.publishedOn}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
