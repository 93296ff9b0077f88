/**
 * Whole workspace files: read-only connections to other files (backups, a
 * colleague's workspace), SQLite's integrity check, online backup and
 * VACUUM INTO copies, and the counts a restore preview shows.
 */
import Database from 'better-sqlite3';
import type { Db } from './connection';
import { hasTable, schemaVersion } from './schemaInfo';

/** Electron's addon when Parley runs inside Electron, else better-sqlite3's own. */
const nativeBinding = () => process.env.PARLEY_NATIVE_BINDING || undefined;

/** A read-only connection to another workspace file. */
export function openReadonly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
}

/** A read-write connection to a file Parley made itself (a backup being written, a package), not the open workspace. */
export function openCopy(file: string): Db {
  return new Database(file, { fileMustExist: true, nativeBinding: nativeBinding() });
}

/** 'ok', or what SQLite's full integrity check found. */
export function integrityCheck(db: Db): string {
  return String(db.pragma('integrity_check', { simple: true }));
}

/** SQLite's online backup of `db` into `dest`, page by page (`progress` may stop it by throwing). */
export async function onlineBackup(db: Db, dest: string, progress: (p: { remainingPages: number }) => number): Promise<void> {
  await db.backup(dest, { progress });
}

/** A copy carries the workspace's WAL mode; a file meant to travel alone gets a rollback journal. */
export function makeSelfContained(file: string): void {
  const copy = openCopy(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** A compact, consistent copy of the open workspace written to `file` (which must not exist). */
export function vacuumInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

export interface Counts {
  articles: number;
  annotations: number;
  codes: number;
  lastChangeAtMs: number | null;
  schemaVersion: number;
}

/** What a workspace file holds, in the few figures a restore preview shows. */
export function countsOf(db: Db): Counts {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n;
  return {
    articles: n('SELECT count(*) AS n FROM articles') ?? 0,
    annotations: n('SELECT count(*) AS n FROM annotations') ?? 0,
    codes: n('SELECT count(*) AS n FROM codes') ?? 0,
    lastChangeAtMs: n('SELECT max(at_ms) AS n FROM change_log'),
    schemaVersion: schemaVersion(db),
  };
}

/**
 * Empties `tables` (those that exist) of a copy and keeps only the articles `keepArticleIds`, in one transaction.
 * The change log refuses deletes by trigger, so its append-only guards are dropped and put back around it.
 */
export function stripCopy(copy: Db, tables: readonly string[], keepArticleIds: readonly number[]): void {
  copy.pragma('foreign_keys = ON');
  copy.transaction(() => {
    const guards = copy.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%append-only%'").all() as {
      name: string;
      sql: string;
    }[];
    for (const g of guards) copy.exec(`DROP TRIGGER "${g.name}"`);
    for (const t of tables) if (hasTable(copy, t)) copy.exec(`DELETE FROM "${t}"`);
    copy.prepare('DELETE FROM articles WHERE id NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(keepArticleIds));
    for (const g of guards) copy.exec(g.sql);
  })();
  copy.exec('VACUUM');
}
