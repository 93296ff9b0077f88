/**
 * Correcting an article's text (a typo, a missing paragraph) and moving every
 * annotation along with it. No annotation is ever dropped: one whose passage
 * cannot be found again is kept as an orphan, with its quote, to be placed by hand.
 */
import type { OpParsedInput, OpOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { MAX_ARTICLE_CHARS } from '../../shared/api/schemas';
import { quoteSelector } from '../../shared/domain/anchoring';
import { editRegion, mapOffset, reanchor } from '../../shared/domain/reanchor';
import { normalizeArticleText, wordCount } from '../../shared/domain/text';
import { listAnnotationsForArticle, setAnnotationAnchor } from '../db/annotations';
import { findArticleByHash, getArticle } from '../db/articles';
import { stmt } from '../db/statements';
import { contentHash } from './articles';
import { clip } from './annotations';
import type { AppContext } from './context';
import { recordUndoable } from './undo';
import { present } from '../../shared/domain/present';

export function updateArticleText(ctx: AppContext, input: OpParsedInput<'articles:update-text'>): OpOutput<'articles:update-text'> {
  const { db } = ctx.workspace;
  const article = getArticle(db, input.id);
  if (!article) throw new ApiError('NOT_FOUND', `There is no article with id ${input.id}; it may have been deleted.`);
  if (input.expectedHash !== undefined && input.expectedHash !== article.contentHash) {
    throw new ApiError(
      'CONFLICT',
      'The article was changed since you started editing it. Reopen it and make your correction again. Nothing was saved.',
    );
  }
  if (input.text.length > MAX_ARTICLE_CHARS) {
    throw new ApiError(
      'TOO_LARGE',
      `An article may hold up to ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters of text. Nothing was saved.`,
    );
  }
  const text = normalizeArticleText(input.text);
  if (text.length === 0)
    throw new ApiError('BAD_INPUT', 'The corrected text is empty. An article needs its text; to remove it, delete the article.');
  const counts = { position: 0, exact: 0, fuzzy: 0, orphaned: 0 };
  if (text === article.text) return { article, ...counts, unchanged: true };
  const hash = contentHash(text);
  const clash = findArticleByHash(db, hash);
  if (clash && clash.id !== article.id) {
    throw new ApiError(
      'CONFLICT',
      `The corrected text is the same as that of “${clash.title}” already in the workspace. Nothing was saved.`,
    );
  }
  const region = editRegion(article.text, text);
  return recordUndoable(ctx, `Edit the text of “${clip(article.title)}”`, (rec) => {
    const nowMs = ctx.now().getTime();
    rec.willChange('articles', 'article', article.id);
    stmt(db, 'UPDATE articles SET text = ?, word_count = ?, content_hash = ?, updated_at_ms = ? WHERE id = ?').run(
      text,
      wordCount(text),
      hash,
      nowMs,
      article.id,
    );
    for (const a of listAnnotationsForArticle(db, article.id)) {
      rec.willChange('annotations', 'annotation', a.id);
      const placed = reanchor(text, a, a.orphaned ? a.start : mapOffset(region, article.text.length, a.start));
      if (placed) {
        counts[placed.method]++;
        setAnnotationAnchor(
          db,
          a.id,
          { start: placed.start, end: placed.end, ...quoteSelector(text, placed.start, placed.end), orphaned: false },
          nowMs,
        );
      } else {
        counts.orphaned++;
        // Keep the quote as it was; the offsets only need to stay valid for the schema.
        const start = Math.min(a.start, text.length - 1);
        const end = Math.min(Math.max(start + 1, a.end), text.length);
        setAnnotationAnchor(db, a.id, { start, end, exact: a.exact, prefix: a.prefix, suffix: a.suffix, orphaned: true }, nowMs);
      }
    }
    return { article: present(getArticle(db, article.id), `article ${article.id}, just saved`), ...counts, unchanged: false };
  });
}
