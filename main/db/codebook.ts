import type { Code } from '../../shared/api/schemas';
import type { DefaultCode } from '../../shared/domain/codebook';
import type { Db } from './connection';
import { stmt } from './statements';

interface CodeRow {
  id: number;
  key: string;
  name: string;
  parent_id: number | null;
  weight: number;
  color: string;
  cameo: string;
  description: string;
  shortcut: string | null;
}

function rowToCode(r: CodeRow): Code {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    parentId: r.parent_id,
    weight: r.weight,
    color: r.color,
    cameo: r.cameo,
    description: r.description,
    shortcut: r.shortcut,
  };
}

export function listCodes(db: Db): Code[] {
  return (stmt(db, 'SELECT * FROM codes ORDER BY sort_order, id').all() as CodeRow[]).map(rowToCode);
}

export function getCode(db: Db, id: number): Code | null {
  const row = stmt(db, 'SELECT * FROM codes WHERE id = ?').get(id) as CodeRow | undefined;
  return row ? rowToCode(row) : null;
}

export function insertDefaultCodes(db: Db, codes: readonly DefaultCode[], nowMs = Date.now()): void {
  const idByKey = new Map<string, number>();
  const insert = stmt(
    db,
    `INSERT INTO codes (key, name, parent_id, weight, color, cameo, description, shortcut, sort_order, created_at_ms, updated_at_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  codes.forEach((c, i) => {
    const parentId = c.parentKey ? (idByKey.get(c.parentKey) ?? null) : null;
    const info = insert.run(c.key, c.name, parentId, c.weight, c.color, c.cameo, c.description, c.shortcut ?? null, i * 10, nowMs, nowMs);
    idByKey.set(c.key, Number(info.lastInsertRowid));
  });
}

// coding: analysts' own codes
export function updateCodeWeight(db: Db, id: number, weight: number, nowMs: number): void {
  stmt(db, 'UPDATE codes SET weight = ?, updated_at_ms = ? WHERE id = ?').run(weight, nowMs, id);
}

export function insertCode(
  db: Db,
  c: { key: string; name: string; parentId: number | null; weight: number; color: string; description: string; cameo?: string },
  nowMs = Date.now(),
): number {
  const order = (stmt(db, 'SELECT coalesce(max(sort_order), 0) + 10 AS n FROM codes').get() as { n: number }).n;
  return Number(
    stmt(
      db,
      `INSERT INTO codes (key, name, parent_id, weight, color, cameo, description, shortcut, sort_order, created_at_ms, updated_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    ).run(c.key, c.name, c.parentId, c.weight, c.color, c.cameo ?? '', c.description, order, nowMs, nowMs).lastInsertRowid,
  );
}

export function updateCodeRow(
  db: Db,
  id: number,
  c: { name: string; parentId: number | null; weight: number; color: string; description: string },
  nowMs = Date.now(),
): void {
  stmt(db, 'UPDATE codes SET name = ?, parent_id = ?, weight = ?, color = ?, description = ?, updated_at_ms = ? WHERE id = ?').run(
    c.name,
    c.parentId,
    c.weight,
    c.color,
    c.description,
    nowMs,
    id,
  );
}

export function getCodeByKey(db: Db, key: string): Code | null {
  const row = stmt(db, 'SELECT * FROM codes WHERE key = ?').get(key) as CodeRow | undefined;
  return row ? rowToCode(row) : null;
}

export function deleteCodeRow(db: Db, id: number): void {
  stmt(db, 'DELETE FROM codes WHERE id = ?').run(id);
}

export function annotationIdsWithCode(db: Db, codeId: number): number[] {
  return (stmt(db, 'SELECT id FROM annotations WHERE code_id = ? ORDER BY id').all(codeId) as { id: number }[]).map((r) => r.id);
}

export function childCodeIds(db: Db, parentId: number): number[] {
  return (stmt(db, 'SELECT id FROM codes WHERE parent_id = ? ORDER BY id').all(parentId) as { id: number }[]).map((r) => r.id);
}

export function codeNameTaken(db: Db, name: string, parentId: number | null, exceptId: number): boolean {
  return (
    stmt(db, 'SELECT 1 FROM codes WHERE name = ? COLLATE NOCASE AND parent_id IS ? AND id <> ?').get(name, parentId, exceptId) !== undefined
  );
}

/** Codes other than `exceptId` picked with `key` (case-insensitive). */
export function codesWithShortcut(db: Db, key: string, exceptId: number): number[] {
  return (stmt(db, 'SELECT id FROM codes WHERE lower(shortcut) = ? AND id <> ?').all(key, exceptId) as { id: number }[]).map((r) => r.id);
}

export function clearCodeShortcut(db: Db, id: number): void {
  stmt(db, 'UPDATE codes SET shortcut = NULL WHERE id = ?').run(id);
}

export function setCodeShortcut(db: Db, id: number, key: string | null, nowMs: number): void {
  stmt(db, 'UPDATE codes SET shortcut = ?, updated_at_ms = ? WHERE id = ?').run(key, nowMs, id);
}
