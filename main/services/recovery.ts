import fs from 'node:fs';

/**
 * A workspace that cannot be read is never overwritten or deleted: it is kept
 * aside under a new name, Parley opens a fresh workspace in its place, and the
 * analyst may salvage what can still be read from the damaged copy.
 */

export interface RecoveryNotice {
  damagedPath: string;
  reason: string;
  atMs: number;
  /** The backup the banner offered to restore (file name), once one was found. */
  offered?: string | null;
}

/**
 * The notice lives in a file beside the workspace until the analyst restores
 * or salvages: kept only in memory, it vanished at the next start and the
 * empty replacement's daily backups then rotated the good ones away.
 */
export function recoveryFile(workspacePath: string): string {
  return `${workspacePath}.recovery.json`;
}

export function saveRecoveryNotice(workspacePath: string, notice: RecoveryNotice): void {
  const file = recoveryFile(workspacePath);
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify(notice, null, 2), { mode: 0o600 });
  fs.renameSync(partial, file);
}

/** The notice left by an earlier start, or undefined; a file that cannot be parsed still means "in recovery". */
export function loadRecoveryNotice(workspacePath: string): RecoveryNotice | undefined {
  const file = recoveryFile(workspacePath);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const n = JSON.parse(text) as Partial<RecoveryNotice>;
    if (typeof n.damagedPath === 'string' && typeof n.reason === 'string' && typeof n.atMs === 'number')
      return { damagedPath: n.damagedPath, reason: n.reason, atMs: n.atMs, offered: typeof n.offered === 'string' ? n.offered : null };
  } catch {
    // fall through
  }
  return { damagedPath: file, reason: `the recovery notice ${file} could not be read`, atMs: fs.statSync(file).mtimeMs | 0 };
}

export function clearRecoveryNotice(workspacePath: string): void {
  fs.rmSync(recoveryFile(workspacePath), { force: true });
}

/** Checks a workspace small enough to check at start; larger ones are checked when a read fails. */
export const STARTUP_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** Moves the damaged file and its WAL and shared-memory files aside; returns the new path. */
export function setAside(file: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.damaged-${stamp}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}
