import { useState } from 'react';
import { useActors } from '../../state/queries';
import { useTagsOutside } from '../../state/codingLoopQueries';
import { useUi } from '../../state/ui';

/** Tags whose pair is no relationship: they count in no score, so the library lists them on request. */
export function TagsOutside() {
  const [open, setOpen] = useState(false);
  const tags = useTagsOutside(open);
  const actors = useActors();
  const openArticle = useUi((s) => s.openArticle);
  const code = (id: number) => actors.data?.find((a) => a.id === id)?.code ?? '?';
  return (
    <details className="tags-outside" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Tags in no score</summary>
      {tags.data?.length === 0 && <p className="more">Every tag counts in a relationship’s score.</p>}
      <ul>
        {tags.data?.map((t) => (
          <li key={t.id}>
            <button type="button" className="link" onClick={() => openArticle(t.articleId, t.id)}>
              {code(t.sourceActorId)}→{code(t.targetActorId)} “{t.exact.length > 60 ? `${t.exact.slice(0, 59)}…` : t.exact}” (
              {t.articleTitle})
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
