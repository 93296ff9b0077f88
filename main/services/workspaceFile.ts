/** Putting another file in the place of the open workspace (a restore, a first sync from the desk's snapshot). */
import fs from 'node:fs';
import { openWorkspace } from '../db/connection';
import type { AppContext } from './context';

const reopen = (file: string) => openWorkspace(file, { nativeBinding: process.env.PARLEY_NATIVE_BINDING || undefined });

/**
 * Closes the workspace, moves `incoming` into its place and opens it. A file with other hard links is overwritten
 * in place, so every name reaches the new workspace. On any failure `putBack` (a copy of what was there) is put in
 * its place and opened, so the analyst is never left without a workspace, and the error is thrown on.
 */
export function swapWorkspaceFile(ctx: AppContext, incoming: string, putBack: string): void {
  const target = ctx.workspace.path;
  try {
    ctx.workspace.close();
  } catch (err) {
    // Its last checkpoint failed (a full disk): the file and its WAL are as they were, and are opened again.
    ctx.workspace = reopen(target);
    throw err;
  }
  try {
    for (const side of ['-wal', '-shm']) fs.rmSync(`${target}${side}`, { force: true });
    if (fs.statSync(target).nlink > 1) {
      fs.copyFileSync(incoming, target);
      fs.rmSync(incoming);
    } else fs.renameSync(incoming, target);
    ctx.workspace = reopen(target);
  } catch (err) {
    fs.rmSync(incoming, { force: true });
    for (const side of ['-wal', '-shm']) fs.rmSync(`${target}${side}`, { force: true });
    fs.copyFileSync(putBack, target);
    ctx.workspace = reopen(target);
    throw err;
  }
}
