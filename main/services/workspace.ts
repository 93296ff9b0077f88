import { DEFAULT_ACTORS, DEFAULT_CODES, DEFAULT_RELATIONSHIPS } from '../../shared/domain/codebook';
import { actorIdByCode, insertActor, insertRelationship } from '../db/actors';
import { insertDefaultCodes } from '../db/codebook';
import fs from 'node:fs';
import { openWorkspace, type OpenOptions, type Workspace } from '../db/connection';
import { isDamageError } from '../db/damage';
import { finishBulkIndexes } from '../db/deskBulkIndexes';
import { checkWorkspace } from '../db/salvage';
import { clearRecoveryNotice, loadRecoveryNotice, saveRecoveryNotice, setAside, STARTUP_CHECK_MAX_BYTES } from './recovery';
import type { AppContext } from './context';
import { seedSample } from './sample';
import { present } from '../../shared/domain/present';

export interface StartOptions extends OpenOptions {
  /** Path of the sample dispatches; null for a workspace without them (tests, benchmarks). */
  sampleFile: string | null;
  now?: () => Date;
}

/** The codebook, actors and relationships a new workspace starts with. */
export function seedDefaults(ctx: AppContext): void {
  const { db } = ctx.workspace;
  const nowMs = ctx.now().getTime();
  db.transaction(() => {
    insertDefaultCodes(db, DEFAULT_CODES, nowMs);
    for (const actor of DEFAULT_ACTORS) insertActor(db, actor, nowMs);
    for (const [a, b] of DEFAULT_RELATIONSHIPS)
      insertRelationship(
        db,
        present(actorIdByCode(db, a), `default actor ${a}`),
        present(actorIdByCode(db, b), `default actor ${b}`),
        nowMs,
      );
  }).immediate();
}

class DamagedWorkspace extends Error {}

/** Opens the workspace and, when it is small enough to do at once, checks that every page reads. */
function openChecked(file: string, options: StartOptions): Workspace {
  const workspace = openWorkspace(file, options);
  if (workspace.foundVersion > 0 && fs.statSync(workspace.path).size <= STARTUP_CHECK_MAX_BYTES) {
    let problem: string | null;
    try {
      problem = checkWorkspace(workspace.db);
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem) {
      workspace.close();
      throw new DamagedWorkspace(problem);
    }
  }
  return workspace;
}

/**
 * Opens (creating if need be) the workspace at `file` and returns the context
 * every handler uses. A damaged workspace is kept aside and a fresh one opened
 * in its place, with a notice the interface shows (see services/recovery).
 */
export function startWorkspace(file: string, options: StartOptions): AppContext {
  const now = options.now ?? (() => new Date());
  let workspace: Workspace;
  let recovery: AppContext['recovery'];
  try {
    workspace = openChecked(file, options);
    recovery = loadRecoveryNotice(workspace.path);
  } catch (err) {
    if (!isDamageError(err) && !(err instanceof DamagedWorkspace)) throw err;
    const damagedPath = setAside(file, now());
    recovery = { damagedPath, reason: (err as Error).message, atMs: now().getTime() };
    workspace = openWorkspace(file, options);
    saveRecoveryNotice(workspace.path, recovery);
    options = { ...options, sampleFile: null };
  }
  // A large desk pull cut by the end of the process left its indexes to rebuild: done before anything reads them.
  finishBulkIndexes(workspace.db);
  const ctx: AppContext = { workspace, now, recovery };
  if (workspace.foundVersion === 0) {
    try {
      seedDefaults(ctx);
      if (options.sampleFile) seedSample(ctx, options.sampleFile);
    } catch (err) {
      workspace.close();
      throw err;
    }
  }
  return ctx;
}

/** The analyst restored or salvaged: the workspace is no longer in recovery (the damaged file stays aside). */
export function endRecovery(ctx: AppContext): void {
  ctx.recovery = undefined;
  clearRecoveryNotice(ctx.workspace.path);
}
