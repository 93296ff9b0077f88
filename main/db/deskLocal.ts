/**
 * SQL of a laptop's side of the desk (migrations 16–17): rows by their
 * portable uid, the columns and foreign keys of the shared tables (read from
 * the schema, so a new column travels without a change here), the local
 * change sets still to send, and which desk sets have been applied.
 */
import type { Db } from './connection';
import { stmt } from './statements';
import type { RowSnapshot } from './changeLog';

/** Tables the desk carries, parents before children (a batch of creates inserts in this order). */
export const SYNCED_TABLES = [
  'actors',
  'actor_aliases',
  'relationships',
  'codes',
  'articles',
  'events',
  'annotations',
  // Migration 23; after the passages their decisions name (and last, so that a first sync's resume point stays valid).
  'adjudicated_articles',
  'adjudications',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];
export const isSyncedTable = (t: string): t is SyncedTable => (SYNCED_TABLES as readonly string[]).includes(t);

/** Columns that are this laptop's alone: ids, counts kept by triggers, and a passage's layer (sent as `layer`). */
const LOCAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  articles: ['annotation_count'],
  annotations: ['coder', 'consensus', 'scored'],
};

/**
 * Columns that name a row without a foreign key: an adjudication's passages are plain ids, since a decision
 * outlives the passages it was about. They travel as uids too, and as null once the passage is gone.
 */
const SOFT_REFERENCES: Readonly<Record<string, Readonly<Record<string, SyncedTable>>>> = {
  adjudications: { a_annotation_id: 'annotations', b_annotation_id: 'annotations' },
};

export interface TableShape {
  /** Columns that travel, with their foreign keys' tables (null for a plain value). */
  columns: ReadonlyMap<string, SyncedTable | null>;
  /** Of those, the ones whose row may be gone (null then, rather than the change not travelling). */
  soft: ReadonlySet<string>;
}

const shapes = new WeakMap<Db, Map<string, TableShape>>();

export function tableShape(db: Db, table: SyncedTable): TableShape {
  let perDb = shapes.get(db);
  if (!perDb) shapes.set(db, (perDb = new Map()));
  const known = perDb.get(table);
  if (known) return known;
  const fks = new Map(
    (
      db.prepare('SELECT "from" AS col, "table" AS parent FROM pragma_foreign_key_list(?)').all(table) as { col: string; parent: string }[]
    ).map((f) => [f.col, f.parent]),
  );
  const local = new Set(['id', 'uid', ...(LOCAL_COLUMNS[table] ?? [])]);
  const columns = new Map<string, SyncedTable | null>();
  for (const name of db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[]) {
    if (local.has(name)) continue;
    const parent = fks.get(name) ?? SOFT_REFERENCES[table]?.[name];
    columns.set(name, parent !== undefined && isSyncedTable(parent) ? parent : null);
  }
  const shape = { columns, soft: new Set(Object.keys(SOFT_REFERENCES[table] ?? {})) };
  perDb.set(table, shape);
  return shape;
}

export function uidOf(db: Db, table: SyncedTable, id: number): string | null {
  return (stmt(db, `SELECT uid FROM "${table}" WHERE id = ?`).pluck().get(id) as string | null | undefined) ?? null;
}

/** The local id of a row named by its uid; an article also by its text's hash (the same article imported on two laptops). */
export function idOf(db: Db, table: SyncedTable, uid: string): number | null {
  const id = stmt(db, `SELECT id FROM "${table}" WHERE uid = ?`).pluck().get(uid) as number | undefined;
  if (id !== undefined) return id;
  if (table === 'articles' && uid.startsWith('article:')) {
    return (
      (stmt(db, 'SELECT id FROM articles WHERE content_hash = ?').pluck().get(uid.slice('article:'.length)) as number | undefined) ?? null
    );
  }
  return null;
}

export function rowById(db: Db, table: SyncedTable, id: number): RowSnapshot | null {
  return (stmt(db, `SELECT * FROM "${table}" WHERE id = ?`).get(id) as RowSnapshot | undefined) ?? null;
}

/**
 * Whether a change set made on this laptop has touched the row (else a colleague's value is taken without asking):
 * by id, or by text key for a text-keyed table (outlet grades, grade factors).
 */
export function changedHere(db: Db, table: string, key: number | string): boolean {
  const column = typeof key === 'string' ? 'row_key' : 'entity_id';
  return (
    stmt(
      db,
      `SELECT 1 FROM change_log l WHERE l.table_name = ? AND l.${column} = ? AND l.set_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM desk_applied d WHERE d.set_id = l.set_id) LIMIT 1`,
    ).get(table, key) !== undefined
  );
}

export function isApplied(db: Db, uid: string): boolean {
  return stmt(db, 'SELECT 1 FROM desk_applied WHERE uid = ?').get(uid) !== undefined;
}

export function markApplied(db: Db, uid: string, seq: number, setId: number | null): void {
  stmt(db, 'INSERT OR IGNORE INTO desk_applied (uid, seq, set_id) VALUES (?, ?, ?)').run(uid, seq, setId);
}

/**
 * The local change sets with log entries after `afterLogId`, oldest first, each with the range of its entries
 * still to send. A set an import keeps appending to (one set over several transactions) shows up again with
 * its new entries after the first part went.
 */
export interface PendingSet {
  setId: number;
  uid: string;
  atMs: number;
  label: string;
  firstLogId: number;
  lastLogId: number;
}

export function pendingSets(db: Db, afterLogId: number, limit: number): PendingSet[] {
  return stmt(
    db,
    `SELECT s.id AS setId, s.uid, s.at_ms AS atMs, s.label, p.firstLogId, p.lastLogId
     FROM (SELECT set_id, min(id) AS firstLogId, max(id) AS lastLogId FROM change_log
           WHERE id > ? AND set_id IS NOT NULL GROUP BY set_id) p
     JOIN change_sets s ON s.id = p.set_id
     WHERE NOT EXISTS (SELECT 1 FROM desk_applied d WHERE d.set_id = s.id)
     ORDER BY p.firstLogId LIMIT ?`,
  ).all(afterLogId, limit) as PendingSet[];
}

export function countPendingSets(db: Db, afterLogId: number): number {
  return stmt(db, 'SELECT count(DISTINCT set_id) FROM change_log WHERE id > ? AND set_id IS NOT NULL').pluck().get(afterLogId) as number;
}

export function lastLogId(db: Db): number {
  return stmt(db, 'SELECT coalesce(max(id), 0) FROM change_log').pluck().get() as number;
}

/** Every row of a table in id order, a page at a time (a first sync sends what was here before the desk). */
export function rowsPage(db: Db, table: SyncedTable, afterId: number, limit: number): RowSnapshot[] {
  return stmt(db, `SELECT * FROM "${table}" WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as RowSnapshot[];
}

/** The highest row id of a table (0 when empty): where "the rows from before the desk" end. */
export function lastRowId(db: Db, table: SyncedTable): number {
  return stmt(db, `SELECT coalesce(max(id), 0) FROM "${table}"`).pluck().get() as number;
}
