/**
 * Applies a pulled batch of change sets, quickly where it can be: a create of
 * a row this laptop does not have, whose foreign keys are all here, is
 * inserted with the table's prepared statement, with the uids met in the batch
 * remembered (a passage's article, code and actors are looked up once, not
 * for every passage). Everything else (an update, a delete, a create of a row
 * already here, a change that refers to a missing row or breaks a constraint, one this
 * Parley cannot read) goes to applyPortableSet, change by change, in the
 * set's order, so the result, the conflicts and the "not applied" reasons are
 * the same as applying every change that way. A first sync is almost all
 * creates; so is a laptop catching up on a month of imports.
 */
import { bulkInsert, UidIds, type BulkInsert } from '../../db/deskBulk';
import type { Db } from '../../db/connection';
import type { SyncedTable } from '../../db/deskLocal';
import { hasOwnArticles } from '../../db/deskShared';
import { recordOrigin } from '../../db/mergeConflicts';
import { applyPortableSet, deskOrigin, layerColumns, type ApplyOutcome } from './apply';
import type { PortableChange } from './portable';

export interface PulledSet {
  analyst: string;
  changes: readonly unknown[];
}

/**
 * Tables whose new rows are nothing but the row (and, for a colleague's passage, its origin): the bulk of a first
 * sync (ten passages an article). A new article does more only where this laptop holds articles of its own (a
 * comparison with them, nearDuplicates.ts): with none, it is nothing but the row too (its count of passages
 * starting at 0, as insertSnapshot starts it), so an empty laptop's first sync takes its articles this way as well.
 * Every other create stays with applyPortableSet, which knows what each table's rows do.
 */
const ALWAYS_FAST: readonly SyncedTable[] = ['annotations', 'events'];
const FAST_TABLES: ReadonlySet<string> = new Set(ALWAYS_FAST);
const FAST_TABLES_NO_OWN_ARTICLES: ReadonlySet<string> = new Set([...ALWAYS_FAST, 'articles']);
/** Every change by applyPortableSet: the reference the fast path is tested against. */
const NO_TABLES: ReadonlySet<string> = new Set();

type PlainCreate = PortableChange & { v: Record<string, unknown> };

/** A create the fast path can take: well formed, with its values as an object (anything else the slow path judges). */
function plainCreate(raw: unknown, tables: ReadonlySet<string>): raw is PlainCreate {
  const c = raw as PortableChange | null;
  return !!c && c.a === 'c' && typeof c.u === 'string' && tables.has(c.t) && typeof c.v === 'object' && c.v !== null;
}

/**
 * An applier for one batch, to be called inside the transaction that also records the sets as applied and moves
 * the cursor. Returns a function that applies one set.
 */
export function batchApplier(db: Db, me: string, nowMs: number, out: ApplyOutcome, opts = { fast: true }): (set: PulledSet) => void {
  const ids = new UidIds(db);
  // Applying pulled sets makes no change set of this laptop's, so what the batch brings never makes an article "own".
  const tables = !opts.fast ? NO_TABLES : hasOwnArticles(db) ? FAST_TABLES : FAST_TABLES_NO_OWN_ARTICLES;
  const inserts = new Map<SyncedTable, BulkInsert>();
  const insertOf = (t: SyncedTable) => {
    let i = inserts.get(t);
    if (!i) inserts.set(t, (i = bulkInsert(db, t)));
    return i;
  };

  /** Inserts the create and returns true, or returns false, having changed nothing, for the slow path to judge. */
  function fastCreate(set: PulledSet, c: PlainCreate): boolean {
    const ins = insertOf(c.t);
    // Here already (a merge of columns, the slow path's): known from this batch, or refused below by the uid's (an
    // article's also its text hash's) unique index, which costs no look-up of its own for the row that is new.
    if (ids.has(c.t, c.u)) return false;
    const values: unknown[] = [];
    for (const [col, parent] of ins.columns) {
      // A column the set does not carry (an older Parley made it) keeps the table's default: the slow path does that.
      if (!(col in c.v)) return false;
      const value = c.v[col];
      if (parent === null || value === null) values.push(value);
      else {
        const id = ids.get(parent, String(value));
        if (id === null) return false; // refers to a row not here: the slow path says so
        values.push(id);
      }
    }
    values.push(c.u);
    const layer = c.t === 'annotations' ? layerColumns({ me }, c.layer) : {};
    for (const col of ins.extra) values.push(layer[col] ?? 0);
    let id: number;
    try {
      id = ins.insert(values);
    } catch (err) {
      // The statement changed nothing; the slow path tries again and reports the constraint with its reason.
      if (String((err as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) return false;
      throw err;
    }
    ids.remember(c.t, c.u, id);
    out.changed++;
    if (c.t === 'annotations' && layer.coder !== '') recordOrigin(db, id, set.analyst, deskOrigin(set.analyst), nowMs);
    return true;
  }

  return (set) => {
    for (const raw of set.changes) {
      if (plainCreate(raw, tables) && fastCreate(set, raw)) continue;
      applyPortableSet(db, { analyst: set.analyst, changes: [raw] }, me, nowMs, out);
      // What the slow path did may change what a uid names here (a delete and its cascades, an article's text and
      // so its hash): the ids remembered start again from the database.
      ids.forget();
    }
  };
}
