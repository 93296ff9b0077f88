import { useState } from 'react';
import { useActors } from '../../state/queries';
import { useTagsOutside } from '../../state/codingLoopQueries';
import { useUi } from '../../state/ui';

/**
 * Tags whose pair is no relationship: they count in no score. The library lists them on request; the score
 * panel (`inScore`) says how many there are, whenever there are any, and how to bring them into a score.
 */
export function TagsOutside({ inScore = false }: { inScore?: boolean }) {
  const [open, setOpen] = useState(false);
  const tags = useTagsOutside(open || inScore);
  const actors = useActors();
  const openArticle = useUi((s) => s.openArticle);
  const code = (id: number) => actors.data?.find((a) => a.id === id)?.code ?? '?';
  const n = tags.data?.length ?? 0;
  if (inScore && n === 0) return null;
  return (
    <details className="tags-outside" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{inScore ? `${n} ${n === 1 ? 'tag counts' : 'tags count'} in no score` : 'Tags in no score'}</summary>
      {tags.data?.length === 0 && <p className="more">Every tag counts in a relationship’s score.</p>}
      {n > 0 && (
        <p className="more">
          Their source and target are no relationship. Open one: pick another source (<kbd>A</kbd>) or target (<kbd>T</kbd>), or press{' '}
          <kbd>R</kbd> to create the relationship, and it counts in that score.
        </p>
      )}
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
