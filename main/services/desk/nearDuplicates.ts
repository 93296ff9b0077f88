/**
 * Near-duplicate articles across the desk (issue 18). The desk makes the same
 * article one article only when the text is identical (its uid is the text's
 * hash). A wire copied on two laptops with a small difference (a byline,
 * whitespace, a corrected typo) arrives as a second article, and is then never
 * merged silently: a colleague's tags are anchored to their text by offsets
 * and quotes, and two reports that look alike can be two reports. Instead, a
 * pulled article that nearly duplicates one this laptop imported itself, by
 * the import's own test (MinHash estimate, then the exact shingle overlap), is
 * listed for the analyst the way an import lists a near-duplicate: the two
 * titles, how alike they are, the paragraphs only one has. Dismissing the
 * pair (both stay) is an ordinary undoable change.
 */
import { ApiError } from '../../../shared/api/errors';
import type { DeskNearDuplicate } from '../../../shared/api/deskCarry';
import { paragraphDifference, sameArticle, signatureOf } from '../../../shared/text/fingerprint';
import { getArticle } from '../../db/articles';
import type { Db } from '../../db/connection';
import {
  countDeskNearDuplicates,
  deleteDeskNearDuplicate,
  deskNearDuplicateId,
  hasOwnArticles,
  insertDeskNearDuplicate,
  listDeskNearDuplicates,
  ownArticlesOfDay,
} from '../../db/deskShared';
import { fingerprintOf, saveFingerprint } from '../../db/nearDuplicates';
import type { AppContext } from '../context';
import { recordUndoable } from '../undo';

/** A day's own articles compared with one pulled article at most (a wire day of a busy desk stays bounded). */
const MAX_CANDIDATES = 200;

/** After a pull created the article: if it nearly duplicates an article of this laptop's own, the pair is listed. */
export function noteNearDuplicate(db: Db, articleId: number, nowMs: number): void {
  if (!hasOwnArticles(db)) return;
  const article = getArticle(db, articleId);
  if (!article) return;
  const candidates = ownArticlesOfDay(db, article.publishedOn, articleId, MAX_CANDIDATES);
  if (candidates.length === 0) return;
  const signature = signatureOf(article.text);
  // Kept, so that the next import finds this article as a near-duplicate too.
  saveFingerprint(db, articleId, signature);
  let best: { id: number; similarity: number } | null = null;
  for (const c of candidates) {
    // An article made by hand has no fingerprint until the next import: made here once, and kept.
    const saved = fingerprintOf(db, c.id);
    const theirs = saved ?? signatureOf(c.text);
    if (!saved) saveFingerprint(db, c.id, theirs);
    const s = sameArticle(
      signature,
      theirs,
      () => article.text,
      () => c.text,
    );
    if (s !== null && (!best || s > best.similarity)) best = { id: c.id, similarity: s };
  }
  if (best) insertDeskNearDuplicate(db, articleId, best.id, best.similarity, nowMs);
}

export function listNearDuplicates(ctx: AppContext): DeskNearDuplicate[] {
  const { db } = ctx.workspace;
  const out: DeskNearDuplicate[] = [];
  for (const r of listDeskNearDuplicates(db)) {
    const pulled = getArticle(db, r.articleId);
    const own = getArticle(db, r.otherId);
    if (!pulled || !own) continue; // cascades remove the row with either article; a row is never half there
    const brief = (a: typeof pulled) => ({ id: a.id, title: a.title, outlet: a.outlet, publishedOn: a.publishedOn });
    const difference = paragraphDifference(pulled.text, own.text);
    out.push({ pulled: brief(pulled), own: brief(own), similarity: r.similarity, foundAtMs: r.foundAtMs, ...difference });
  }
  return out;
}

/** Both articles stay as they are; the pair leaves the list (undoable: Ctrl+Z brings it back). */
export function dismissNearDuplicate(ctx: AppContext, articleId: number): { remaining: number } {
  const { db } = ctx.workspace;
  const id = deskNearDuplicateId(db, articleId);
  if (id === null)
    throw new ApiError(
      'NOT_FOUND',
      `Article ${articleId} is not listed as a near-duplicate from the desk; it may have been dismissed already.`,
    );
  const title = getArticle(db, articleId)?.title ?? `article ${articleId}`;
  recordUndoable(ctx, `Keep both: “${title.slice(0, 60)}” from the desk`, (rec) => {
    rec.willChange('desk_near_duplicates', 'desk near-duplicate', id);
    deleteDeskNearDuplicate(db, id);
  });
  return { remaining: countDeskNearDuplicates(db) };
}
