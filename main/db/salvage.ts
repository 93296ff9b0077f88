/**
 * Salvage: copying every row that can still be read from a damaged workspace
 * file into a fresh one, and the quick check that finds the damage at start
 * (services/recovery keeps the damaged file aside and the notice about it).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ApiError } from '../../shared/api/errors';
import type { Db } from './connection';

/** Null when every page reads; otherwise what SQLite's quick check found. */
export function checkWorkspace(db: Db): string | null {
  const result = db.pragma('quick_check', { simple: true }) as string;
  return result === 'ok' ? null : result;
}

export interface SalvageReport {
  tables: { table: string; copied: number; unreadable: number }[];
}

/** The workspace's own tables (not SQLite's, not full-text indexes), parents before children, so foreign keys hold. */
function tablesInCopyOrder(db: Db): string[] {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT GLOB '*_fts_*'",
      )
      .pluck()
      .all() as string[]
  ).sort();
  const parents = new Map(
    tables.map((t) => [
      t,
      (db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(t) as string[]).filter((p) => p !== t),
    ]),
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

function readRange(src: Db, table: string, columns: string[], from: number, to: number): Record<string, unknown>[] {
  return src
    .prepare(`SELECT rowid AS __rowid, ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE rowid BETWEEN ? AND ?`)
    .all(from, to) as Record<string, unknown>[];
}

/**
 * Copies every row that can still be read from `damagedPath` into `db`,
 * bisecting ranges of rowids that fail down to single rows, so one damaged
 * page loses only the rows on it. Rows that clash with what is already in the
 * fresh workspace (its seeded codebook and actors) keep the damaged copy's values.
 */
/**
 * A working copy of the damaged file that SQLite will read: the header's page
 * count is set to the pages actually present (a truncated file otherwise fails
 * every read) and the journal mode to rollback, so no WAL index is needed.
 * The file kept aside is never written.
 */
function readableCopy(damagedPath: string): string {
  const copy = `${damagedPath}.salvage-${process.pid}`;
  fs.copyFileSync(damagedPath, copy);
  const fd = fs.openSync(copy, 'r+');
  try {
    const header = Buffer.alloc(100);
    if (fs.readSync(fd, header, 0, 100, 0) === 100 && header.toString('latin1', 0, 15) === 'SQLite format 3') {
      const raw = header.readUInt16BE(16);
      const pageSize = raw === 1 ? 65536 : raw;
      if (pageSize >= 512) {
        const pages = Math.floor(fs.fstatSync(fd).size / pageSize);
        const patch = Buffer.alloc(4);
        patch.writeUInt32BE(pages);
        fs.writeSync(fd, patch, 0, 4, 28);
        fs.writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
        fs.ftruncateSync(fd, pages * pageSize);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return copy;
}

interface ParentCheck {
  column: string;
  nullable: boolean;
  exists: Database.Statement;
}

/**
 * For each reference of `table` to another row: how to tell whether the
 * parent was salvaged. Parents are copied first, so a reference to a row that
 * is not there points into a lost page.
 */
function parentChecks(db: Db, table: string, columns: string[]): ParentCheck[] {
  const fks = db.prepare('SELECT "table" AS parent, "from" AS col, "to" AS ref, seq FROM pragma_foreign_key_list(?)').all(table) as {
    parent: string;
    col: string;
    ref: string | null;
    seq: number;
  }[];
  const notNull = new Set(db.prepare('SELECT name FROM pragma_table_info(?) WHERE "notnull" OR pk').pluck().all(table) as string[]);
  return fks
    .filter((fk) => fk.seq === 0 && columns.includes(fk.col))
    .map((fk) => {
      const ref = fk.ref ?? (db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk = 1').pluck().get(fk.parent) as string);
      return { column: fk.col, nullable: !notNull.has(fk.col), exists: db.prepare(`SELECT 1 FROM "${fk.parent}" WHERE "${ref}" = ?`) };
    });
}

/**
 * A row whose parent was lost keeps its place when the reference may be empty
 * (a change-log entry without its change set, an article without its
 * relationship); otherwise it is not copied, and counted as not recovered.
 */
function detachFromLostParents(row: Record<string, unknown>, checks: ParentCheck[]): boolean {
  for (const c of checks) {
    const value = row[c.column];
    if (value === null || value === undefined || c.exists.get(value)) continue;
    if (!c.nullable) return false;
    row[c.column] = null;
  }
  return true;
}

export function salvageInto(db: Db, damagedPath: string): SalvageReport {
  let src: Db;
  const copy = readableCopy(damagedPath);
  try {
    src = new Database(copy, { readonly: true, fileMustExist: true });
    src.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    fs.rmSync(copy, { force: true });
    throw new ApiError(
      'BAD_INPUT',
      `Nothing can be read from ${damagedPath} (${(err as Error).message}): its first page is damaged. Restore a backup instead.`,
    );
  }
  const report: SalvageReport = { tables: [] };
  try {
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      for (const table of tablesInCopyOrder(db)) {
        let columns: string[];
        try {
          columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
          const srcColumns = new Set(
            (src.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name),
          );
          columns = columns.filter((c) => srcColumns.has(c));
        } catch {
          report.tables.push({ table, copied: 0, unreadable: -1 });
          continue;
        }
        if (columns.length === 0) continue;
        const insert = db.prepare(
          `INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        );
        const checks = parentChecks(db, table, columns);
        let maxRowid = 0;
        let lastRowidKnown = true;
        try {
          maxRowid = (src.prepare(`SELECT max(rowid) FROM "${table}"`).pluck().get() as number | null) ?? 0;
        } catch {
          maxRowid = Number.MAX_SAFE_INTEGER; // the table's last page is unreadable: probe by ranges
          lastRowidKnown = false;
        }
        let copied = 0;
        let unreadable = 0;
        // Rowids that failed to read count as lost only once a later row is read (or the last rowid is known):
        // past the end of a truncated table they may never have existed.
        let pending = 0;
        const copyRange = (from: number, to: number): void => {
          let rows: Record<string, unknown>[];
          try {
            rows = readRange(src, table, columns, from, to);
          } catch {
            if (from === to) {
              pending++;
              return;
            }
            const mid = Math.floor((from + to) / 2);
            copyRange(from, mid);
            copyRange(mid + 1, to);
            return;
          }
          for (const row of rows) {
            delete row.__rowid;
            unreadable += pending;
            pending = 0;
            try {
              if (!detachFromLostParents(row, checks)) {
                unreadable++;
                continue;
              }
              insert.run(row);
              copied++;
            } catch {
              unreadable++;
            }
          }
        };
        // Without a known last rowid, stop after three chunks in a row yield nothing (Parley's rowids grow by one).
        let emptyChunks = 0;
        for (let from = 1; from <= maxRowid && emptyChunks < 3; from += 1000) {
          const before = copied;
          copyRange(from, Math.min(maxRowid, from + 999));
          emptyChunks = copied === before ? emptyChunks + 1 : 0;
        }
        if (lastRowidKnown) unreadable += pending;
        report.tables.push({ table, copied, unreadable });
      }
      // Counts kept with each article are recomputed from what was salvaged.
      db.exec('UPDATE articles SET annotation_count = (SELECT count(*) FROM annotations WHERE article_id = articles.id)');
    })();
  } finally {
    db.pragma('foreign_keys = ON');
    src.close();
    fs.rmSync(copy, { force: true });
  }
  return report;
}
