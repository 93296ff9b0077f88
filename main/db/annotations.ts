import { layerKey } from '../../shared/agreement/layers';
import type { Annotation } from '../../shared/api/schemas';
import type { OutsideTag } from '../../shared/api/codingLoop';
import type { Db } from './connection';
import { stmt } from './statements';

export interface NewAnnotation {
  articleId: number;
  codeId: number;
  sourceActorId: number;
  targetActorId: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  confidence: number;
  eventDate: string;
  note: string;
}

interface AnnotationRow {
  id: number;
  article_id: number;
  code_id: number;
  source_actor_id: number;
  target_actor_id: number;
  start_offset: number;
  end_offset: number;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  confidence: number;
  event_date: string;
  note: string;
  event_id: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  orphaned: number;
  /** Absent in a colleague's workspace of schema version 8 or older (read through the same mapper). */
  coder?: string;
  consensus?: number;
}

function rowToAnnotation(r: AnnotationRow): Annotation {
  return {
    id: r.id,
    articleId: r.article_id,
    codeId: r.code_id,
    sourceActorId: r.source_actor_id,
    targetActorId: r.target_actor_id,
    start: r.start_offset,
    end: r.end_offset,
    exact: r.quote_exact,
    prefix: r.quote_prefix,
    suffix: r.quote_suffix,
    confidence: r.confidence,
    eventDate: r.event_date,
    note: r.note,
    eventId: r.event_id ?? null,
    createdAtMs: r.created_at_ms,
    updatedAtMs: r.updated_at_ms,
    orphaned: r.orphaned === 1,
    layer: layerKey(r.coder ?? '', r.consensus ?? 0),
  };
}

