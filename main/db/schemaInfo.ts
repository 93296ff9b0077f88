/** What a workspace file holds, asked of SQLite's own catalogue (for files of any schema version: backups, colleagues', damaged ones). */
import type { Db } from './connection';
import { stmt } from './statements';

export function hasTable(db: Db, name: string): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
