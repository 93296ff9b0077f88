/**
 * The change log: every write of the workspace is an entry of a change set
 * (one analyst action). Entries are compact — enough to undo, redo and sync,
 * not a copy of every row:
 *
 * - create: no snapshot at all (the row is in its table; undoing it records
 *   the full row in the undo's own set, from which redo restores it);
 * - update: only the changed columns, before and after;
 * - delete: the full row as it was.
 *
 * Sets made before schema version 15 may hold full rows in create/update
 * entries; readers treat those as a superset of the above. The format is
 * described for other modules (sync) in docs/change-log.md.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './connection';
import { stmt } from './statements';
import { workspaceAnalyst } from './settings';

export type ChangeAction = 'create' | 'update' | 'delete';
export type ChangeSetKind = 'do' | 'undo' | 'redo';
/** A row exactly as SELECT * returns it (column name → value). */
export type RowSnapshot = Record<string, unknown>;
/** The value of a row's key column: an integer id, or text for text-keyed tables. */
export type RowKey = number | string;

export interface ChangeSet {
  id: number;
  /** Globally unique (crypto.randomUUID()): the set's name on every laptop. */
  uid: string;
  atMs: number;
  kind: ChangeSetKind;
  reversesSetId: number | null;
  label: string;
  /** The analyst named in the workspace when the change was made ('' when none was). */
  analyst: string;
  /** Folded in from the plain log of before schema 15: listed, never on the undo/redo stacks. */
  historyOnly: boolean;
}

export interface RowChange {
  id: number;
  /** null for entries folded in from before schema 15 (they name a domain entity, not a table row). */
  table: string | null;
  entity: string;
  key: RowKey;
  action: ChangeAction;
  /** delete: the full row; update: the changed columns; create: null (older sets: maybe the row). */
  before: RowSnapshot | null;
  /** update: the changed columns; otherwise null (older sets: maybe the full row). */
  after: RowSnapshot | null;
}

/** Tables whose rows history may never snapshot or rewrite. */
const UNTRACKED = new Set(['change_log', 'change_sets']);

/** Tables not keyed by an integer `id`, with the column that names a row. */
const KEY_COLUMN: Readonly<Record<string, string>> = {
  annotation_origins: 'annotation_id',
  reliability_grades: 'grade',
  outlet_grades: 'outlet',
  settings: 'key',
};

export function keyColumnOf(table: string): string {
  return KEY_COLUMN[table] ?? 'id';
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Refuses anything but an ordinary table of the workspace, since the name is spliced into SQL. */
export function assertTrackedTable(db: Db, table: string): void {
  const found = stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? AND name NOT LIKE '%_fts%'").get(table);
  if (!found || UNTRACKED.has(table) || !NAME.test(table)) {
    throw new Error(`change log: "${table}" is not a table whose rows history can track`);
  }
}

function assertColumns(cols: readonly string[]): void {
  for (const c of cols) if (!NAME.test(c)) throw new Error(`change log: bad column name ${c}`);
}

/** A new change set, recorded under the workspace's analyst of the moment (who changed what and when). */
export function openChangeSet(db: Db, set: { kind: ChangeSetKind; label: string; reversesSetId?: number; atMs?: number }): number {
  return Number(
    stmt(db, 'INSERT INTO change_sets (uid, at_ms, kind, reverses_set_id, label, analyst) VALUES (?, ?, ?, ?, ?, ?)').run(
      randomUUID(),
      set.atMs ?? Date.now(),
      set.kind,
      set.reversesSetId ?? null,
      set.label,
      workspaceAnalyst(db),
    ).lastInsertRowid,
  );
}

/** Renames a set; only an import whose save spans several transactions does this, as its count grows. */
export function relabelChangeSet(db: Db, id: number, label: string): void {
  stmt(db, 'UPDATE change_sets SET label = ? WHERE id = ?').run(label, id);
}

/** The id of the newest change set, or 0 when there is none. */
export function newestChangeSetId(db: Db): number {
  return (stmt(db, 'SELECT max(id) FROM change_sets').pluck().get() as number | null) ?? 0;
}

/** Whether the row of `table` named by `key` exists (cheaper than a snapshot of a long article). */
export function rowExists(db: Db, table: string, key: RowKey): boolean {
  assertTrackedTable(db, table);
  return stmt(db, `SELECT 1 FROM "${table}" WHERE "${keyColumnOf(table)}" = ?`).get(key) !== undefined;
}

/** The whole row of `table` named by `key`, or null when there is none. */
export function snapshotRow(db: Db, table: string, key: RowKey): RowSnapshot | null {
  assertTrackedTable(db, table);
  return (stmt(db, `SELECT * FROM "${table}" WHERE "${keyColumnOf(table)}" = ?`).get(key) as RowSnapshot | undefined) ?? null;
}

export function changedColumns(from: RowSnapshot, to: RowSnapshot): string[] {
  const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
  return [...keys].filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]));
}

export function pick(row: RowSnapshot, cols: readonly string[]): RowSnapshot {
  return Object.fromEntries(cols.map((c) => [c, row[c]]));
}

/**
 * Logs one row's change inside change set `setId`, from the row's full state
 * before and after (null: absent), in the compact form above. Call it inside
 * the transaction that made the change. Returns false when nothing changed.
 */
