import type { Db } from './connection';
import { stmt } from './statements';
import { workspaceAnalyst } from './exchange';

export type ChangeAction = 'create' | 'update' | 'delete';

export interface ChangeRow {
  id: number;
  atMs: number;
  entity: string;
  entityId: number;
  action: ChangeAction;
  before: unknown;
  after: unknown;
}

/** Appends one entry; call inside the transaction that makes the change. */
export function logChange(
  db: Db,
  entry: { entity: string; entityId: number; action: ChangeAction; before?: unknown; after?: unknown; atMs?: number },
): void {
  stmt(db, 'INSERT INTO change_log (at_ms, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)').run(
    entry.atMs ?? Date.now(),
    entry.entity,
    entry.entityId,
    entry.action,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}

interface RawChange {
  id: number;
  at_ms: number;
  entity: string;
  entity_id: number;
  action: ChangeAction;
  before_json: string | null;
  after_json: string | null;
}

function rowToChange(r: RawChange): ChangeRow {
  return {
    id: r.id,
    atMs: r.at_ms,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  };
}

export function recentChanges(db: Db, limit: number): ChangeRow[] {
  return (stmt(db, 'SELECT * FROM change_log ORDER BY id DESC LIMIT ?').all(limit) as RawChange[]).map(rowToChange);
}

// ── Change sets: undoable history over whole rows of any table ──────────────

export type ChangeSetKind = 'do' | 'undo' | 'redo';
/** A row exactly as SELECT * returns it (column name → value). */
export type RowSnapshot = Record<string, unknown>;

export interface ChangeSet {
  id: number;
  atMs: number;
  kind: ChangeSetKind;
  reversesSetId: number | null;
  label: string;
  /** The analyst named in the workspace when the change was made ('' when none was). */
  analyst: string;
}

export interface RowChange {
  id: number;
  table: string;
  entity: string;
  entityId: number;
  action: ChangeAction;
  before: RowSnapshot | null;
  after: RowSnapshot | null;
}

/** Tables whose rows history may never snapshot or rewrite. */
const UNTRACKED = new Set(['change_log', 'change_sets', 'settings']);

/** Refuses anything but an ordinary table of the workspace, since the name is spliced into SQL. */
export function assertTrackedTable(db: Db, table: string): void {
  const found = stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? AND name NOT LIKE '%_fts%'").get(table);
  if (!found || UNTRACKED.has(table) || !/^[a-z_][a-z0-9_]*$/.test(table)) {
    throw new Error(`change log: "${table}" is not a table whose rows history can track`);
  }
}

/** A new change set, recorded under the workspace's analyst of the moment (who changed what and when). */
export function openChangeSet(db: Db, set: { kind: ChangeSetKind; label: string; reversesSetId?: number; atMs?: number }): number {
  return Number(
    stmt(db, 'INSERT INTO change_sets (at_ms, kind, reverses_set_id, label, analyst) VALUES (?, ?, ?, ?, ?)').run(
      set.atMs ?? Date.now(),
      set.kind,
      set.reversesSetId ?? null,
      set.label,
      workspaceAnalyst(db),
    ).lastInsertRowid,
  );
}

/** The whole row `id` of `table`, or null when there is none. */
export function snapshotRow(db: Db, table: string, id: number): RowSnapshot | null {
  assertTrackedTable(db, table);
  return (stmt(db, `SELECT * FROM "${table}" WHERE id = ?`).get(id) as RowSnapshot | undefined) ?? null;
}

/**
 * Logs one row's change inside change set `setId`, with full snapshots so that
 * history can reverse it without knowing what the row means. Call it inside the
 * transaction that made the change: before is null for a new row, after is null
 * for a deleted one.
 */
export function logRowChange(
  db: Db,
  e: {
    setId: number;
    table: string;
    entity: string;
    entityId: number;
    before: RowSnapshot | null;
    after: RowSnapshot | null;
    atMs?: number;
  },
): void {
  assertTrackedTable(db, e.table);
  const action: ChangeAction = e.before === null ? 'create' : e.after === null ? 'delete' : 'update';
  if (e.before === null && e.after === null) throw new Error('change log: a row change needs a before or an after');
  stmt(
    db,
    'INSERT INTO change_log (at_ms, entity, entity_id, action, before_json, after_json, table_name, set_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    e.atMs ?? Date.now(),
    e.entity,
    e.entityId,
    action,
    e.before === null ? null : JSON.stringify(e.before),
    e.after === null ? null : JSON.stringify(e.after),
    e.table,
    e.setId,
  );
}

interface RawSet {
  id: number;
  at_ms: number;
  kind: ChangeSetKind;
  reverses_set_id: number | null;
  label: string;
  analyst: string;
}

const rowToSet = (r: RawSet): ChangeSet => ({
  id: r.id,
  atMs: r.at_ms,
  kind: r.kind,
  reversesSetId: r.reverses_set_id,
  label: r.label,
  analyst: r.analyst,
});

export function getChangeSet(db: Db, id: number): ChangeSet | null {
  const r = stmt(db, 'SELECT * FROM change_sets WHERE id = ?').get(id) as RawSet | undefined;
  return r ? rowToSet(r) : null;
}

/** The change sets from the newest back, read lazily (stop early to read only the end of the log). */
export function* iterateChangeSetsNewestFirst(db: Db): Generator<Pick<ChangeSet, 'id' | 'kind' | 'reversesSetId'>> {
  // Prepared here rather than cached: an iterating statement is busy until the loop ends.
  const rows = db.prepare('SELECT id, kind, reverses_set_id FROM change_sets ORDER BY id DESC').iterate() as IterableIterator<RawSet>;
  for (const r of rows) yield { id: r.id, kind: r.kind, reversesSetId: r.reverses_set_id };
}

export function recentChangeSets(db: Db, limit: number): ChangeSet[] {
  return (stmt(db, 'SELECT * FROM change_sets ORDER BY id DESC LIMIT ?').all(limit) as RawSet[]).map(rowToSet);
}

export function rowChangesOfSet(db: Db, setId: number): RowChange[] {
  const rows = stmt(db, 'SELECT * FROM change_log WHERE set_id = ? ORDER BY id').all(setId) as (RawChange & { table_name: string })[];
  return rows.map((r) => ({
    id: r.id,
    table: r.table_name,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as RowSnapshot),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as RowSnapshot),
  }));
}

/** Writes the given columns of row `id` (values as snapshotted). */
export function writeColumns(db: Db, table: string, id: number, values: RowSnapshot): void {
  assertTrackedTable(db, table);
  const cols = Object.keys(values);
  if (cols.length === 0) return;
  for (const c of cols) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`change log: bad column name ${c}`);
  stmt(db, `UPDATE "${table}" SET ${cols.map((c) => `"${c}" = @${c}`).join(', ')} WHERE id = @__id`).run({ ...values, __id: id });
}

export function insertSnapshot(db: Db, table: string, row: RowSnapshot): void {
  assertTrackedTable(db, table);
  const cols = Object.keys(row);
  for (const c of cols) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`change log: bad column name ${c}`);
  stmt(db, `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
}

export function deleteRow(db: Db, table: string, id: number): void {
  assertTrackedTable(db, table);
  stmt(db, `DELETE FROM "${table}" WHERE id = ?`).run(id);
}
