import fs from 'node:fs';
import os from 'node:os';
import { ApiError } from '../../shared/api/errors';

/**
 * One Parley per workspace. A lock file beside the database names the process
 * holding it; a lock left by a process that no longer runs is taken over.
 */
export interface WorkspaceLock {
  path: string;
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): { pid: number; host: string } | null {
  try {
    const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof holder.pid === 'number' && typeof holder.host === 'string') return { pid: holder.pid, host: holder.host };
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return null;
}

export function acquireWorkspaceLock(databasePath: string): WorkspaceLock {
  const lockPath = `${databasePath}.lock`;
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAtMs: Date.now() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, body, { flag: 'wx' });
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
      if (holder && (!sameHost || processIsAlive(holder.pid))) {
        throw new ApiError(
          'WORKSPACE_LOCKED',
          `This workspace is already open in another Parley (process ${holder.pid}${sameHost ? '' : ` on ${holder.host}`}). ` +
            'Close that window first, or start this one on another workspace with --workspace <file>.',
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new ApiError('WORKSPACE_LOCKED', `Could not take the workspace lock ${lockPath}. Remove it if no Parley is running.`);
}
