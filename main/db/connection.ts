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
  /** The file cannot be written (permissions, a read-only disk): opened read-only on purpose, every write refused. */
  readOnly: boolean;
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
  // 64 MB of page cache rather than SQLite's 2 MB: at 100,000 articles the near-duplicate band index alone is
  // ~80 MB, and an import's random band keys spilled and re-read pages at every chunk (bench `import`, saving).
  db.pragma('cache_size = -65536');
  for (const [name, expected] of REQUIRED_PRAGMAS) {
    const actual = db.pragma(name, { simple: true });
    if (actual !== expected) throw new Error(`PRAGMA ${name} is ${String(actual)}, expected ${String(expected)}`);
  }
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** False when the file exists but cannot be opened for writing; SQLite would open it read-only without saying so. */
function canWrite(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r+'));
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return true;
    if (NOT_WRITABLE.has(code)) return false;
    throw err;
  }
}

/** A read-only workspace still takes the lock where its folder allows; on a read-only disk nobody can write it anyway. */
function lockIfPossible(file: string, readOnly: boolean): WorkspaceLock | null {
  try {
    return acquireWorkspaceLock(file);
  } catch (err) {
    if (readOnly && NOT_WRITABLE.has((err as NodeJS.ErrnoException).code ?? '')) return null;
    throw err;
  }
}

function openReadOnly(file: string, found: number | null, nativeBinding?: string): Db {
  if (found !== SCHEMA_VERSION) {
    throw new ApiError(
      'READ_ONLY',
      `The workspace ${file} cannot be written (read-only file or disk), and it ${found ? `needs an upgrade from schema ${found}` : 'is not a Parley workspace yet'}, ` +
        'which is a write. Copy it to a folder you can write to, or make it writable, and open it again.',
    );
  }
  const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The workspace's real path: through symbolic links, so the lock sits beside
 * the real file and a restore replaces the file, never the link to it.
 */
function resolveWorkspacePath(file: string): string {
  const absolute = path.resolve(file);
  // Only the analyst may read the workspace: folders Parley creates are 0700, files 0600.
  fs.mkdirSync(path.dirname(absolute), { recursive: true, mode: 0o700 });
  try {
    return fs.realpathSync(absolute);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
  }
}

export function openWorkspace(file: string, options: OpenOptions = {}): Workspace {
  const absolute = resolveWorkspacePath(file);
  // A new workspace starts as an empty file (SQLite takes it as a new database), created 0600 and locked by its identity.
  let created = false;
  if (!fs.existsSync(absolute)) {
    fs.writeFileSync(absolute, '', { flag: 'wx', mode: 0o600 });
    created = true;
  }
  const readOnly = !canWrite(absolute);
  let lock: WorkspaceLock | null;
  try {
    lock = options.noLock ? null : lockIfPossible(absolute, readOnly);
  } catch (err) {
    if (created) fs.rmSync(absolute, { force: true });
    throw err;
  }
  try {
    const existing = existingSchemaVersion(absolute, options.nativeBinding);
    if (existing !== null && existing > SCHEMA_VERSION) throw newerSchemaError(existing);
    const db = readOnly
      ? openReadOnly(absolute, existing, options.nativeBinding)
      : new Database(absolute, { nativeBinding: options.nativeBinding });
    try {
      const foundVersion = readOnly ? existing! : (applyPragmas(db), migrate(db));
      return {
        db,
        path: absolute,
        foundVersion,
        readOnly,
        close() {
          // The lock is released even when the checkpoint fails (a full or read-only disk), so a restart is not refused.
          try {
            if (db.open && !readOnly) db.pragma('wal_checkpoint(TRUNCATE)');
          } finally {
            if (db.open) db.close();
            lock?.release();
          }
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
