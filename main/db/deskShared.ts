/**
 * SQL of what a desk carries beyond the rows of SYNCED_TABLES (migration 23):
 * a grade's factor as a value, an adjudication's effect on the analyst's own
 * passages, the history of colleagues' sets, and the near-duplicate pairs a
 * pull found.
 */
import type { Db } from './connection';
import { stmt } from './statements';

export function gradeFactor(db: Db, grade: string): number | null {
  return (stmt(db, 'SELECT factor FROM reliability_grades WHERE grade = ?').pluck().get(grade) as number | undefined) ?? null;
}

/** The grades whose factor was ever set (the seed's rows carry updated_at_ms 0). */
export function changedGradeFactors(db: Db): { grade: string; factor: number }[] {
  return stmt(db, 'SELECT grade, factor FROM reliability_grades WHERE updated_at_ms <> 0 ORDER BY grade').all() as {
    grade: string;
    factor: number;
  }[];
}

/** The article of an adjudicated_articles row. */
export function adjudicatedArticleOf(db: Db, id: number): number | null {
  return (stmt(db, 'SELECT article_id FROM adjudicated_articles WHERE id = ?').pluck().get(id) as number | undefined) ?? null;
}

/** An article's adjudication was withdrawn: the analyst's own passages there count again. */
export function rescoreOwnPassages(db: Db, articleId: number): void {
  stmt(db, `UPDATE annotations SET scored = 1 WHERE article_id = ? AND coder = '' AND consensus = 0 AND scored = 0`).run(articleId);
}

/**
 * A colleague's set pulled from the desk, listed in History as theirs: `history_only`, so it is never on this
 * analyst's undo or redo stack, with their name and the time they made it.
 */
export function recordPulledSet(db: Db, set: { uid: string; analyst: string; atMs: number; label: string }): number {
  return Number(
    stmt(
      db,
      `INSERT INTO change_sets (uid, at_ms, kind, reverses_set_id, label, analyst, history_only)
       VALUES (?, ?, 'do', NULL, ?, ?, 1)
       ON CONFLICT (uid) DO UPDATE SET label = excluded.label RETURNING id`,
    )
      .pluck()
      .get(`desk:${set.uid}`, set.atMs, set.label, set.analyst),
  );
}

/** Whether this laptop has made or imported any article itself (an empty laptop's first sync compares nothing). */
export function hasOwnArticles(db: Db): boolean {
  return (
    stmt(db, "SELECT 1 FROM change_log WHERE table_name = 'articles' AND set_id IS NOT NULL AND action = 'create' LIMIT 1").get() !==
    undefined
  );
}

export interface NearCandidateRow {
  id: number;
  text: string;
}

/**
 * Articles this laptop imported or made itself (a create in a change set of its own) on the day of a pulled
 * article, other than it: the only ones a pulled article is compared with (a wire copied twice keeps its date;
 * an empty laptop's first sync compares nothing).
 */
export function ownArticlesOfDay(db: Db, publishedOn: string, exceptId: number, limit: number): NearCandidateRow[] {
  return stmt(
    db,
    `SELECT a.id, a.text FROM articles a
     WHERE a.published_on = ? AND a.id <> ?
       AND EXISTS (SELECT 1 FROM change_log l WHERE l.table_name = 'articles' AND l.entity_id = a.id AND l.set_id IS NOT NULL
                   AND l.action = 'create' AND NOT EXISTS (SELECT 1 FROM desk_applied d WHERE d.set_id = l.set_id))
     ORDER BY a.id LIMIT ?`,
  ).all(publishedOn, exceptId, limit) as NearCandidateRow[];
}

export function insertDeskNearDuplicate(db: Db, articleId: number, otherId: number, similarity: number, nowMs: number): void {
  stmt(db, 'INSERT OR IGNORE INTO desk_near_duplicates (article_id, other_id, similarity, found_at_ms) VALUES (?, ?, ?, ?)').run(
    articleId,
    otherId,
    similarity,
    nowMs,
  );
}

export interface DeskNearDuplicateRow {
  id: number;
  articleId: number;
  otherId: number;
  similarity: number;
  foundAtMs: number;
}

export function listDeskNearDuplicates(db: Db): DeskNearDuplicateRow[] {
  return stmt(
    db,
    `SELECT id, article_id AS articleId, other_id AS otherId, similarity, found_at_ms AS foundAtMs
      FROM desk_near_duplicates ORDER BY found_at_ms DESC, id`,
  ).all() as DeskNearDuplicateRow[];
}

/** How many pairs are listed (the window's top bar shows the count; the pairs with their differences only on request). */
export function countDeskNearDuplicates(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM desk_near_duplicates').pluck().get() as number;
}

export function deskNearDuplicateId(db: Db, articleId: number): number | null {
  return (stmt(db, 'SELECT id FROM desk_near_duplicates WHERE article_id = ?').pluck().get(articleId) as number | undefined) ?? null;
}

export function deleteDeskNearDuplicate(db: Db, id: number): void {
  stmt(db, 'DELETE FROM desk_near_duplicates WHERE id = ?').run(id);
}
