/**
 * Backups of the whole workspace: SQLite's online backup into a temporary
 * name, checked with PRAGMA integrity_check, then renamed, so a backup file
 * that exists is always complete. Daily backups rotate (the analyst sets how
 * many to keep). A restore first backs up what it replaces, then closes the
 * workspace, swaps the files and reopens it in the same process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupSettings } from '../../shared/api/exchange';
import { ApiError } from '../../shared/api/errors';
import { present } from '../../shared/domain/present';
import type { Db } from '../db/connection';
import { countsOf, integrityCheck, makeSelfContained, onlineBackup, openReadonly, type Counts } from '../db/files';
import { hasTable, schemaVersion as schemaVersionOf } from '../db/schemaInfo';
import { getSetting } from '../db/settings';
import { SCHEMA_VERSION } from '../db/migrations';
import type { AppContext } from './context';
import { saveRecoveryNotice } from './recovery';
import { saveSettings } from './settings';
import { swapWorkspaceFile } from './workspaceFile';

type Kind = 'manual' | 'daily' | 'pre-restore' | 'kept';
const NAME = /^parley-(manual|daily|pre-restore|kept)-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite$/;

export function backupDir(ctx: AppContext): string {
  return path.join(path.dirname(ctx.workspace.path), 'backups');
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function info(dir: string, fileName: string): BackupInfo | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const full = path.join(dir, fileName);
  const st = fs.statSync(full);
  const [, kind, day = '', time = ''] = m;
  const at = (digits: string, from: number) => Number(digits.slice(from, from + 2));
  const createdAtMs = new Date(Number(day.slice(0, 4)), at(day, 4) - 1, at(day, 6), at(time, 0), at(time, 2), at(time, 4)).getTime();
  return { fileName, path: full, sizeBytes: st.size, createdAtMs, kind: kind as Kind };
}

export function listBackups(ctx: AppContext): BackupInfo[] {
  const dir = backupDir(ctx);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => info(dir, f))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.createdAtMs - a.createdAtMs || b.fileName.localeCompare(a.fileName));
}

/** Checks a SQLite file without changing it; throws an ApiError saying what is wrong. */
export function checkDatabaseFile(file: string): { schemaVersion: number } {
  let db: Db;
  try {
    db = openReadonly(file);
  } catch (err) {
    throw new ApiError('BAD_INPUT', `Cannot open ${path.basename(file)}: ${(err as Error).message}.`);
  }
  try {
    const result = integrityCheck(db);
    if (result !== 'ok')
      throw new ApiError('BAD_INPUT', `${path.basename(file)} is damaged (integrity check: ${result}). Choose another backup.`);
    const schemaVersion = schemaVersionOf(db);
    if (!hasTable(db, 'articles'))
      throw new ApiError('BAD_INPUT', `${path.basename(file)} is not a Parley workspace (it has no articles table).`);
    return { schemaVersion };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('BAD_INPUT', `${path.basename(file)} is not a readable SQLite database (${(err as Error).message}).`);
  } finally {
    db.close();
  }
}

/** Longest a backup may go without copying a page before it is abandoned (a locked or unreadable source would retry for ever). */
const BACKUP_STALL_MS = 30_000;

/** A progress callback for SQLite's online backup that gives up, with a clear error, when no page has moved for BACKUP_STALL_MS. */
export function stallGuard(stallMs = BACKUP_STALL_MS): (p: { remainingPages: number }) => number {
  let remaining = Number.POSITIVE_INFINITY;
  let since = Date.now();
  return ({ remainingPages }) => {
    if (remainingPages < remaining) {
      remaining = remainingPages;
      since = Date.now();
    } else if (Date.now() - since > stallMs) {
      throw new Error(`no page could be copied for ${Math.round(stallMs / 1000)} s (the workspace is locked or cannot be read)`);
    }
    return 100; // pages per step, better-sqlite3's own default
  };
}

