/**
 * SQL of a pull's fast path (issue 18: a first sync of 100,000 articles and
 * 1,000,000 passages, a laptop catching up after a month): the uids of rows
 * found or made while a batch is applied, kept in memory so that a million
 * passages do not each look up their article, code and actors again; and one
 * prepared INSERT per table with a fixed column list, instead of a statement
 * text built for every row.
 */
import type { Db } from './connection';
import { idOf, tableShape, type SyncedTable } from './deskLocal';
import { stmt } from './statements';

/** uid → local id of the rows a batch has met; lives for one batch (one SQLite transaction). */
export class UidIds {
  private readonly known = new Map<SyncedTable, Map<string, number>>();

  constructor(private readonly db: Db) {}

  /** The local id of a row named by its uid (an article also by its text's hash), or null when it is not here. */
  get(table: SyncedTable, uid: string): number | null {
    const perTable = this.of(table);
    const hit = perTable.get(uid);
    if (hit !== undefined) return hit;
    const id = idOf(this.db, table, uid);
    // Only found rows are kept: a row not here yet may be created later in the batch.
    if (id !== null) perTable.set(uid, id);
    return id;
  }

  /** Whether the batch has met the row already (no look-up in the database). */
  has(table: SyncedTable, uid: string): boolean {
    return this.of(table).has(uid);
  }

  remember(table: SyncedTable, uid: string, id: number): void {
    this.of(table).set(uid, id);
  }

  private of(table: SyncedTable): Map<string, number> {
    let perTable = this.known.get(table);
    if (!perTable) this.known.set(table, (perTable = new Map()));
    return perTable;
  }

  /** After a delete (and its cascades) an id known here may be gone: start again from the database. */
  forget(): void {
    this.known.clear();
  }
}

/**
 * Columns a pulled create fills besides the ones that travel: the row's uid, its layer (a passage), and counts
 * that triggers keep, which a new row starts at zero (as insertSnapshot does).
 */
const EXTRA: Readonly<Partial<Record<SyncedTable, readonly string[]>>> = {
  annotations: ['coder', 'consensus', 'scored'],
  articles: ['annotation_count'],
};

export interface BulkInsert {
  /** The travelling columns in order, with their foreign keys' tables (null for a plain value). */
  columns: readonly (readonly [name: string, parent: SyncedTable | null])[];
  /** The extra columns, in order, after the travelling ones and the uid. */
  extra: readonly string[];
  /** Inserts one row (values in the order above) and returns its new id. */
  insert(values: readonly unknown[]): number;
}

/** The prepared INSERT of pulled creates into `table`: travelling columns, then uid, then `extra`. */
export function bulkInsert(db: Db, table: SyncedTable): BulkInsert {
  const columns = [...tableShape(db, table).columns.entries()];
  const extra = EXTRA[table] ?? [];
  // Column names come from the schema itself (pragma_table_info), never from a pulled set.
  const names = [...columns.map(([c]) => c), 'uid', ...extra];
  const statement = stmt(
    db,
    `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  return { columns, extra, insert: (values) => Number(statement.run(...values).lastInsertRowid) };
}

/** Pages SQLite may keep in memory while a pull runs (kibibytes, as cache_size takes them when negative). */
const PULL_CACHE_KIB = 128 * 1024;

/**
 * A larger page cache for the length of a pull, and a function that puts the old one back. A first sync inserts
 * a million passages whose random uids land all over their index: with the default 2 MB cache, most inserts
 * would read and write a page the cache has just dropped.
 */
export function widenCache(db: Db): () => void {
  const before = db.pragma('cache_size', { simple: true }) as number;
  if (before < 0 && -before >= PULL_CACHE_KIB) return () => {};
  db.pragma(`cache_size = -${PULL_CACHE_KIB}`);
  return () => db.pragma(`cache_size = ${before}`);
}
