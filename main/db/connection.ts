import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../shared/api/errors';
import { isDamageError } from './damage';
import { acquireWorkspaceLock, type WorkspaceLock } from './lock';
import { migrate, newerSchemaError, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface Workspace {
  db: Db;
  path: string;
  /** The schema version found on open: 0 for a workspace created just now. */
  foundVersion: number;
  close(): void;
}

export interface OpenOptions {
  /** Path of an addon built for another ABI (Electron's), passed to better-sqlite3. */
  nativeBinding?: string;
  /** Skip the single-instance lock (only for read-only tools and tests of the lock itself). */
  noLock?: boolean;
}

const REQUIRED_PRAGMAS: Array<[string, unknown]> = [
  ['journal_mode', 'wal'],
  ['synchronous', 2], // FULL: analysts' work must survive power loss
  ['foreign_keys', 1],
  ['busy_timeout', 5000],
];

/** Reads user_version without writing anything, so a newer workspace is refused untouched. */
function existingSchemaVersion(file: string, nativeBinding?: string): number | null {
  if (!fs.existsSync(file)) return null;
  let probe: Db;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (err) {
    if (isDamageError(err)) throw err;
    throw new ApiError('BAD_INPUT', `Cannot open the workspace ${file}: ${(err as Error).message}. Is it a Parley workspace?`);
  }
  try {
    return probe.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    if (isDamageError(err)) throw err;
    throw new ApiError('BAD_INPUT', `The file ${file} is not a readable SQLite workspace (${(err as Error).message}).`);
  } finally {
    probe.close();
  }
}

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  for (const [name, expected] of REQUIRED_PRAGMAS) {
    const actual = db.pragma(name, { simple: true });
    if (actual !== expected) throw new Error(`PRAGMA ${name} is ${String(actual)}, expected ${String(expected)}`);
  }
}

export function openWorkspace(file: string, options: OpenOptions = {}): Workspace {
  const absolute = path.resolve(file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const lock: WorkspaceLock | null = options.noLock ? null : acquireWorkspaceLock(absolute);
  try {
    const existing = existingSchemaVersion(absolute, options.nativeBinding);
    if (existing !== null && existing > SCHEMA_VERSION) throw newerSchemaError(existing);
    const db = new Database(absolute, { nativeBinding: options.nativeBinding });
    try {
      applyPragmas(db);
      const foundVersion = migrate(db);
      return {
        db,
        path: absolute,
        foundVersion,
        close() {
          if (db.open) {
            db.pragma('wal_checkpoint(TRUNCATE)');
            db.close();
          }
          lock?.release();
        },
      };
    } catch (err) {
      db.close();
      throw err;
    }
  } catch (err) {
    lock?.release();
    throw err;
  }
}
