/**
 * What a row arriving from the desk (or leaving by it) does here beyond the
 * row itself, as the action that made it did on the colleague's laptop:
 * - an adjudicated flag takes this analyst's own passages of the article out
 *   of the default score, where the desk's consensus now counts (as
 *   adjudicating here does); its withdrawal (an undone adjudication) puts them back;
 * - a new article is compared with this laptop's own articles of its day, and
 *   listed when it nearly duplicates one (nearDuplicates.ts).
 */
import type { Db } from '../../db/connection';
import { adjudicatedArticleOf, rescoreOwnPassages } from '../../db/deskShared';
import type { SyncedTable } from '../../db/deskLocal';
import { unscoreOwnPassages } from '../../db/layers';
import { noteNearDuplicate } from './nearDuplicates';

/** Rows that are a mark (one per article): the same one made on two laptops is one, with nothing to compare. */
export const isMark = (table: SyncedTable) => table === 'adjudicated_articles';

/** Whether a new row of the table does anything beyond itself here. */
export const hasEffects = (table: SyncedTable) => table === 'articles' || table === 'adjudicated_articles';

export function afterCreate(db: Db, table: SyncedTable, id: number, nowMs: number): void {
  if (table === 'articles') noteNearDuplicate(db, id, nowMs);
  if (table !== 'adjudicated_articles') return;
  const articleId = adjudicatedArticleOf(db, id);
  if (articleId !== null) unscoreOwnPassages(db, articleId);
}

/** Deletes through `remove`, then undoes what the row's arrival did. */
export function deleteWithEffects(db: Db, table: SyncedTable, id: number, remove: () => void): void {
  const articleId = table === 'adjudicated_articles' ? adjudicatedArticleOf(db, id) : null;
  remove();
  if (articleId !== null) rescoreOwnPassages(db, articleId);
}
