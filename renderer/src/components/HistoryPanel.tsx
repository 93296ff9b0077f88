import { useEffect } from 'react';
import { useHistoryState, useHistoryStep } from '../state/queries';

const KIND_PREFIX = { do: '', undo: 'Undid: ', redo: 'Redid: ' } as const;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere but in a text field, which keeps
 * its own undo; and the list of what changed and when, from the workspace's log.
 */
export function HistoryPanel() {
  const state = useHistoryState();
  const step = useHistoryStep();
  const { mutate, isPending } = step;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      const kind = key === 'z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' && !e.shiftKey ? 'redo' : null;
      if (!kind) return;
      e.preventDefault();
      // Each press is one step; the workspace applies them one after the other.
      mutate(kind);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mutate]);

  const data = state.data;
  return (
    <details className="history-panel">
      <summary>History</summary>
      <div className="history-actions">
        <button
          type="button"
          onClick={() => mutate('undo')}
          disabled={!data?.nextUndo || isPending}
          aria-keyshortcuts="Control+Z"
          title={data?.nextUndo ? `Undo: ${data.nextUndo}` : 'Nothing to undo'}
        >
          Undo <kbd>Ctrl+Z</kbd>
        </button>
        <button
          type="button"
          onClick={() => mutate('redo')}
          disabled={!data?.nextRedo || isPending}
          aria-keyshortcuts="Control+Shift+Z"
          title={data?.nextRedo ? `Redo: ${data.nextRedo}` : 'Nothing to redo'}
        >
          Redo <kbd>Ctrl+Shift+Z</kbd>
        </button>
      </div>
      {data && data.recent.length === 0 && <p className="empty-state">No changes yet.</p>}
      {/* A scroll region is focusable so that the keyboard can scroll it (axe: scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <ol className="history-list scroll-region" aria-label="Changes, newest first" tabIndex={0}>
        {(data?.recent ?? []).map((s) => (
          <li key={s.id}>
            <time dateTime={new Date(s.atMs).toISOString()}>
              {new Date(s.atMs).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
            </time>{' '}
            {KIND_PREFIX[s.kind]}
            {s.label}
            {s.analyst && <span className="history-who"> — {s.analyst}</span>}
            {s.fromDesk && <span className="history-desk"> (from the desk; theirs to undo)</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
