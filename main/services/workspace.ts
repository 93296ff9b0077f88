import { DEFAULT_ACTORS, DEFAULT_CODES, DEFAULT_RELATIONSHIPS } from '../../shared/domain/codebook';
import { actorIdByCode, insertActor, insertRelationship } from '../db/actors';
import { insertDefaultCodes } from '../db/codebook';
import { openWorkspace, type OpenOptions } from '../db/connection';
import type { AppContext } from './context';
import { seedSample } from './sample';

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
    for (const [a, b] of DEFAULT_RELATIONSHIPS) insertRelationship(db, actorIdByCode(db, a)!, actorIdByCode(db, b)!, nowMs);
  }).immediate();
}

/** Opens (creating if need be) the workspace at `file` and returns the context every handler uses. */
export function startWorkspace(file: string, options: StartOptions): AppContext {
  const workspace = openWorkspace(file, options);
  const ctx: AppContext = { workspace, now: options.now ?? (() => new Date()) };
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