export function logRowChange(
  db: Db,
  e: { setId: number; table: string; entity: string; key: RowKey; before: RowSnapshot | null; after: RowSnapshot | null; atMs: number },
): boolean {
  assertTrackedTable(db, e.table);
  let action: ChangeAction;
  let before: RowSnapshot | null = null;
  let after: RowSnapshot | null = null;
  if (e.before === null && e.after === null) return false;
  if (e.before === null) action = 'create';
  else if (e.after === null) {
    action = 'delete';
    before = e.before;
  } else {
    const cols = changedColumns(e.before, e.after);
    if (cols.length === 0) return false;
    action = 'update';
    before = pick(e.before, cols);
    after = pick(e.after, cols);
  }
  const text = typeof e.key === 'string';
  stmt(
    db,
    'INSERT INTO change_log (at_ms, entity, entity_id, row_key, action, before_json, after_json, table_name, set_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    e.atMs,
    e.entity,
    text ? 0 : e.key,
    text ? e.key : null,
    action,
    before === null ? null : JSON.stringify(before),
    after === null ? null : JSON.stringify(after),
    e.table,
    e.setId,
  );
  return true;
}

interface RawSet {
  id: number;
  uid: string;
  at_ms: number;
  kind: ChangeSetKind;
  reverses_set_id: number | null;
  label: string;
  analyst: string;
  history_only: number;
}

const rowToSet = (r: RawSet): ChangeSet => ({
  id: r.id,
  uid: r.uid,
  atMs: r.at_ms,
  kind: r.kind,
  reversesSetId: r.reverses_set_id,
  label: r.label,
  analyst: r.analyst,
  historyOnly: r.history_only === 1,
});

export function getChangeSet(db: Db, id: number): ChangeSet | null {
  const r = stmt(db, 'SELECT * FROM change_sets WHERE id = ?').get(id) as RawSet | undefined;
  return r ? rowToSet(r) : null;
}

export function changeSetByUid(db: Db, uid: string): ChangeSet | null {
  const r = stmt(db, 'SELECT * FROM change_sets WHERE uid = ?').get(uid) as RawSet | undefined;
  return r ? rowToSet(r) : null;
}

/** The change sets on the undo/redo stacks from the newest back, read lazily (stop early to read only the end of the log). */
export function* iterateChangeSetsNewestFirst(db: Db): Generator<Pick<ChangeSet, 'id' | 'kind' | 'reversesSetId'>> {
  // Prepared here rather than cached: an iterating statement is busy until the loop ends.
  const rows = db
    .prepare('SELECT id, kind, reverses_set_id FROM change_sets WHERE history_only = 0 ORDER BY id DESC')
    .iterate() as IterableIterator<RawSet>;
  for (const r of rows) yield { id: r.id, kind: r.kind, reversesSetId: r.reverses_set_id };
}

/** The newest sets by time (folded old sets take their place among the others). */
export function recentChangeSets(db: Db, limit: number): ChangeSet[] {
  return (stmt(db, 'SELECT * FROM change_sets ORDER BY at_ms DESC, id DESC LIMIT ?').all(limit) as RawSet[]).map(rowToSet);
}

interface RawChange {
  id: number;
  entity: string;
  entity_id: number;
  row_key: string | null;
  action: ChangeAction;
  before_json: string | null;
  after_json: string | null;
  table_name: string | null;
}

const parse = (json: string | null) => (json === null ? null : (JSON.parse(json) as RowSnapshot));

/** The entries of a set in the order they were made (apply in this order, undo in reverse). */
export function rowChangesOfSet(db: Db, setId: number): RowChange[] {
  const rows = stmt(
    db,
    'SELECT id, entity, entity_id, row_key, action, before_json, after_json, table_name FROM change_log WHERE set_id = ? ORDER BY id',
  ).all(setId) as RawChange[];
  return rows.map((r) => ({
    id: r.id,
    table: r.table_name,
    entity: r.entity,
    key: r.row_key ?? r.entity_id,
    action: r.action,
    before: parse(r.before_json),
    after: parse(r.after_json),
  }));
}

/**
 * The full row that a compact 'create' entry of 'do' set `setId` made: the
 * newest undo of that set deleted it and recorded it whole. Null when the set
 * was never undone (then the row is simply in its table).
 */
export function createdRowContent(db: Db, setId: number, table: string, key: RowKey): RowSnapshot | null {
  const json = stmt(
    db,
    `SELECT before_json FROM change_log
     WHERE set_id = (SELECT max(id) FROM change_sets WHERE reverses_set_id = ? AND kind = 'undo')
       AND table_name = ? AND entity_id = ? AND row_key IS ? AND action = 'delete'`,
  )
    .pluck()
    .get(setId, table, typeof key === 'string' ? 0 : key, typeof key === 'string' ? key : null) as string | undefined;
  return json === undefined ? null : parse(json);
}

/** Writes the given columns of a row (values as snapshotted). */
export function writeColumns(db: Db, table: string, key: RowKey, values: RowSnapshot): void {
  assertTrackedTable(db, table);
  const cols = Object.keys(values);
  if (cols.length === 0) return;
  assertColumns(cols);
  stmt(db, `UPDATE "${table}" SET ${cols.map((c) => `"${c}" = @${c}`).join(', ')} WHERE "${keyColumnOf(table)}" = @__key`).run({
    ...values,
    __key: key,
  });
}

/**
 * Columns that triggers keep from other tables' rows: a restored row starts
 * them at zero, and its restored children count themselves in again.
 */
const COUNTED: Readonly<Record<string, RowSnapshot>> = { articles: { annotation_count: 0 } };

export function insertSnapshot(db: Db, table: string, snapshot: RowSnapshot): void {
  assertTrackedTable(db, table);
  const row = { ...snapshot, ...COUNTED[table] };
  const cols = Object.keys(row);
  assertColumns(cols);
  stmt(db, `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
}

export function deleteRow(db: Db, table: string, key: RowKey): void {
  assertTrackedTable(db, table);
  stmt(db, `DELETE FROM "${table}" WHERE "${keyColumnOf(table)}" = ?`).run(key);
}
