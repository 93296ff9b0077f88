/**
 * "Suggest for the listed articles": the library's current selection (its
 * filters) read in chunks, with progress and cancel, then a review list of
 * every suggestion — sortable by confidence, filtered by code and direction —
 * where many are accepted or rejected at once.
 */
import { useMemo, useRef, useState } from 'react';
import type { Suggestion } from '../../../../shared/api/suggest';
import { useLibraryFilters } from '../../state/libraryFilters';
import { useActors, useCodebook } from '../../state/queries';
import { rejectionOf, suggestForLibrary, useAcceptSuggestion, useRejectSuggestion } from '../../state/suggestQueries';
import { useUi } from '../../state/ui';
import { ModalDialog } from '../ModalDialog';

export function SuggestReview({ open, onClose }: { open: boolean; onClose(): void }) {
  const library = useLibraryFilters((s) => s.query);
  const codes = useCodebook().data ?? [];
  const actors = useActors().data ?? [];
  const say = useUi((s) => s.say);
  const accept = useAcceptSuggestion();
  const reject = useRejectSuggestion();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [running, setRunning] = useState(false);
  const cancelled = useRef(false);
  const [codeFilter, setCodeFilter] = useState('');
  const [dirFilter, setDirFilter] = useState('');
  const [ascending, setAscending] = useState(false);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const code = (id: number) => codes.find((c) => c.id === id);
  const topOf = (id: number) => {
    let c = code(id);
    while (c && c.parentId !== null) c = code(c.parentId);
    return c;
  };
  const actorCode = (s: Suggestion, id: number | null) =>
    id === null ? (s.newActor?.code ?? '?') : (actors.find((a) => a.id === id)?.code ?? '?');
  const direction = (s: Suggestion) => `${actorCode(s, s.sourceActorId)} → ${actorCode(s, s.targetActorId)}`;

  const start = async () => {
    cancelled.current = false;
    setRunning(true);
    setItems([]);
    setChecked(new Set());
    try {
      const { found, articles } = await suggestForLibrary(
        library,
        () => cancelled.current,
        (sofar, done, total) => {
          setProgress({ done, total });
          if (done > 0) setItems(sofar);
        },
      );
      say(
        'info',
        cancelled.current ? `Stopped: ${found.length} suggestions so far.` : `${found.length} suggestions in ${articles} articles.`,
      );
    } catch (e) {
      say('error', (e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  const shown = useMemo(() => {
    const list = items.filter(
      (s) => (!codeFilter || String(topOf(s.codeId)?.id) === codeFilter) && (!dirFilter || direction(s) === dirFilter),
    );
    return list.sort((a, b) => (ascending ? a.confidence - b.confidence : b.confidence - a.confidence));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, codeFilter, dirFilter, ascending, codes, actors]);
  const directions = [...new Set(items.map(direction))].sort();

  const answerChecked = async (how: 'accept' | 'reject') => {
    const chosen = shown.filter((s) => checked.has(s.key));
    let done = 0;
    for (const s of chosen) {
      try {
        if (how === 'accept') {
          if (s.sourceActorId === null || s.targetActorId === null) continue;
          await accept.mutateAsync({
            articleId: s.articleId,
            start: s.start,
            end: s.end,
            exact: s.exact,
            codeId: s.codeId,
            sourceActorId: s.sourceActorId,
            targetActorId: s.targetActorId,
          });
        } else {
          await reject.mutateAsync(rejectionOf(s));
        }
        done++;
      } catch {
        // Reported by the mutation; the others go on.
      }
    }
    setItems((all) => all.filter((s) => !chosen.some((c) => c.key === s.key)));
    setChecked(new Set());
    say('info', `${how === 'accept' ? 'Accepted' : 'Rejected'} ${done} of ${chosen.length} suggestions.`);
  };

  return (
    <ModalDialog open={open} onClose={onClose} title="Suggestions for the listed articles" className="suggest-review">
      <p>
        Reads the articles the library lists now (its filters apply) and suggests passages. Suggestions count in no score until accepted.
      </p>
      <p>
        {!running && (
          <button type="button" className="primary" onClick={() => void start()}>
            Suggest for the listed articles
          </button>
        )}
        {running && (
          <button type="button" onClick={() => (cancelled.current = true)}>
            Cancel
          </button>
        )}{' '}
        {progress && (
          <>
            <progress max={progress.total} value={progress.done} aria-label="Articles read" />{' '}
            <span>
              {progress.done} of {progress.total} articles
            </span>
          </>
        )}
      </p>
      {items.length > 0 && (
        <>
          <div className="review-filters">
            <label>
              Code{' '}
              <select value={codeFilter} onChange={(e) => setCodeFilter(e.target.value)}>
                <option value="">all</option>
                {codes
                  .filter((c) => c.parentId === null)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              Direction{' '}
              <select value={dirFilter} onChange={(e) => setDirFilter(e.target.value)}>
                <option value="">all</option>
                {directions.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setChecked(new Set(shown.map((s) => s.key)))}>
              Select all shown ({shown.length})
            </button>
            <button type="button" disabled={checked.size === 0} onClick={() => void answerChecked('accept')}>
              Accept selected
            </button>
            <button type="button" disabled={checked.size === 0} onClick={() => void answerChecked('reject')}>
              Reject selected
            </button>
          </div>
          <table className="review-table" aria-label="Suggestions">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Selected</span>
                </th>
                <th scope="col">
                  <button type="button" onClick={() => setAscending(!ascending)}>
                    Confidence {ascending ? '↑' : '↓'}
                  </button>
                </th>
                <th scope="col">Code</th>
                <th scope="col">Direction</th>
                <th scope="col">Passage</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 500).map((s) => (
                <tr key={s.key}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select “${s.exact.slice(0, 40)}”`}
                      checked={checked.has(s.key)}
                      onChange={(e) => {
                        const next = new Set(checked);
                        if (e.target.checked) next.add(s.key);
                        else next.delete(s.key);
                        setChecked(next);
                      }}
                    />
                  </td>
                  <td>{Math.round(s.confidence * 100)} %</td>
                  <td>{code(s.codeId)?.name}</td>
                  <td>{direction(s)}</td>
                  <td>{s.exact}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > 500 && <p className="muted">The first 500 of {shown.length} are listed; filter to see the others.</p>}
        </>
      )}
    </ModalDialog>
  );
}
