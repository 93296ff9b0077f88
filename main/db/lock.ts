import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';

/**
 * One Parley per workspace. A lock file beside the database names the process
 * holding it; a lock left by a process that no longer runs (or whose PID now
 * belongs to a process started after the lock was written) is taken over.
 *
 * The same file can be reached under other names: a symbolic link (the caller
 * passes the resolved path, so the lock sits beside the real file) or a hard
 * link (a second name for the same inode, possibly in another folder). So a
 * second lock is taken on the file's identity, device and inode, in a folder
 * every Parley on this machine looks in.
 */
export interface WorkspaceLock {
  path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  startedAtMs?: number;
  workspace?: string;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started (Linux /proc), or null where that cannot be read. */
function processStartMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]); // field 22, starttime, in clock ticks after boot
    const bootSeconds = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(bootSeconds)) return null;
    return bootSeconds * 1000 + (ticks / 100) * 1000; // USER_HZ is 100 on every Linux Parley runs on
  } catch {
    return null;
  }
}

/** The holder's process still runs and is the one that wrote the lock (not a later process given the same PID). */
function holderIsRunning(holder: Holder): boolean {
  if (!processIsAlive(holder.pid)) return false;
  const started = processStartMs(holder.pid);
  // Start times are known to the clock tick; two seconds of slack against rounding and clock steps.
  if (started !== null && holder.startedAtMs !== undefined && started > holder.startedAtMs + 2000) return false;
  return true;
}

function readHolder(lockPath: string): Holder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<Holder>;
    if (typeof holder.pid === 'number' && typeof holder.host === 'string') {
      return {
        pid: holder.pid,
        host: holder.host,
        startedAtMs: typeof holder.startedAtMs === 'number' ? holder.startedAtMs : undefined,
        workspace: typeof holder.workspace === 'string' ? holder.workspace : undefined,
      };
    }
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return null;
}

/** Where the identity locks live: one private folder per user on this machine. */
function identityLockDir(): string {
  return path.join(os.tmpdir(), `parley-locks-${process.getuid?.() ?? os.userInfo().username}`);
}

function takeLockFile(lockPath: string, databasePath: string, body: string, shownPath: string): WorkspaceLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, body, { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          const holder = readHolder(lockPath);
          if (holder?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(lockPath);
      const sameHost = holder?.host === os.hostname();
      if (holder && (!sameHost || holderIsRunning(holder))) {
        const other = holder.workspace && holder.workspace !== databasePath ? ` as ${holder.workspace}` : '';
        throw new ApiError(
          'WORKSPACE_LOCKED',
          `This workspace is already open in another Parley (process ${holder.pid}${sameHost ? '' : ` on ${holder.host}`}${other}). ` +
            'Close that window first, or start this one on another workspace with --workspace <file>. ' +
            `If no Parley is running${sameHost ? '' : ` on ${holder.host}`}, delete ${shownPath} and start again.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone, or its PID was given to another process
    }
  }
  throw new ApiError(
    'WORKSPACE_LOCKED',
    `Could not take the workspace lock ${shownPath}. If no Parley is running, delete it and start again.`,
  );
}

/**
 * Takes the lock for `databasePath`, which must already be resolved (realpath).
 * The file must exist, so that its identity can be locked too.
 */
export function acquireWorkspaceLock(databasePath: string): WorkspaceLock {
  const besidePath = `${databasePath}.lock`;
  const st = fs.statSync(databasePath);
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAtMs: Date.now(), workspace: databasePath });
  const beside = takeLockFile(besidePath, databasePath, body, besidePath);
  try {
    fs.mkdirSync(identityLockDir(), { recursive: true, mode: 0o700 });
    const identityPath = path.join(identityLockDir(), `${st.dev}-${st.ino}.lock`);
    const identity = takeLockFile(identityPath, databasePath, body, identityPath);
    return {
      path: besidePath,
      release() {
        identity.release();
        beside.release();
      },
    };
  } catch (err) {
    beside.release();
    throw err;
  }
}
