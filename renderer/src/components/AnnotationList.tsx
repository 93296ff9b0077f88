import { useActors, useAnnotations, useCodebook } from '../state/queries';
import { useCoding } from '../state/coding';
import { useFocus, useUi } from '../state/ui';
import { inShownLayer, useLayerUi } from './agreement/layerState';

/** The open article's tags in text order; clicking one scrolls to it. */
export function AnnotationList() {
  const articleId = useUi((s) => s.articleId);
  const selectedId = useUi((s) => s.selectedAnnotationId);
  const focusAnnotation = useFocus((s) => s.focusAnnotation);
  const annotations = useAnnotations(articleId);
  const placingId = useCoding((s) => s.placingAnnotationId);
  const setPlacing = useCoding((s) => s.setPlacing);
  const codes = useCodebook();
  const actors = useActors();
  const shownLayer = useLayerUi((s) => s.shown);
  // An article that is gone (deleted, or not in a restored backup): the reader says so, and its old tags are not listed.
  if (articleId === null || annotations.isError) return null;
  const code = (id: number) => codes.data?.find((c) => c.id === id);
  const actor = (id: number) => actors.data?.find((a) => a.id === id)?.code ?? '?';
  // The tags of the coder layer the reader shows.
  const all = (annotations.data ?? []).filter((a) => inShownLayer(a, shownLayer));
  const list = all.filter((a) => !a.orphaned);
  const orphans = all.filter((a) => a.orphaned);
  return (
    <section className="annotation-list" aria-label="Tags in this article">
      <h3>Tags in this article ({list.length})</h3>
      {annotations.isSuccess && list.length === 0 && <p className="empty-state">No tags yet. Select a passage to tag it.</p>}
      <ol>
        {list.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="annotation-item"
              aria-current={a.id === selectedId ? 'true' : undefined}
              style={{ ['--code' as string]: code(a.codeId)?.color ?? '#888' }}
              onClick={() => focusAnnotation(a.articleId, a.id)}
            >
              <span className="tag-line">
                <b>{code(a.codeId)?.name}</b> {actor(a.sourceActorId)}→{actor(a.targetActorId)}
              </span>
              <span className="quote">“{a.exact}”</span>
              {a.note && <span className="note">{a.note}</span>}
            </button>
          </li>
        ))}
      </ol>
      {orphans.length > 0 && (
        <section className="orphans" aria-label="Not found in the text">
          <h4>Not found in the text ({orphans.length})</h4>
          <p className="hint">
            The text was edited and these passages could not be found again. They still count; place each one by selecting its passage.
          </p>
          <ol>
            {orphans.map((a) => (
              <li key={a.id} className="orphan" style={{ ['--code' as string]: code(a.codeId)?.color ?? '#888' }}>
                <span className="tag-line">
                  <b>{code(a.codeId)?.name}</b> {actor(a.sourceActorId)}→{actor(a.targetActorId)}
                </span>
                <span className="quote">“{a.exact}”</span>
                <button type="button" aria-pressed={placingId === a.id} onClick={() => setPlacing(placingId === a.id ? null : a.id)}>
                  {placingId === a.id ? 'Selecting…' : 'Place by hand'}
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
