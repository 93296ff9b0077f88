/** The strip under the article head: how many suggestions, and the current one with its code, direction and evidence. */
import type { Actor, Code } from '../../../../shared/api/schemas';
import type { Suggestion } from '../../../../shared/api/suggest';
import type { Adjusted } from './useSuggestionLayer';
import './suggest.css';

export function SuggestionBar(props: {
  count: number;
  loading: boolean;
  current: Suggestion | null;
  shown: Adjusted | null;
  position: number;
  codes: readonly Code[];
  actors: readonly Actor[];
  busy: boolean;
  onStart(): void;
}) {
  const { current, shown } = props;
  const actor = (id: number | null) =>
    id === null ? (current?.newActor?.code ?? '?') : (props.actors.find((a) => a.id === id)?.code ?? '?');
  if (props.loading)
    return (
      <p className="suggestion-bar" aria-busy="true">
        Reading the article for suggestions…
      </p>
    );
  if (props.count === 0) return <p className="suggestion-bar muted">No suggestions for this article.</p>;
  if (!current || !shown) {
    return (
      <p className="suggestion-bar">
        <span className="suggestion-count">
          {props.count} suggestion{props.count === 1 ? '' : 's'}
        </span>{' '}
        (dotted underline).{' '}
        <button type="button" onClick={props.onStart}>
          Review suggestions
        </button>{' '}
        or press <kbd>n</kbd>.
      </p>
    );
  }
  const code = props.codes.find((c) => c.id === current.codeId);
  return (
    <div className="suggestion-bar current" role="group" aria-live="polite" aria-label="Current suggestion">
      <span className="suggestion-count">
        Suggestion {props.position} of {props.count}
      </span>
      <span className="suggestion-code" style={{ borderColor: code?.color }}>
        {code?.name ?? 'code'}
      </span>
      <span className="suggestion-direction">
        {actor(shown.sourceActorId)} → {actor(shown.targetActorId)}
      </span>
      <span className="suggestion-confidence">{Math.round(current.confidence * 100)} %</span>
      <span className="suggestion-evidence">{current.evidence}</span>
      {current.newActor && (
        <span className="suggestion-new-actor">
          New actor? {current.newActor.name} ({current.newActor.code}) is not in this workspace.
        </span>
      )}
      <span className="suggestion-keys">
        <kbd>Enter</kbd> accept · <kbd>1</kbd>–<kbd>3</kbd> as another code · <kbd>s</kbd> swap · <kbd>Shift</kbd>+<kbd>←/→</kbd> end ·{' '}
        <kbd>[</kbd>/<kbd>]</kbd> start · <kbd>x</kbd> reject · <kbd>n</kbd>/<kbd>p</kbd> next/previous
      </span>
      {props.busy && <span aria-busy="true">Saving…</span>}
    </div>
  );
}
