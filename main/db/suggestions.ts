/** Rejected suggestions and per-code suggestion thresholds (migration 13). */
import { present } from '../../shared/domain/present';
import type { Db } from './connection';
import { stmt } from './statements';

export interface Rejection {
  id: number;
  articleId: number;
  start: number;
  end: number;
  codeId: number;
  sourceActorId: number | null;
  targetActorId: number | null;
  exact: string;
}

interface RejectionRow {
  id: number;
  article_id: number;
  start_offset: number;
  end_offset: number;
  code_id: number;
  source_actor_id: number | null;
  target_actor_id: number | null;
  exact: string;
}

const rowToRejection = (r: RejectionRow): Rejection => ({
  id: r.id,
  articleId: r.article_id,
  start: r.start_offset,
  end: r.end_offset,
  codeId: r.code_id,
  sourceActorId: r.source_actor_id,
  targetActorId: r.target_actor_id,
  exact: r.exact,
});

export function insertRejection(db: Db, r: Omit<Rejection, 'id'>, atMs: number): number {
  return Number(
    stmt(
      db,
      `INSERT INTO suggestion_rejections (article_id, start_offset, end_offset, code_id, source_actor_id, target_actor_id, exact, created_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.articleId, r.start, r.end, r.codeId, r.sourceActorId, r.targetActorId, r.exact, atMs).lastInsertRowid,
  );
}

export function rejectionsForArticle(db: Db, articleId: number): Rejection[] {
  return (stmt(db, 'SELECT * FROM suggestion_rejections WHERE article_id = ? ORDER BY id').all(articleId) as RejectionRow[]).map(
    rowToRejection,
  );
}

export function allRejections(db: Db): Rejection[] {
  return (stmt(db, 'SELECT * FROM suggestion_rejections ORDER BY id').all() as RejectionRow[]).map(rowToRejection);
}

export function thresholds(db: Db): Map<number, number> {
  const rows = stmt(db, 'SELECT code_id, threshold FROM suggestion_thresholds').all() as { code_id: number; threshold: number }[];
  return new Map(rows.map((r) => [r.code_id, r.threshold]));
}

export function thresholdRowId(db: Db, codeId: number): number | null {
  const row = stmt(db, 'SELECT id FROM suggestion_thresholds WHERE code_id = ?').get(codeId) as { id: number } | undefined;
  return row?.id ?? null;
}

export function upsertThreshold(db: Db, codeId: number, threshold: number): number {
  stmt(
    db,
    'INSERT INTO suggestion_thresholds (code_id, threshold) VALUES (?, ?) ON CONFLICT(code_id) DO UPDATE SET threshold = excluded.threshold',
  ).run(codeId, threshold);
  return present(thresholdRowId(db, codeId), `the threshold of code ${codeId}, just saved`);
}

/** Every placed tag's span and code: what the classifier learns from. */
export function tagSpans(db: Db): { articleId: number; start: number; end: number; codeId: number }[] {
  return stmt(
    db,
    'SELECT article_id AS articleId, start_offset AS start, end_offset AS "end", code_id AS codeId FROM annotations WHERE orphaned = 0',
  ).all() as { articleId: number; start: number; end: number; codeId: number }[];
}
