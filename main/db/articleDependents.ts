/**
 * The rows that go with an article when it is deleted (ON DELETE CASCADE), so
 * that history can record them and undo can put them back. Listed children
 * first: undo restores in reverse order, parents before what refers to them.
 * The near-duplicate fingerprint is left out: it is derived, and the next
 * import computes it again.
 */
import type { Db } from './connection';
import { stmt } from './statements';

export interface DependentRow {
  table: string;
  entity: string;
  key: number;
}

const OF_ARTICLE: readonly { table: string; entity: string; sql: string }[] = [
  {
    table: 'annotation_origins',
    entity: 'annotation_origin',
    sql: 'SELECT o.annotation_id FROM annotation_origins o JOIN annotations a ON a.id = o.annotation_id WHERE a.article_id = ?',
  },
  {
    table: 'merge_conflicts',
    entity: 'merge_conflict',
    sql: `SELECT c.id FROM merge_conflicts c JOIN annotations a ON a.id IN (c.ours_annotation_id, c.theirs_annotation_id)
          WHERE a.article_id = ? GROUP BY c.id`,
  },
  { table: 'annotations', entity: 'annotation', sql: 'SELECT id FROM annotations WHERE article_id = ? ORDER BY id' },
  { table: 'suggestion_rejections', entity: 'suggestion_rejection', sql: 'SELECT id FROM suggestion_rejections WHERE article_id = ?' },
  { table: 'adjudications', entity: 'adjudication', sql: 'SELECT id FROM adjudications WHERE article_id = ?' },
  { table: 'adjudicated_articles', entity: 'adjudicated_article', sql: 'SELECT id FROM adjudicated_articles WHERE article_id = ?' },
];

/** Every row deleting article `articleId` would take with it, then the article itself. */
export function articleWithDependents(db: Db, articleId: number): DependentRow[] {
  const rows: DependentRow[] = [];
  for (const d of OF_ARTICLE) {
    for (const key of stmt(db, d.sql).pluck().all(articleId) as number[]) rows.push({ table: d.table, entity: d.entity, key });
  }
  rows.push({ table: 'articles', entity: 'article', key: articleId });
  return rows;
}
