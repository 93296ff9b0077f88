/**
 * Applies a colleague's change set, pulled from the desk, to this laptop's
 * workspace. Rows are found by uid (an article also by its text), foreign keys
 * translated back to local ids, passages put in their coder's layer (this
 * analyst's own when the set is theirs, from another laptop). A shared row
 * changed here and on the desk while apart is never overwritten: this
 * laptop's value stays and the colleague's waits in the merge review; a row
 * never changed here takes the desk's value. Applying a set a second time
 * changes nothing (each change compares with what is here first).
 */
import { deleteRow, insertSnapshot, writeColumns, type RowSnapshot } from '../../db/changeLog';
import type { Db } from '../../db/connection';
import { changedHere, idOf, isSyncedTable, rowById, tableShape, type SyncedTable } from '../../db/deskLocal';
import { recordOrigin } from '../../db/mergeConflicts';
import {
  deleteSettingConflictsOn,
  findSettingConflict,
  insertSettingConflict,
  updateSettingConflictTheirs,
  type SettingConflictKind,
} from '../../db/settingConflicts';
import { CONSENSUS, type PortableChange } from './portable';
import { afterCreate, deleteWithEffects, hasEffects, isMark } from './rowEffects';
import { applyValueChange, isValueChange, type ValueScope } from './sharedValues';

export interface ApplyOutcome {
  changed: number;
  conflicts: number;
  /** Changes that could not be made here, with why (counted in the status, never dropped without a word). */
  notApplied: string[];
}

interface Scope {
  db: Db;
  me: string;
  /** The colleague whose set this is, as the merge review names them. */
  origin: string;
  analyst: string;
  nowMs: number;
  out: ApplyOutcome;
}

/** Columns that record when a row was made or changed (updated_at_ms …). */
const BOOKKEEPING = /_at_ms$/;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Portable values back to local ones: uids of foreign keys to local ids; undefined when a referenced row is not here. */
function localValues(db: Db, table: SyncedTable, v: Record<string, unknown>): RowSnapshot | undefined {
  const shape = tableShape(db, table);
  const out: RowSnapshot = {};
  for (const [col, value] of Object.entries(v)) {
    if (!shape.columns.has(col)) continue; // a column this version does not have
    const parent = shape.columns.get(col) ?? null;
    if (parent === null || value === null) out[col] = value;
    else {
      const id = idOf(db, parent, String(value));
      if (id === null && !shape.soft.has(col)) return undefined;
      out[col] = id;
    }
  }
  return out;
}

export function layerColumns(s: Pick<Scope, 'me'>, layer: string | undefined): RowSnapshot {
  if (layer === CONSENSUS) return { coder: '', consensus: 1, scored: 1 };
  if (layer === undefined || layer === s.me) return { coder: '', consensus: 0, scored: 1 };
  return { coder: layer, consensus: 0, scored: 0 };
}

/** The merge review's item for a column of a shared row: a code's weight as the merge names it, anything else by row. */
function conflictKey(
  db: Db,
  table: SyncedTable,
  id: number,
  uid: string,
  col: string,
): { kind: 'code-weight' | 'desk-row'; subject: string } {
  if (table === 'codes' && col === 'weight') return { kind: 'code-weight', subject: String(rowById(db, 'codes', id)?.key) };
  return { kind: 'desk-row', subject: JSON.stringify([table, uid, col]) };
}

/** Lists the merge review's item, or gives an open one the colleague's newest value. */
function recordConflict(s: Scope, key: { kind: SettingConflictKind; subject: string }, ours: unknown, theirs: unknown): void {
  const open = findSettingConflict(s.db, key.kind, key.subject);
  if (open) updateSettingConflictTheirs(s.db, open.id, theirs, s.origin);
  else insertSettingConflict(s.db, { ...key, ours, theirs, origin: s.origin, createdAtMs: s.nowMs });
  s.out.conflicts++;
}

function listConflict(s: Scope, table: SyncedTable, id: number, uid: string, col: string, ours: unknown, theirs: unknown): void {
  const key = conflictKey(s.db, table, id, uid, col);
  const wrap = (value: unknown) => (key.kind === 'code-weight' ? { weight: value } : { value });
  recordConflict(s, key, wrap(ours), wrap(theirs));
}

/** The text-keyed values (outlet grades, grade factors) through the same review and counts. */
function valueScope(s: Scope): ValueScope {
  return {
    db: s.db,
    nowMs: s.nowMs,
    conflict: (kind, subject, ours, theirs) => recordConflict(s, { kind, subject }, ours, theirs),
    settled: (kind, subject) => deleteSettingConflictsOn(s.db, kind, subject),
    changed: () => s.out.changed++,
    notApplied: (why) => s.out.notApplied.push(why),
  };
}

/** The desk now agrees with this laptop on the column: a conflict waiting on it is settled. */
function settled(s: Scope, table: SyncedTable, id: number, uid: string, col: string): void {
  const key = conflictKey(s.db, table, id, uid, col);
  deleteSettingConflictsOn(s.db, key.kind, key.subject);
}

