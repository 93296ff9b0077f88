/** Merge conflicts over shared things the score depends on (table of migration 10). */
import type { Db } from './connection';
import { stmt } from './statements';

export type SettingConflictKind = 'code-weight' | 'grade-factor' | 'outlet-grade' | 'event' | 'desk-row';

export interface SettingConflictRow {
  id: number;
  kind: SettingConflictKind;
  subject: string;
  ours: unknown;
  theirs: unknown;
  origin: string;
  createdAtMs: number;
}

interface Raw {
  id: number;
  kind: SettingConflictKind;
  subject: string;
  ours_json: string;
  theirs_json: string;
  origin: string;
  created_at_ms: number;
}

const toRow = (r: Raw): SettingConflictRow => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  ours: JSON.parse(r.ours_json),
  theirs: JSON.parse(r.theirs_json),
  origin: r.origin,
  createdAtMs: r.created_at_ms,
});

export function insertSettingConflict(db: Db, c: Omit<SettingConflictRow, 'id'>): number {
  return Number(
    stmt(
      db,
      'INSERT INTO merge_setting_conflicts (kind, subject, ours_json, theirs_json, origin, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(c.kind, c.subject, JSON.stringify(c.ours), JSON.stringify(c.theirs), c.origin, c.createdAtMs).lastInsertRowid,
  );
}

export function listSettingConflicts(db: Db): SettingConflictRow[] {
  return (stmt(db, 'SELECT * FROM merge_setting_conflicts ORDER BY id').all() as Raw[]).map(toRow);
}

export function getSettingConflict(db: Db, id: number): SettingConflictRow | null {
  const r = stmt(db, 'SELECT * FROM merge_setting_conflicts WHERE id = ?').get(id) as Raw | undefined;
  return r ? toRow(r) : null;
}

export function deleteSettingConflict(db: Db, id: number): void {
  stmt(db, 'DELETE FROM merge_setting_conflicts WHERE id = ?').run(id);
}

/** The open conflict on one subject (a desk lists one per shared column, however many colleagues differ). */
export function findSettingConflict(db: Db, kind: SettingConflictKind, subject: string): SettingConflictRow | null {
  const r = stmt(db, 'SELECT * FROM merge_setting_conflicts WHERE kind = ? AND subject = ? ORDER BY id LIMIT 1').get(kind, subject) as
    Raw | undefined;
  return r ? toRow(r) : null;
}

export function updateSettingConflictTheirs(db: Db, id: number, theirs: unknown, origin: string): void {
  stmt(db, 'UPDATE merge_setting_conflicts SET theirs_json = ?, origin = ? WHERE id = ?').run(JSON.stringify(theirs), origin, id);
}

export function deleteSettingConflictsOn(db: Db, kind: SettingConflictKind, subject: string): void {
  stmt(db, 'DELETE FROM merge_setting_conflicts WHERE kind = ? AND subject = ?').run(kind, subject);
}

/** Whether any annotation or event here uses the code (its weight then weighs on this workspace's score). */
export function codeInUse(db: Db, codeId: number): boolean {
  return !!stmt(db, 'SELECT 1 FROM annotations WHERE code_id = @id UNION ALL SELECT 1 FROM events WHERE code_id = @id LIMIT 1').get({
    id: codeId,
  });
}

/** Whether any outlet here is graded with the grade. */
export function gradeInUse(db: Db, grade: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM outlet_grades WHERE grade = ? LIMIT 1').get(grade);
}

/** Whether any annotation here is on an article of the outlet. */
export function outletInUse(db: Db, outlet: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM annotations an JOIN articles ar ON ar.id = an.article_id WHERE ar.outlet = ? LIMIT 1').get(outlet);
}