/** Writes a complete, checked copy of the open workspace to `dest` (temporary name, check, rename). */
export async function backupTo(ctx: AppContext, dest: string): Promise<void> {
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  const partial = `${dest}.partial`;
  const leftovers = () => ['', '-wal', '-shm', '-journal'].forEach((side) => fs.rmSync(`${partial}${side}`, { force: true }));
  leftovers();
  try {
    await onlineBackup(ctx.workspace.db, partial, stallGuard());
    fs.chmodSync(partial, 0o600); // a backup holds every article: only the analyst may read it
    makeSelfContained(partial); // a backup is one file, without the workspace's WAL
    checkDatabaseFile(partial);
    fs.renameSync(partial, dest);
    leftovers();
  } catch (err) {
    leftovers();
    if (err instanceof ApiError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const hint = ['EROFS', 'EACCES', 'EPERM'].includes(code)
      ? `Parley may not write to ${path.dirname(dest)}: choose a workspace in a folder you can write to.`
      : `Check the free space of ${path.dirname(dest)}.`;
    throw new ApiError('INTERNAL', `The backup could not be written: ${(err as Error).message}. ${hint}`);
  }
}

// Backups and restores run one at a time, so a restore never closes the workspace under a running backup.
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export function createBackup(ctx: AppContext, kind: Kind = 'manual'): Promise<BackupInfo> {
  return serialized(() => writeBackup(ctx, kind));
}

async function writeBackup(ctx: AppContext, kind: Kind): Promise<BackupInfo> {
  const dir = backupDir(ctx);
  const base = `parley-${kind}-${stamp(ctx.now())}`;
  let name = `${base}.sqlite`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = `${base}-${n}.sqlite`;
  await backupTo(ctx, path.join(dir, name));
  return present(info(dir, name), `the backup just written, ${name}`);
}

const DEFAULTS: BackupSettings = { keepDaily: 7, autoDaily: true };

export function backupSettings(ctx: AppContext): BackupSettings {
  const db = ctx.workspace.db;
  const keep = Number(getSetting(db, 'backup.keepDaily'));
  const auto = getSetting(db, 'backup.autoDaily');
  return {
    keepDaily: Number.isInteger(keep) && keep >= 1 && keep <= 365 ? keep : DEFAULTS.keepDaily,
    autoDaily: auto === null ? DEFAULTS.autoDaily : auto === '1',
  };
}

export function saveBackupSettings(ctx: AppContext, s: BackupSettings): BackupSettings {
  // Undoing this restores the settings, not daily backups the rotation has removed since.
  saveSettings(ctx, `Backups: ${s.autoDaily ? 'daily' : 'by hand only'}, keep ${s.keepDaily}`, {
    'backup.keepDaily': String(s.keepDaily),
    'backup.autoDaily': s.autoDaily ? '1' : '0',
  });
  pruneDaily(ctx, s.keepDaily);
  return backupSettings(ctx);
}

/** How much a backup holds, for the rotation's "never drop a richer one" rule; -1 when it cannot be read. */
function contentOf(file: string): number {
  try {
    const db = openReadonly(file);
    try {
      const c = countsOf(db);
      return c.articles + c.annotations;
    } finally {
      db.close();
    }
  } catch {
    return -1;
  }
}

/**
 * Keeps the newest `keep` daily backups. One that would rotate out while
 * holding more than the newest backup (the workspace lost content since) is
 * not deleted but renamed to a kept backup, outside the rotation, until the
 * analyst removes it; a kept one is dropped only when a newer kept one holds
 * at least as much.
 */
function pruneDaily(ctx: AppContext, keep: number): string[] {
  const all = listBackups(ctx);
  const daily = all.filter((b) => b.kind === 'daily');
  const removed = daily.slice(keep);
  if (removed.length === 0) return [];
  const newest = contentOf(present(daily[0], 'a daily backup to keep').path);
  const dir = backupDir(ctx);
  for (const b of removed) {
    if (contentOf(b.path) > newest) fs.renameSync(b.path, path.join(dir, b.fileName.replace(/^parley-daily-/, 'parley-kept-')));
    else fs.rmSync(b.path, { force: true });
  }
  const kept = listBackups(ctx).filter((b) => b.kind === 'kept');
  let richestNewer = -1;
  for (const b of kept) {
    const size = contentOf(b.path);
    if (size <= richestNewer) fs.rmSync(b.path, { force: true });
    richestNewer = Math.max(richestNewer, size);
  }
  return removed.map((b) => b.fileName);
}

/** Makes today's daily backup if there is none yet, then keeps only the newest `keepDaily`. */
export async function dailyBackupIfDue(ctx: AppContext): Promise<BackupInfo | null> {
  // The empty workspace opened in place of a damaged one is not backed up: its copy would push a good backup out of the rotation.
  if (ctx.recovery) return null;
  // A read-only workspace cannot change, so there is nothing new to keep (and its settings cannot be saved).
  if (ctx.workspace.readOnly) return null;
  const s = backupSettings(ctx);
  if (!s.autoDaily) return null;
  const today = stamp(ctx.now()).slice(0, 8);
  const has = listBackups(ctx).some((b) => b.kind === 'daily' && b.fileName.includes(`-${today}-`));
  const made = has ? null : await createBackup(ctx, 'daily'); // waits its turn behind a restore
  pruneDaily(ctx, s.keepDaily);
  return made;
}

/**
 * Runs the daily backup now and then every hour (the timer does not keep the
 * process alive). `stop` waits for a backup in progress, so the workspace is
 * never closed under it.
 */
export function scheduleDailyBackups(ctx: AppContext, log: (msg: string) => void = console.error): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = dailyBackupIfDue(ctx).catch((err: unknown) => log(`parley: daily backup failed: ${(err as Error).message}`));
  };
  // The first check waits a minute: copying a large workspace at start would delay the first screen.
  const first = setTimeout(run, 60 * 1000);
  first.unref();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