/** `updatedAtMs` differs from `nowMs` only for a passage merged in with its own edit time. */
export function insertAnnotation(db: Db, a: NewAnnotation, nowMs = Date.now(), updatedAtMs = nowMs): number {
  const info = stmt(
    db,
    `INSERT INTO annotations (article_id, code_id, source_actor_id, target_actor_id, start_offset, end_offset,
       quote_exact, quote_prefix, quote_suffix, confidence, event_date, note, created_at_ms, updated_at_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.articleId,
    a.codeId,
    a.sourceActorId,
    a.targetActorId,
    a.start,
    a.end,
    a.exact,
    a.prefix,
    a.suffix,
    a.confidence,
    a.eventDate,
    a.note,
    nowMs,
    updatedAtMs,
  );
  return Number(info.lastInsertRowid);
}

export function getAnnotation(db: Db, id: number): Annotation | null {
  const row = stmt(db, 'SELECT * FROM annotations WHERE id = ?').get(id) as AnnotationRow | undefined;
  return row ? rowToAnnotation(row) : null;
}

export function listAnnotationsForArticle(db: Db, articleId: number): Annotation[] {
  return (
    stmt(db, 'SELECT * FROM annotations WHERE article_id = ? ORDER BY start_offset, end_offset, id').all(articleId) as AnnotationRow[]
  ).map(rowToAnnotation);
}

export function findSameAnnotation(db: Db, a: NewAnnotation): number | null {
  const row = stmt(
    db,
    `SELECT id FROM annotations WHERE article_id = ? AND start_offset = ? AND end_offset = ? AND code_id = ?
       AND source_actor_id = ? AND target_actor_id = ? AND coder = '' AND consensus = 0`,
  ).get(a.articleId, a.start, a.end, a.codeId, a.sourceActorId, a.targetActorId) as { id: number } | undefined;
  return row?.id ?? null;
}

export function updateAnnotation(
  db: Db,
  id: number,
  patch: Pick<Annotation, 'codeId' | 'sourceActorId' | 'targetActorId' | 'confidence' | 'eventDate' | 'note'>,
  nowMs = Date.now(),
): void {
  stmt(
    db,
    `UPDATE annotations SET code_id = ?, source_actor_id = ?, target_actor_id = ?, confidence = ?, event_date = ?, note = ?, updated_at_ms = ?
     WHERE id = ?`,
  ).run(patch.codeId, patch.sourceActorId, patch.targetActorId, patch.confidence, patch.eventDate, patch.note, nowMs, id);
}

/** Moves an annotation to [start, end) with its new quote; `orphaned` says whether it could be placed. */
export function setAnnotationAnchor(
  db: Db,
  id: number,
  anchor: { start: number; end: number; exact: string; prefix: string; suffix: string; orphaned: boolean },
  nowMs = Date.now(),
): void {
  stmt(
    db,
    `UPDATE annotations SET start_offset = ?, end_offset = ?, quote_exact = ?, quote_prefix = ?, quote_suffix = ?, orphaned = ?, updated_at_ms = ?
     WHERE id = ?`,
  ).run(anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix, anchor.orphaned ? 1 : 0, nowMs, id);
}

export function deleteAnnotation(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM annotations WHERE id = ?').run(id).changes === 1;
}

export function countAnnotations(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
}

/** One row per annotation of a relationship (both directions), for scoring and reports. */
export interface ScoredAnnotationRow {
  id: number;
  articleId: number;
  articleTitle: string;
  outlet: string;
  url: string;
  publishedOn: string;
  eventDate: string;
  codeId: number;
  codeKey: string;
  codeName: string;
  weight: number;
  confidence: number;
  sourceActorId: number;
  targetActorId: number;
  exact: string;
  note: string;
  start: number;
  end: number;
  createdAtMs: number;
}

export function listRelationshipAnnotations(db: Db, actorAId: number, actorBId: number): ScoredAnnotationRow[] {
  return stmt(
    db,
    `SELECT an.id, an.article_id AS articleId, ar.title AS articleTitle, ar.outlet, ar.url, ar.published_on AS publishedOn,
            an.event_date AS eventDate, an.code_id AS codeId, c.key AS codeKey, c.name AS codeName, c.weight,
            an.confidence, an.source_actor_id AS sourceActorId, an.target_actor_id AS targetActorId,
            an.quote_exact AS exact, an.note, an.start_offset AS start, an.end_offset AS end, an.created_at_ms AS createdAtMs
     FROM annotations an
     JOIN codes c ON c.id = an.code_id
     JOIN articles ar ON ar.id = an.article_id
     WHERE ((an.source_actor_id = @a AND an.target_actor_id = @b) OR (an.source_actor_id = @b AND an.target_actor_id = @a))
       AND an.scored = 1
     ORDER BY an.event_date, an.id`,
  ).all({ a: actorAId, b: actorBId }) as ScoredAnnotationRow[];
}

export function annotationIdsOfArticle(db: Db, articleId: number): number[] {
  return (stmt(db, 'SELECT id FROM annotations WHERE article_id = ? ORDER BY id').all(articleId) as { id: number }[]).map((r) => r.id);
}

export function recodeAnnotation(db: Db, id: number, codeId: number, nowMs: number): void {
  stmt(db, 'UPDATE annotations SET code_id = ?, updated_at_ms = ? WHERE id = ?').run(codeId, nowMs, id);
}

export function countTagsByCode(db: Db): { codeId: number; tags: number }[] {
  return stmt(db, 'SELECT code_id AS codeId, count(*) AS tags FROM annotations GROUP BY code_id').all() as {
    codeId: number;
    tags: number;
  }[];
}

/** Placed tags whose source and target form no relationship (they count in no score), newest first. */
export function listTagsOutsideRelationships(db: Db, limit: number): OutsideTag[] {
  return stmt(
    db,
    `SELECT n.id, n.article_id AS articleId, a.title AS articleTitle, n.quote_exact AS exact, n.code_id AS codeId,
            n.source_actor_id AS sourceActorId, n.target_actor_id AS targetActorId, n.event_date AS eventDate
       FROM annotations n JOIN articles a ON a.id = n.article_id
      WHERE n.orphaned = 0 AND NOT EXISTS (
        SELECT 1 FROM relationships r
         WHERE (r.actor_a_id = n.source_actor_id AND r.actor_b_id = n.target_actor_id)
            OR (r.actor_a_id = n.target_actor_id AND r.actor_b_id = n.source_actor_id))
      ORDER BY n.event_date DESC, n.id DESC LIMIT ?`,
  ).all(limit) as OutsideTag[];
}

/** Every annotation of the workspace, in id order (a colleague's workspace read for a merge). */
export function listAllAnnotations(db: Db): Annotation[] {
  return (stmt(db, 'SELECT * FROM annotations ORDER BY id').all() as AnnotationRow[]).map(rowToAnnotation);
}
