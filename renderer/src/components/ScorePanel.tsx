import { useMemo, useState } from 'react';
import { dayToIso, isoToDay } from '../../../shared/domain/dates';
import { fixed } from '../../../shared/domain/numbers';
import { HALF_LIFE_PRESETS } from '../../../shared/scoring/score';
import { eventDays, figuresAt, lastEventDay } from './score/asOf';
import { useEvidence, useScore } from '../state/queries';
import { useMarks } from '../state/scoreQueries';
import { useMarksSettings } from '../state/scoreUi';
import { useUi } from '../state/ui';
import { CompareView } from './CompareView';
import { EvidenceList } from './EvidenceList';
import { ScoreBuckets } from './ScoreBuckets';
import { ScoreMarks } from './ScoreMarks';
import { SourcesPanel } from './SourcesPanel';
import { TimeChart, type ChartSeries } from './TimeChart';
import { TagsOutside } from './library/TagsOutside';
import './score.css';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : fixed(v));

type Tab = 'chart' | 'calendar' | 'marks' | 'sources';
const TABS: { id: Tab; label: string }[] = [
  { id: 'chart', label: 'Timeline' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'marks', label: 'Marks' },
  { id: 'sources', label: 'Sources' },
];

function HalfLifePicker() {
  const halfLife = useUi((s) => s.halfLifeDays);
  const setHalfLife = useUi((s) => s.setHalfLife);
  const preset = (HALF_LIFE_PRESETS as readonly number[]).includes(halfLife);
  const [custom, setCustom] = useState(!preset);
  return (
    <label className="inline">
      Half-life{' '}
      <select
        value={custom ? 'custom' : halfLife}
        onChange={(e) => {
          if (e.target.value === 'custom') setCustom(true);
          else {
            setCustom(false);
            setHalfLife(Number(e.target.value));
          }
        }}
      >
        {HALF_LIFE_PRESETS.map((h) => (
          <option key={h} value={h}>
            {h} days
          </option>
        ))}
        <option value="custom">custom…</option>
      </select>
      {custom && (
        <input
          type="number"
          min={0.5}
          max={3650}
          step={0.5}
          defaultValue={halfLife}
          aria-label="Half-life in days"
          className="half-life-input"
          onBlur={(e) => {
            const v = Number(e.target.value);
            if (v > 0 && v <= 3650) setHalfLife(v);
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
      )}
    </label>
  );
}

/** The running score of the chosen relationship: figures now, the timeline, and the evidence of a day. */
export function ScorePanel() {
  const relationshipId = useUi((s) => s.relationshipId);
  const halfLife = useUi((s) => s.halfLifeDays);
  const evidenceDate = useUi((s) => s.evidenceDate);
  const setEvidenceDate = useUi((s) => s.setEvidenceDate);
  const score = useScore(relationshipId, halfLife);
  const evidence = useEvidence(relationshipId, evidenceDate, halfLife);
  const [view, setView] = useState<'M' | 'R'>('M');
  const [tab, setTab] = useState<Tab>('chart');
  const [comparing, setComparing] = useState(false);
  /** The day the cards are for: today (the series' end) unless the analyst picks another. */
  const [asOf, setAsOf] = useState<string | null>(null);
  const s = score.data;
  const settings = useMarksSettings();
  const marks = useMarks(relationshipId, halfLife, settings.windowDays, settings.thresholds, settings.metric);
  // Reciprocated threats (at the answer) and threshold crossings, flagged on the timeline.
  const flags = useMemo(
    () =>
      marks.data
        ? [
            ...marks.data.reciprocations.map((r) => ({ day: isoToDay(r.answer.date), color: '#dc2626', shape: 'dot' as const })),
            ...marks.data.crossings.map((c) =>
              c.way === 'up'
                ? { day: c.day, color: '#16a34a', shape: 'up' as const }
                : { day: c.day, color: '#9333ea', shape: 'down' as const },
            ),
          ]
        : [],
    [marks.data],
  );
  const levels = useMemo(() => (settings.metric === view ? settings.thresholds : []), [settings.metric, settings.thresholds, view]);

  const events = useMemo(() => (s ? eventDays(s) : []), [s]);
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
        <p role="alert">{score.error.message}</p>
      </section>
    );
  if (!s) return <section className="score-panel" aria-busy="true" />;
  const ab = `${s.relationship.actorA.code}→${s.relationship.actorB.code}`;
  const ba = `${s.relationship.actorB.code}→${s.relationship.actorA.code}`;
  const asOfDay = asOf ? Math.min(isoToDay(asOf), s.toDay) : s.toDay;
  const at = figuresAt(s, asOfDay);
  const lastDay = lastEventDay(s, asOfDay);
  const quietDays = lastDay === null ? null : asOfDay - lastDay;

  return (
    <section className="score-panel" aria-label="Running score">
      <div className="score-head">
        <h3>{s.relationship.label}</h3>
        <HalfLifePicker />
        <button type="button" onClick={() => setComparing(true)}>
          Compare
        </button>
      </div>
      <dl className="figures" aria-label="Score now">
        <div className="headline">
          <dt>Sentiment M</dt>
          <dd data-testid="score-m">{fmt(at.combined.M)}</dd>
        </div>
        <div>
          <dt>Activity A</dt>
          <dd data-testid="score-a">{fmt(at.combined.A)}</dd>
        </div>
        <div>
          <dt>Pressure R</dt>
          <dd data-testid="score-r">{fmt(at.combined.R)}</dd>
        </div>
        <div>
          <dt>M {ab}</dt>
          <dd data-testid="score-m-ab">{fmt(at.ab.M)}</dd>
        </div>
        <div>
          <dt>M {ba}</dt>
          <dd data-testid="score-m-ba">{fmt(at.ba.M)}</dd>
        </div>
        <div>
          <dt>Index</dt>
          <dd data-testid="score-index">{fmt(at.index)}</dd>
        </div>
        <div>
          <dt>Asymmetry</dt>
          <dd data-testid="score-asymmetry">{fmt(at.asymmetry)}</dd>
        </div>
      </dl>
      <p className="score-asof">
        <label>
          Figures for{' '}
          <input
            type="date"
            value={dayToIso(asOfDay)}
            min={dayToIso(s.fromDay)}
            max={dayToIso(s.toDay)}
            onChange={(e) => setAsOf(e.target.value || null)}
          />
        </label>{' '}
        {asOfDay === s.toDay && '(today) '}
        {lastDay === null ? (
          <span>· no events up to this day</span>
        ) : (
          <span>
            · last event <time dateTime={dayToIso(lastDay)}>{dayToIso(lastDay)}</time>
            {quietDays !== null && quietDays > 0 && <b> · no events in the last {quietDays} days</b>}
          </span>
        )}
      </p>
      <TagsOutside inScore />
      <div className="score-tabs" role="tablist" aria-label="Score views">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'chart' &&
        (s.annotationCount === 0 ? (
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
              syncKey={`rel-${s.relationship.id}`}
              label={`${view === 'M' ? 'Sentiment' : 'Pressure'} of ${s.relationship.label} over time; click a day for its evidence`}
              onPickDay={(d) => setEvidenceDate(dayToIso(d))}
              markDay={evidenceDate ? isoToDay(evidenceDate) : null}
              flags={flags}
              levels={levels}
              eventDays={events}
            />
            <TimeChart
              days={days}
              series={activity}
              height={100}
              syncKey={`rel-${s.relationship.id}`}
              label="Activity over time"
              onPickDay={(d) => setEvidenceDate(dayToIso(d))}
              eventDays={events}
            />
            <p className="hint">
              Click a day for the passages that weigh on it. Wheel zooms, Shift+wheel pans, drag selects, double-click shows all. Flags:{' '}
              <span className="flag-red">●</span> a threat answered by a threat, <span className="flag-green">▲</span> the score crossing a
              threshold upwards, <span className="flag-purple">▼</span> downwards (dashed lines; set them under Marks).
            </p>
          </>
        ))}
      {tab === 'calendar' && <ScoreBuckets relationshipId={s.relationship.id} />}
      {tab === 'marks' && <ScoreMarks relationshipId={s.relationship.id} halfLifeDays={halfLife} />}
      {tab === 'sources' && <SourcesPanel />}
      {evidenceDate && (
        <div className="evidence" aria-label={`Evidence on ${evidenceDate}`}>
          <div className="evidence-head">
            <h4>Evidence on {evidenceDate}</h4>
            <button type="button" onClick={() => setEvidenceDate(null)} aria-label="Close evidence">
              ×
            </button>
          </div>
          {evidence.data && <EvidenceList evidence={evidence.data} abLabel={ab} baLabel={ba} />}
        </div>
      )}
      {comparing && <CompareView onClose={() => setComparing(false)} />}
    </section>
  );
}
