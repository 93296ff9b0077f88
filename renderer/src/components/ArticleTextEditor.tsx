import { useState } from 'react';
import type { Article } from '../../../shared/api/schemas';
import { useUpdateArticleText } from '../state/queries';
import { useCoding } from '../state/coding';
import { useUi } from '../state/ui';
import { useReturnFocus } from './useReturnFocus';

/**
 * "Edit text" mode: the analyst corrects the article (a typo, a missing
 * paragraph); on save every tag is placed again, and those that cannot be are
 * listed as not found, never dropped. Ctrl+Z undoes the whole correction.
 */
export function ArticleTextEditor({ article }: { article: Article }) {
  const [text, setText] = useState(article.text);
  const [problem, setProblem] = useState<string | null>(null);
  const update = useUpdateArticleText();
  const setEditing = useCoding((s) => s.setEditingText);
  const say = useUi((s) => s.say);
  // The Edit text button is replaced by this form, so the focus goes back to the new one when the form closes.
  useReturnFocus(true, () => document.querySelector<HTMLElement>('.article-head .edit-text'));

  const save = () => {
    update.mutate(
      { id: article.id, text, expectedHash: article.contentHash },
      {
        onSuccess: (r) => {
          setEditing(null);
          if (r.unchanged) {
            say('info', 'The text is unchanged.');
            return;
          }
          const placed = r.position + r.exact + r.fuzzy;
          say(
            r.orphaned > 0 ? 'error' : 'info',
            `Text saved. ${placed} tag${placed === 1 ? '' : 's'} placed again` +
              (r.orphaned > 0
                ? `; ${r.orphaned} could not be found in the new text and ${r.orphaned === 1 ? 'is' : 'are'} listed under “Not found in the text”.`
                : '.'),
          );
        },
        onError: (err) => setProblem(err.message),
      },
    );
  };

  return (
    <form
      className="text-editor"
      aria-label="Edit the article text"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="hint">
        Correct the text, then save: tags move with their passages; a tag whose passage is gone is kept and listed so you can place it
        again.
      </p>
      <label className="field">
        <span>Article text</span>
        <textarea
          value={text}
          rows={20}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(null);
          }}
        />
      </label>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      <div className="popover-actions">
        <button type="button" onClick={() => setEditing(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={update.isPending}>
          Save text
        </button>
      </div>
    </form>
  );
}
