import { useEffect, useRef, useState, type FormEvent } from 'react';
import { localTodayIso } from '../../../shared/domain/dates';
import { useCreateArticle, useRelationships } from '../state/queries';
import { useUi } from '../state/ui';
import { useReturnFocus } from './useReturnFocus';

/** Paste an article: title, outlet, date, relationship, URL and text. Nothing is lost on an error. */
export function AddArticleDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const relationships = useRelationships();
  const create = useCreateArticle();
  const openArticle = useUi((s) => s.openArticle);
  const relationshipId = useUi((s) => s.relationshipId);
  const say = useUi((s) => s.say);
  const [error, setError] = useState<string | null>(null);
  // The relationship starts as the one chosen in the top bar, each time the dialog opens (the rest of a draft is kept).
  const [rel, setRel] = useState('');
  useReturnFocus(open);

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) {
      setError(null);
      setRel(relationshipId === null ? '' : String(relationshipId));
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open, relationshipId]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = String(form.get('text') ?? '');
    const rel = String(form.get('relationshipId') ?? '');
    create.mutate(
      {
        title: String(form.get('title') ?? ''),
        outlet: String(form.get('outlet') ?? ''),
        publishedOn: String(form.get('publishedOn') ?? ''),
        url: String(form.get('url') ?? ''),
        author: String(form.get('author') ?? ''),
        relationshipId: rel ? Number(rel) : null,
        text,
      },
      {
        onSuccess: (article) => {
          (e.target as HTMLFormElement).reset();
          setRel('');
          onClose();
          openArticle(article.id);
          say('info', `Added “${article.title}”.`);
        },
        onError: (err) => setError(err.message),
      },
    );
  };

  return (
    <dialog ref={dialogRef} className="add-dialog" aria-labelledby="add-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="add-title">Add an article</h2>
        <label className="field">
          <span>Title</span>
          <input name="title" required maxLength={500} autoFocus />
        </label>
        <div className="row">
          <label className="field">
            <span>Outlet</span>
            <input name="outlet" maxLength={200} />
          </label>
          <label className="field">
            <span>Published</span>
            <input name="publishedOn" type="date" required defaultValue={localTodayIso()} />
          </label>
        </div>
        <div className="row">
          <label className="field">
            <span>Relationship</span>
            <select name="relationshipId" value={rel} onChange={(e) => setRel(e.target.value)}>
              <option value="">None</option>
              {(relationships.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Author</span>
            <input name="author" maxLength={300} />
          </label>
        </div>
        <label className="field">
          <span>URL</span>
          <input name="url" type="url" placeholder="https://…" maxLength={2000} />
        </label>
        <label className="field">
          <span>Text</span>
          <textarea name="text" rows={12} placeholder="Paste the article's text here. Paragraphs are kept." />
        </label>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Saving…' : 'Save article'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
