import { useState } from 'react';
import { plural } from '../../../../shared/domain/text';
import { useDeleteArticles } from '../../state/codingLoopQueries';
import { useLibrarySelection } from '../../state/librarySelection';
import { useUi } from '../../state/ui';
import { ModalDialog } from '../ModalDialog';

/** The bar under the library's head while articles are ticked: delete them, with their tags, after a confirmation. */
export function DeleteArticles() {
  const ids = useLibrarySelection((s) => s.ids);
  const clear = useLibrarySelection((s) => s.clear);
  const del = useDeleteArticles();
  const say = useUi((s) => s.say);
  const articleId = useUi((s) => s.articleId);
  const openArticle = useUi((s) => s.openArticle);
  const [asking, setAsking] = useState(false);
  if (ids.size === 0) return null;
  const tags = [...ids.values()].reduce((n, t) => n + t, 0);
  const what = `${plural(ids.size, 'article')} and ${plural(tags, 'tag')}`;
  return (
    <div className="library-selection" role="group" aria-label="Ticked articles">
      <span>{plural(ids.size, 'article')} ticked</span>
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        Delete…
      </button>
      <button type="button" onClick={clear}>
        Untick
      </button>
      <ModalDialog open={asking} onClose={() => setAsking(false)} title="Delete articles">
        <p>Delete {what} that go with them? Ctrl+Z brings them back.</p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setAsking(false)}>
            Keep them
          </button>
          <button
            type="button"
            className="danger"
            disabled={del.isPending}
            onClick={() =>
              del.mutate(
                { ids: [...ids.keys()] },
                {
                  onSuccess: (r) => {
                    if (articleId !== null && ids.has(articleId)) openArticle(null);
                    clear();
                    setAsking(false);
                    say(
                      'info',
                      `Deleted ${plural(r.deletedArticles, 'article')} and ${plural(r.deletedAnnotations, 'tag')}. Ctrl+Z brings them back.`,
                    );
                  },
                },
              )
            }
          >
            Delete {what}
          </button>
        </div>
      </ModalDialog>
    </div>
  );
}
