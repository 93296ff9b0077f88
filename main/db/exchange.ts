/** Settings, annotation origins and merge conflicts (tables of migration 5 and the settings table). */
import type { Db } from './connection';
import { stmt } from './statements';

export function getSetting(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteSetting(db: Db, key: string): void {
  stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

export const ANALYST_SETTING = 'analyst.name';

/** The name of this workspace's own analyst ('' until set). */
export function workspaceAnalyst(db: Db): string {
  return getSetting(db, ANALYST_SETTING) ?? '';
}

export function recordOrigin(db: Db, annotationId: number, analyst: string, origin: string, nowMs: number): void {
  stmt(
    db,
    `INSERT INTO annotation_origins (annotation_id, analyst, origin, imported_at_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (annotation_id) DO UPDATE SET analyst = excluded.analyst, origin = excluded.origin`,
  ).run(annotationId, analyst, origin, nowMs);
}

/** Analyst of every annotation that came from elsewhere, by annotation id. */
export function originAnalysts(db: Db): Map<number, string> {
  const rows = stmt(db, 'SELECT annotation_id AS id, analyst FROM annotation_origins').all() as { id: number; analyst: string }[];
  return new Map(rows.map((r) => [r.id, r.analyst]));
}

export interface MergeConflictRow {
  id: number;
  oursAnnotationId: number;
  theirsAnnotationId: number;
  origin: string;
  reason: string;
  createdAtMs: number;
}

export function insertConflict(db: Db, c: Omit<MergeConflictRow, 'id'>): number {
  const info = stmt(
    db,
    `INSERT OR IGNORE INTO merge_conflicts (ours_annotation_id, theirs_annotation_id, origin, reason, created_at_ms) VALUES (?, ?, ?, ?, ?)`,
  ).run(c.oursAnnotationId, c.theirsAnnotationId, c.origin, c.reason, c.createdAtMs);
  return Number(info.lastInsertRowid);
}

/** The merge conflicts either side of which is annotation `annotationId`. */
export function conflictIdsOf(db: Db, annotationId: number): number[] {
  return stmt(db, 'SELECT id FROM merge_conflicts WHERE ? IN (ours_annotation_id, theirs_annotation_id) ORDER BY id')
    .pluck()
    .all(annotationId) as number[];
}

export function listConflicts(db: Db): MergeConflictRow[] {
  return stmt(
    db,
    `SELECT id, ours_annotation_id AS oursAnnotationId, theirs_annotation_id AS theirsAnnotationId, origin, reason, created_at_ms AS createdAtMs
     FROM merge_conflicts ORDER BY id`,
  ).all() as MergeConflictRow[];
}

export function getConflict(db: Db, id: number): MergeConflictRow | null {
  return listConflicts(db).find((c) => c.id === id) ?? null;
}

export function deleteConflict(db: Db, id: number): void {
  stmt(db, 'DELETE FROM merge_conflicts WHERE id = ?').run(id);
}
