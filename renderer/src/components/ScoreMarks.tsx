import { useState } from 'react';
import { fixed } from '../../../shared/domain/numbers';
import { useMarks } from '../state/scoreQueries';
import { useMarksSettings } from '../state/scoreUi';
import { useFocus } from '../state/ui';

function parseThresholds(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  return parts.every((n) => Number.isFinite(n) && Math.abs(n) <= 1000) && parts.length <= 20 ? parts : null;
}

type Props = { relationshipId: number; halfLifeDays: number };

/** Reciprocated threats (tit for tat within a window) and the days the score crossed the analyst's thresholds. */
export function ScoreMarks(props: Props) {
  // The thresholds' text starts from the relationship's saved settings: start again when those arrive or the relationship changes.
  const { loaded } = useMarksSettings();
  return <MarksView key={`${props.relationshipId}-${loaded}`} {...props} />;
}

function MarksView({ relationshipId, halfLifeDays }: Props) {
  const { windowDays, setWindowDays, metric, setMetric, thresholds: saved, setThresholds } = useMarksSettings();
  const [thresholdText, setThresholdText] = useState(saved.join(', '));
  const thresholds = parseThresholds(thresholdText);
  const marks = useMarks(relationshipId, halfLifeDays, windowDays, saved, metric);
  const focusAnnotation = useFocus((s) => s.focusAnnotation);
  const m = marks.data;
  return (
    <section className="marks" aria-label="Reciprocity and escalation">
      <div className="marks-controls">
        <label>
          Answer window (days){' '}
          <input
            type="number"
            min={0}
            max={3650}
            value={windowDays}
            onChange={(e) => setWindowDays(Math.max(0, Math.round(Number(e.target.value) || 0)))}
          />
        </label>
        <label>
          Thresholds of{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value as 'M')} aria-label="Thresholds apply to">
            <option value="M">sentiment M</option>
            <option value="R">pressure R</option>
            <option value="index">index</option>
          </select>{' '}
          <input
            value={thresholdText}
            onChange={(e) => {
              setThresholdText(e.target.value);
              const parsed = parseThresholds(e.target.value);
              if (parsed) setThresholds(parsed);
            }}
            aria-label="Thresholds"
            aria-invalid={thresholds === null}
          />
        </label>
        {thresholds === null && <span role="alert">Write thresholds as numbers separated by commas, e.g. -5, 5.</span>}
      </div>
      <h4>Threats answered by threats ({m?.reciprocationCount ?? 0})</h4>
      {m && m.reciprocationCount > m.reciprocations.length && (
        <p className="hint">The latest {m.reciprocations.length} are listed, newest first.</p>
      )}
      {m && m.reciprocations.length === 0 && <p className="empty-state">No threat was answered by a threat within {windowDays} days.</p>}
      <ul className="mark-list">
        {m?.reciprocations.map((r) => (
          <li key={`${r.threat.annotationId}-${r.answer.annotationId}`}>
            <button type="button" className="link" onClick={() => focusAnnotation(r.threat.articleId, r.threat.annotationId)}>
              {r.threat.date} {r.threat.sourceCode}→{r.threat.targetCode}
            </button>{' '}
            answered after {r.lagDays} days by{' '}
            <button type="button" className="link" onClick={() => focusAnnotation(r.answer.articleId, r.answer.annotationId)}>
              {r.answer.date} {r.answer.sourceCode}→{r.answer.targetCode}
            </button>
          </li>
        ))}
      </ul>
      <h4>Threshold crossings ({m?.crossingCount ?? 0})</h4>
      {m && m.crossingCount > m.crossings.length && <p className="hint">The latest {m.crossings.length} are listed, newest first.</p>}
      {m && m.crossings.length === 0 && <p className="empty-state">The score did not cross {thresholdText || 'any threshold'}.</p>}
      <ul className="mark-list">
        {m?.crossings.map((c) => (
          <li key={`${c.day}-${c.threshold}`}>
            {c.date}: {metric} {c.way === 'up' ? 'rose to' : 'fell to'} {fixed(c.value)}, {c.way === 'up' ? 'above' : 'below'}{' '}
            {c.threshold}
          </li>
        ))}
      </ul>
    </section>
  );
}
