/**
 * The one write path: a service declares each row it is about to change,
 * delete or has created through a ChangeRecorder, and the recorder logs them
 * as one change set under the analyst of the moment. Undo and redo
 * (services/undo.ts) reverse any such set without knowing what its rows mean.
 */
import type { Db } from '../db/connection';
import {
  changedColumns,
  logRowChange,
  newestChangeSetId,
  openChangeSet,
  relabelChangeSet,
  rowExists,
  snapshotRow,
  type RowKey,
  type RowSnapshot,
} from '../db/changeLog';
import type { AppContext } from './context';

export interface ChangeRecorder {
  /** Call before changing or deleting a row of `table` (key: its id, or its key column's value). */
  willChange(table: string, entity: string, key: RowKey): void;
  /** Call after inserting a row of `table`. */
  created(table: string, entity: string, key: RowKey): void;
}

interface Touched {
  table: string;
  entity: string;
  key: RowKey;
  /** The full row before, null for a row created in this set. */
  before: RowSnapshot | null;
}

/** A marker for "the created row exists": compact entries keep nothing of it. */
const EXISTS: RowSnapshot = {};

/** Collects the rows one piece of work declares, then logs what actually changed. */
function collector(db: Db): { rec: ChangeRecorder; write: (openSet: () => number, atMs: number) => boolean } {
  const touched = new Map<string, Touched>();
  const rec: ChangeRecorder = {
    willChange(table, entity, key) {
      const k = `${table}:${key}`;
      const seen = touched.get(k);
      if (!seen) touched.set(k, { table, entity, key, before: snapshotRow(db, table, key) });
      // A row created in this set and changed later gets an update entry of its own at this point, so
      // that what it is changed to (an event made after it, say) is in place when redo reaches it.
      else if (seen.before === null && !touched.has(`${k}#then`)) {
        const now = snapshotRow(db, table, key);
        if (now) touched.set(`${k}#then`, { table, entity, key, before: now });
      }
    },
    created(table, entity, key) {
      const k = `${table}:${key}`;
      if (!touched.has(k)) touched.set(k, { table, entity, key, before: null });
    },
  };
  const write = (openSet: () => number, atMs: number): boolean => {
    const changes: (Touched & { after: RowSnapshot | null })[] = [];
    const gone = new Set<string>(); // created and removed again within the set: nothing to log for them
    for (const [k, t] of touched) {
      if (gone.has(k.replace(/#then$/, ''))) continue;
      const after = t.before === null ? (rowExists(db, t.table, t.key) ? EXISTS : null) : snapshotRow(db, t.table, t.key);
      if (t.before === null && after === null) gone.add(k);
      if (t.before === null ? after !== null : after === null || changedColumns(t.before, after).length > 0) changes.push({ ...t, after });
    }
    if (changes.length === 0) return false;
    const setId = openSet();
    for (const c of changes) logRowChange(db, { setId, ...c, atMs });
    return true;
  };
  return { rec, write };
}

/**
 * Runs `fn` in one transaction and logs every row it declared through the
 * recorder as one undoable change set labelled `label` (what the analyst did,
 * e.g. "Tag “…” as Threat"). Nothing is logged when nothing changed.
 */
export function recordUndoable<T>(ctx: AppContext, label: string | ((result: T) => string), fn: (rec: ChangeRecorder) => T): T {
  const { db } = ctx.workspace;
  return db
    .transaction(() => {
      const { rec, write } = collector(db);
      const result = fn(rec);
      write(
        () => openChangeSet(db, { kind: 'do', label: typeof label === 'string' ? label : label(result), atMs: ctx.now().getTime() }),
        ctx.now().getTime(),
      );
      return result;
    })
    .immediate();
}

/**
 * One change set over several transactions (an import saves 500 files per
 * transaction, so that cancelling keeps what was saved). Each piece appends to
 * the set and renames it with the count so far, as long as the set is still
 * the newest; if the analyst did or undid something in between, the rest goes
 * into a set of its own, so a set's entries are never interleaved with
 * another's and undo stays a stack.
 */
export class ContinuedChangeSet {
  private setId: number | null = null;

  constructor(private readonly ctx: AppContext) {}

  /** Runs `fn` inside the caller's transaction; `label(fresh)` names the set (fresh: a new set is opened). */
  record<T>(fn: (rec: ChangeRecorder) => T, label: (fresh: boolean) => string): T {
    const { db } = this.ctx.workspace;
    const { rec, write } = collector(db);
    const result = fn(rec);
    const atMs = this.ctx.now().getTime();
    const continuing = this.setId !== null && newestChangeSetId(db) === this.setId;
    const wrote = write(() => {
      if (continuing && this.setId !== null) return this.setId;
      this.setId = openChangeSet(db, { kind: 'do', label: label(true), atMs });
      return this.setId;
    }, atMs);
    if (wrote && continuing && this.setId !== null) relabelChangeSet(db, this.setId, label(false));
    return result;
  }
}
