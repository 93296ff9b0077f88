import { useEffect, useRef, useState } from 'react';
import { fixed } from '../../../shared/domain/numbers';
import type { OpOutput } from '../../../shared/api/contract';
import { useGroupEvent, useUngroupEvent } from '../state/scoreQueries';
import { useFocus } from '../state/ui';
import { useEvidenceFocus } from './useChartKeys';
import { WhyScore } from './WhyScore';

type EvidenceResult = OpOutput<'score:evidence'>;

const f2 = (v: number) => fixed(v);

/**
 * The items weighing on one day, most weight first. Passages can be ticked and
 * grouped as one event (several reports of one happening); an event shows all
 * its passages and can be ungrouped.
 */
export function EvidenceList({ evidence, abLabel, baLabel }: { evidence: EvidenceResult; abLabel: string; baLabel: string }) {
  const focusAnnotation = useFocus((s) => s.focusAnnotation);
  const [picked, setPicked] = useState<number[]>([]);
  const [why, setWhy] = useState(false);
  const group = useGroupEvent();
  const ungroup = useUngroupEvent();
  // Enter on a chart day asks for the keyboard to land here, on "Why this score".
  const whyRef = useRef<HTMLButtonElement>(null);
  const focusPending = useEvidenceFocus((s) => s.pending);
  const focusDone = useEvidenceFocus((s) => s.done);
  useEffect(() => {
    if (focusPending !== evidence.date) return;
    whyRef.current?.focus();
    focusDone();
  }, [focusPending, focusDone, evidence]);
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  return (
    <>
      <div className="evidence-tools">
        <button type="button" ref={whyRef} aria-pressed={why} onClick={() => setWhy((w) => !w)}>
          Why this score
        </button>
        <button
          type="button"
          disabled={picked.length < 2 || group.isPending}
          onClick={() => group.mutate({ annotationIds: picked }, { onSuccess: () => setPicked([]) })}
        >
          Group as one event{picked.length >= 2 ? ` (${picked.length})` : ''}
        </button>
      </div>
      {why && <WhyScore evidence={evidence} abLabel={abLabel} baLabel={baLabel} />}
      {evidence.items.length === 0 && <p className="empty-state">Nothing weighs on this day yet.</p>}
      <ol className="evidence-items">
        {evidence.items.map((e) => (
          <li key={e.eventId === null ? `a${e.annotationId}` : `e${e.eventId}`} className={e.eventId === null ? undefined : 'is-event'}>
            <div className="evidence-row">
              {e.eventId === null ? (
                <input
                  type="checkbox"
                  aria-label={`Select “${e.exact.slice(0, 40)}” for grouping`}
                  checked={picked.includes(e.annotationId)}
                  onChange={() => toggle(e.annotationId)}
                />
              ) : (
                <span className="event-badge" title="Several passages grouped as one event: it counts once">
                  Event
                </span>
              )}
              <span className="tag-line">
                <b>{e.codeName}</b> {e.sourceCode}→{e.targetCode} · {e.eventDate} · contribution{' '}
                <span data-testid="evidence-contribution">{f2(e.contribution)}</span>
              </span>
            </div>
            <span className="factors">
              s {f2(e.s)} = w {e.weight} × c {f2(e.confidence)} × r {f2(e.reliability)}
              {e.grade ? ` (grade ${e.grade})` : ''} · decay {f2(e.decay)}
            </span>
            {e.passages.map((p) => (
              <button
                key={p.annotationId}
                type="button"
                className="evidence-item"
                onClick={() => focusAnnotation(p.articleId, p.annotationId)}
              >
                <span className="quote">“{p.exact}”</span>
                <span className="meta">
                  {p.articleTitle} — {p.outlet || 'no outlet'}
                  {p.grade ? ` (${p.grade})` : ''}, {p.publishedOn}
                </span>
              </button>
            ))}
            {e.eventId !== null && (
              <button type="button" className="link" onClick={() => e.eventId !== null && ungroup.mutate(e.eventId)}>
                Ungroup these {e.passages.length} passages
              </button>
            )}
          </li>
        ))}
      </ol>
      {evidence.total > evidence.items.length && (
        <p className="hint">{evidence.total - evidence.items.length} lighter or older items are not listed; “Why this score” sums them.</p>
      )}
    </>
  );
}
