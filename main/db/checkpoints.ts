/** When the write-ahead log is copied into the database file (SQLite's checkpoints), for writes that come in a burst. */
import type { Db } from './connection';

/** While a burst of writes runs, the log is copied into the database only past this many pages (~200 MB), not SQLite's 1,000. */
const BURST_AUTOCHECKPOINT_PAGES = 50_000;

/** SQLite's "database or disk is full" (a full disk, or max_page_count reached). */
export const isDiskFull = (err: unknown) => (err as { code?: unknown }).code === 'SQLITE_FULL';

/**
 * Lets the log grow while a burst of transactions runs (an import's save) and
 * copies it into the database once when done, so pages touched by several of
 * them are copied once. Returns what undoes it.
 */
export function deferCheckpoints(db: Db): { restore(): void } {
  const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.max(before, BURST_AUTOCHECKPOINT_PAGES)}`);
  return {
    restore() {
      db.pragma(`wal_autocheckpoint = ${before}`);
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch (err) {
        // A checkpoint that cannot run now runs at a later commit; the log keeps every page meanwhile.
        if (!isDiskFull(err)) throw err;
      }
    },
  };
}
