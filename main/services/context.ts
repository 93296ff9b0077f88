import type { Workspace } from '../db/connection';
import type { RecoveryNotice } from './recovery';

/** What every handler and service works with. `now` is injectable so tests can pin the date. */
export interface AppContext {
  workspace: Workspace;
  now(): Date;
  /** Set when the workspace could not be read at start and a fresh one was opened in its place. */
  recovery?: RecoveryNotice;
}
