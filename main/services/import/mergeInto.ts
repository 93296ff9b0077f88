/**
 * The two ways a file that is a near-duplicate of a saved article can go into
 * that article instead of beside it, each one undoable change set:
 * - replace-text: the file's text becomes the article's, every tag re-anchored
 *   (orphans kept with their quote), the article's metadata kept;
 * - merge: the article and its text and tags are kept, and the metadata is
 *   the richer of the two: the side that says more about itself (a URL, an
 *   author, an outlet) gives its headline, outlet, author and URL, the other
 *   fills what it left empty.
 */
import { ApiError } from '../../../shared/api/errors';
import { getArticle, updateArticleMeta } from '../../db/articles';
import { saveFingerprint } from '../../db/nearDuplicates';
import { clip } from '../annotations';
import { updateArticleText } from '../articleText';
import type { AppContext } from '../context';
import { recordUndoable } from '../undo';
import type { JobItem } from './jobs';

const said = (a: { url: string; author: string; outlet: string }) => (a.url ? 4 : 0) + (a.author ? 2 : 0) + (a.outlet ? 1 : 0);

/** Puts the file into the saved article it nearly duplicates; returns what the analyst is told. */
export function intoExisting(ctx: AppContext, item: JobItem, how: 'merge' | 'replace-text'): string {
  const { db } = ctx.workspace;
  const old = item.existing ? getArticle(db, item.existing.id) : null;
  if (!old) throw new ApiError('NOT_FOUND', 'The saved article this file matched has been deleted since; import it again to keep it.');
  if (how === 'replace-text') {
    const r = updateArticleText(ctx, { id: old.id, text: item.text });
    if (item.signature) saveFingerprint(db, old.id, item.signature);
    const moved = r.position + r.exact + r.fuzzy;
    return `Its text now in “${old.title}”; ${moved} tag(s) re-anchored${r.orphaned ? `, ${r.orphaned} kept as orphans to place by hand` : ''}.`;
  }
  const [rich, poor] = said(item) > said(old) ? [item, old] : [old, item];
  const merged = {
    title: rich.title || poor.title,
    outlet: rich.outlet || poor.outlet,
    author: rich.author || poor.author,
    url: rich.url || poor.url,
    // A file without a date never moves the article's date; one with a date does if it is the richer.
    publishedOn: rich === item && !item.dateUnknown ? item.publishedOn : old.publishedOn,
  };
  recordUndoable(ctx, `Merge ${clip(item.fileName)} into “${clip(old.title)}”`, (rec) => {
    rec.willChange('articles', 'article', old.id);
    updateArticleMeta(db, old.id, merged, ctx.now().getTime());
  });
  return `Merged into “${merged.title}”: its text and tags kept, the richer metadata of the two.`;
}
