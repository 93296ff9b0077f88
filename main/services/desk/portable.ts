/**
 * A change set as it travels between laptops: rows named by uid, foreign keys
 * as the uids of the rows they point to, a passage's layer by its coder's desk
 * name. Built from the local change log (one change set of the single write
 * path becomes one portable set) or, on a first sync, from the rows that were
 * here before the workspace joined the desk.
 */
import { rowChangesOfSet, type RowSnapshot } from '../../db/changeLog';
import type { Db } from '../../db/connection';
import { isSyncedTable, rowById, tableShape, uidOf, type SyncedTable } from '../../db/deskLocal';
import { valueChangeOf, type ValueChange } from './sharedValues';

/** The layer name of the consensus on the desk (an analyst's role name cannot start with #). */
export const CONSENSUS = '#consensus';

export interface PortableChange {
  t: SyncedTable;
  u: string;
  a: 'c' | 'u' | 'd';
  /** A create: every column that travels; an update: the columns that changed, as they became. */
  v?: Record<string, unknown>;
  /** An update: the same columns as they were (to tell a colleague's concurrent edit from a stale copy). */
  b?: Record<string, unknown>;
  /** A passage's layer: its coder's desk name, or CONSENSUS. */
  layer?: string;
}

/** A foreign key (a local id) as the uid of the row it points to; undefined when that row is gone here. */
function portableValue(db: Db, parent: SyncedTable | null, value: unknown): unknown {
  if (parent === null || value === null || value === undefined) return value ?? null;
  return uidOf(db, parent, Number(value)) ?? undefined;
}

function portableColumns(db: Db, table: SyncedTable, row: RowSnapshot, only?: readonly string[]): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  const shape = tableShape(db, table);
  for (const [col, parent] of shape.columns) {
    if (only && !only.includes(col)) continue;
    const v = portableValue(db, parent, row[col]);
    if (v === undefined && !shape.soft.has(col)) return null;
    out[col] = v ?? null;
  }
  return out;
}

function layerOf(row: RowSnapshot, me: string): string {
  if (row.consensus === 1) return CONSENSUS;
  return row.coder === '' || row.coder === undefined ? me : String(row.coder);
}

/**
 * The portable form of one row's change, or null when nothing of it travels
 * (a column kept locally, a row pointing at something deleted since).
 * `row` names the row (its uid and layer): the row as it is now, or as it was deleted.
 */
export function portableChange(
  db: Db,
  table: SyncedTable,
  row: RowSnapshot,
  change: { before: RowSnapshot | null; after: RowSnapshot | null },
  me: string,
): PortableChange | null {
  if (typeof row.uid !== 'string') return null;
  const layer = table === 'annotations' ? { layer: layerOf(row, me) } : {};
  const { before, after } = change;
  if (after === null) return { t: table, u: row.uid, a: 'd', ...layer };
  if (before === null) {
    const v = portableColumns(db, table, after);
    return v ? { t: table, u: row.uid, a: 'c', v, ...layer } : null;
  }
  const changed = [...tableShape(db, table).columns.keys()].filter(
    (c) => c in after && JSON.stringify(before[c]) !== JSON.stringify(after[c]),
  );
  if (changed.length === 0) return null;
  const v = portableColumns(db, table, after, changed);
  const b = portableColumns(db, table, before, changed);
  if (!v || !b) return null;
  return { t: table, u: row.uid, a: 'u', v, b, ...layer };
}

/** What a set carries: rows by uid, and the text-keyed values the score reads (sharedValues.ts). */
export type DeskChange = PortableChange | ValueChange;

/** Whether this laptop's analyst may send the change: passages of colleagues' layers (merged in from a package) stay here. */
export function mayPush(c: PortableChange, me: string): boolean {
  return c.t !== 'annotations' || c.layer === me || c.layer === CONSENSUS;
}

/**
 * The portable changes of one local change set's entries `range` (log ids), in
 * their order. Compact entries name a created row (read from its table: what
 * it is now), an update's changed columns, a deleted row whole.
 */
export function portableChangesOfSet(db: Db, setId: number, me: string, range: { from: number; to: number }): DeskChange[] {
  const out: DeskChange[] = [];
  for (const rc of rowChangesOfSet(db, setId)) {
    const value = rc.id >= range.from && rc.id <= range.to ? valueChangeOf(db, rc) : null;
    if (value) out.push(value);
    if (rc.id < range.from || rc.id > range.to || rc.table === null || !isSyncedTable(rc.table) || typeof rc.key !== 'number') continue;
    const current = rowById(db, rc.table, rc.key);
    let c: PortableChange | null = null;
    if (rc.action === 'delete') c = rc.before ? portableChange(db, rc.table, rc.before, { before: rc.before, after: null }, me) : null;
    // A row created or changed and deleted since: its delete, later in the log, is what travels.
    else if (current === null) continue;
    else if (rc.action === 'create') c = portableChange(db, rc.table, current, { before: null, after: current }, me);
    else if (rc.before && rc.after) c = portableChange(db, rc.table, current, { before: rc.before, after: rc.after }, me);
    if (c && mayPush(c, me)) out.push(c);
  }
  return out;
}

/** A row that was here before the desk, as a create. */
export function portableCreate(db: Db, table: SyncedTable, row: RowSnapshot, me: string): PortableChange | null {
  const c = portableChange(db, table, row, { before: null, after: row }, me);
  return c && mayPush(c, me) ? c : null;
}