export function requireBackup(ctx: AppContext, fileName: string): BackupInfo {
  const found = listBackups(ctx).find((b) => b.fileName === fileName);
  if (!found) throw new ApiError('NOT_FOUND', `There is no backup named ${fileName}. Pick one from the list.`);
  return found;
}

export function previewRestore(ctx: AppContext, fileName: string): { backup: BackupInfo; current: Counts; replacement: Counts } {
  const backup = requireBackup(ctx, fileName);
  checkDatabaseFile(backup.path);
  const other = openReadonly(backup.path);
  try {
    return { backup, current: countsOf(ctx.workspace.db), replacement: countsOf(other) };
  } finally {
    other.close();
  }
}

/**
 * Replaces the open workspace with a backup. What is replaced is first saved
 * as a pre-restore backup; the workspace is closed, the checked backup copied
 * in under a temporary name and renamed over it, and the workspace reopened
 * (and migrated if the backup is older) in the same context.
 */
export function restoreBackup(ctx: AppContext, fileName: string): Promise<{ restored: BackupInfo; savedAs: BackupInfo }> {
  return serialized(() => swapInBackup(ctx, fileName));
}

async function swapInBackup(ctx: AppContext, fileName: string): Promise<{ restored: BackupInfo; savedAs: BackupInfo }> {
  if (ctx.workspace.readOnly) {
    throw new ApiError('READ_ONLY', 'This workspace is open read-only, so a backup cannot be restored over it. Nothing was changed.');
  }
  const backup = requireBackup(ctx, fileName);
  const { schemaVersion } = checkDatabaseFile(backup.path);
  if (schemaVersion > SCHEMA_VERSION) {
    throw new ApiError(
      'NEWER_SCHEMA',
      `${fileName} was written by a newer Parley (schema ${schemaVersion}); this one knows up to ${SCHEMA_VERSION}. Nothing was changed.`,
    );
  }
  const savedAs = await writeBackup(ctx, 'pre-restore');
  const target = ctx.workspace.path;
  const incoming = `${target}.restoring`;
  fs.copyFileSync(backup.path, incoming);
  try {
    swapWorkspaceFile(ctx, incoming, savedAs.path);
  } catch (err) {
    throw new ApiError('INTERNAL', `The restore failed (${(err as Error).message}); the workspace is as it was before.`);
  }
  return { restored: backup, savedAs };
}

export interface GoodBackup {
  backup: BackupInfo;
  counts: Counts;
}

const goodBackups = new WeakMap<object, GoodBackup | null>();

/**
 * After a damaged workspace was set aside: the newest backup made before the
 * damage was found that opens, passes the integrity check and is not from a
 * newer Parley. Backups made later are copies of the empty replacement and are
 * passed over. Checked once per recovery (a large backup takes a while to check).
 */
export function latestGoodBackup(ctx: AppContext): GoodBackup | null {
  const recovery = ctx.recovery;
  if (!recovery) return null;
  const checked = goodBackups.get(recovery);
  if (checked !== undefined) return checked;
  let found: GoodBackup | null = null;
  for (const backup of listBackups(ctx)) {
    if (backup.createdAtMs > recovery.atMs) continue;
    try {
      if (checkDatabaseFile(backup.path).schemaVersion > SCHEMA_VERSION) continue;
      const db = openReadonly(backup.path);
      try {
        found = { backup, counts: countsOf(db) };
      } finally {
        db.close();
      }
      break;
    } catch {
      // damaged or not a workspace: the next older one
    }
  }
  goodBackups.set(recovery, found);
  const offered = found?.backup.fileName ?? null;
  if (recovery.offered !== offered) {
    recovery.offered = offered;
    saveRecoveryNotice(ctx.workspace.path, recovery);
  }
  return found;
}
