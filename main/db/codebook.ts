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

export function updateCodeWeight(db: Db, id: number, weight: number, nowMs: number): void {
  stmt(db, 'UPDATE codes SET weight = ?, updated_at_ms = ? WHERE id = ?').run(weight, nowMs, id);
}
