import { useState } from 'react';
import type { ArticleSummary } from '../../../../shared/api/schemas';
import { useUpdateArticleMeta } from '../../state/codingLoopQueries';
import { useUi } from '../../state/ui';
import { ModalDialog } from '../ModalDialog';

/** Corrects an article's title, outlet, author, published date and URL (undoable, in the history). */
export function ArticleDetailsDialog({ article, onClose }: { article: ArticleSummary; onClose(): void }) {
  const [f, setF] = useState({
    title: article.title,
    outlet: article.outlet,
    author: article.author,
    publishedOn: article.publishedOn,
    url: article.url,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const update = useUpdateArticleMeta();
  const say = useUi((s) => s.say);
  const field = (key: keyof typeof f, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input type={type} value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
    </label>
  );
  return (
    <ModalDialog open onClose={onClose} title="Article details">
      <form
        className="details-form"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { id: article.id, ...f },
            {
              onSuccess: () => {
                say('info', `Details of “${f.title}” saved. Ctrl+Z undoes it.`);
                onClose();
              },
              onError: (err) => setProblem((err).message),
            },
          );
        }}
      >
        {field('title', 'Title')}
        {field('outlet', 'Outlet')}
        {field('author', 'Author')}
        {field('publishedOn', 'Published', 'date')}
        {field('url', 'URL')}
        {problem && (
          <p className="inline-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={update.isPending}>
            Save details
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** The reader's "Edit details" button with its dialog. */
export function ArticleDetailsButton({ article }: { article: ArticleSummary }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="edit-text" onClick={() => setOpen(true)}>
        Edit details
      </button>
      {open && <ArticleDetailsDialog article={article} onClose={() => setOpen(false)} />}
    </>
  );
}