/** Columns of `incoming` against the row here: take, keep (already equal), or list a conflict. */
function mergeColumns(s: Scope, c: PortableChange, id: number, incoming: RowSnapshot, before: RowSnapshot | undefined): void {
  const current = rowById(s.db, c.t, id);
  if (!current) return;
  const layered = c.t === 'annotations';
  const mine = !layered && changedHere(s.db, c.t, id);
  const take: RowSnapshot = {};
  for (const [col, value] of Object.entries(incoming)) {
    if (same(current[col], value)) {
      if (!layered) settled(s, c.t, id, c.u, col);
      continue;
    }
    // Passages are their coder's alone; a shared column takes the desk's value when it moved on from ours or was never changed here.
    if (layered || !mine || (before !== undefined && col in before && same(current[col], before[col]))) take[col] = value;
    // When a row was last changed is bookkeeping, not the analyst's to decide: the later time wins on every laptop.
    else if (BOOKKEEPING.test(col)) {
      if (Number(value) > Number(current[col])) take[col] = value;
    } else listConflict(s, c.t, id, c.u, col, current[col], value);
  }
  if (Object.keys(take).length === 0) return;
  writeColumns(s.db, c.t, id, take);
  s.out.changed++;
}

function applyCreate(s: Scope, c: PortableChange): void {
  const values = localValues(s.db, c.t, c.v ?? {});
  if (!values) {
    s.out.notApplied.push(`${c.t} ${c.u}: it refers to a row that is not in this workspace (deleted here).`);
    return;
  }
  const existing = idOf(s.db, c.t, c.u);
  if (existing !== null) {
    if (c.t !== 'annotations' && !isMark(c.t)) mergeColumns(s, c, existing, values, undefined);
    return;
  }
  const row: RowSnapshot = { ...values, uid: c.u, ...(c.t === 'annotations' ? layerColumns(s, c.layer) : {}) };
  try {
    insertSnapshot(s.db, c.t, row);
  } catch (err) {
    if (!String((err as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) throw err;
    s.out.notApplied.push(`${c.t} ${c.u}: ${(err as Error).message}.`);
    return;
  }
  s.out.changed++;
  // The new row's id only where something follows from it (a first sync creates many rows).
  if (c.t === 'annotations' ? row.coder === '' : !hasEffects(c.t)) return;
  const id = idOf(s.db, c.t, c.u);
  if (id === null) return;
  if (c.t === 'annotations' && row.coder !== '') recordOrigin(s.db, id, s.analyst, s.origin, s.nowMs);
  afterCreate(s.db, c.t, id, s.nowMs);
}

function applyUpdate(s: Scope, c: PortableChange): void {
  const id = idOf(s.db, c.t, c.u);
  if (id === null) return; // deleted here: the delete stands
  const values = localValues(s.db, c.t, c.v ?? {});
  const before = localValues(s.db, c.t, c.b ?? {});
  if (!values) {
    s.out.notApplied.push(`${c.t} ${c.u}: the change refers to a row that is not in this workspace (deleted here).`);
    return;
  }
  mergeColumns(s, c, id, values, before);
}

function applyDelete(s: Scope, c: PortableChange): void {
  const id = idOf(s.db, c.t, c.u);
  if (id === null) return;
  try {
    deleteWithEffects(s.db, c.t, id, () => deleteRow(s.db, c.t, id));
    s.out.changed++;
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
    s.out.notApplied.push(`${c.t} ${c.u}: not deleted here, since passages or codes here still use it.`);
  }
}

/** Where a colleague's passage came from, as the merge review and History name it. */
export const deskOrigin = (analyst: string) => `the desk (${analyst})`;

function isPortable(c: unknown): c is PortableChange {
  const x = c as PortableChange | null;
  return !!x && typeof x.t === 'string' && isSyncedTable(x.t) && typeof x.u === 'string' && ['c', 'u', 'd'].includes(x.a);
}

/** Applies the changes of one pulled set; call inside the transaction that also records it as applied. */
export function applyPortableSet(
  db: Db,
  set: { analyst: string; changes: readonly unknown[] },
  me: string,
  nowMs: number,
  out: ApplyOutcome,
): void {
  const s: Scope = { db, me, analyst: set.analyst, origin: deskOrigin(set.analyst), nowMs, out };
  for (const raw of set.changes) {
    if (isValueChange(raw)) {
      applyValueChange(valueScope(s), raw);
      continue;
    }
    if (!isPortable(raw)) {
      out.notApplied.push(`A change this Parley cannot read (${JSON.stringify(raw).slice(0, 80)}): a newer Parley made it.`);
      continue;
    }
    if (raw.a === 'c') applyCreate(s, raw);
    else if (raw.a === 'u') applyUpdate(s, raw);
    else applyDelete(s, raw);
  }
}
