import type { Workspace } from '../db/connection';

/** What every handler and service works with. `now` is injectable so tests can pin the date. */
export interface AppContext {
  workspace: Workspace;
  now(): Date;
}
