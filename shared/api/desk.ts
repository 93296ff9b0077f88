/** Operations of the desk (issue 18): its setting, its status in the window, and sync now. */
import { z } from 'zod';
import { Empty } from './inputs';

export const DeskStatus = z.object({
  state: z.enum(['off', 'waiting', 'syncing', 'synced', 'to-send', 'offline']),
  /** user@host:port/database, or null when no desk is set. */
  desk: z.string().nullable(),
  /** Local change sets not yet on the desk. */
  toSend: z.number().int().nonnegative(),
  lastSyncAtMs: z.number().nullable(),
  offlineSinceMs: z.number().nullable(),
  /**
   * A first sync's progress: in bytes of the desk's snapshot where it starts from one (stage 'snapshot'), in change
   * sets pulled; then, after a large pull (stage 'index'), in steps of building the search index and the indexes it
   * set aside.
   */
  progress: z.object({ done: z.number().int(), total: z.number().int(), stage: z.enum(['index', 'snapshot']).optional() }).nullable(),
  error: z.string().nullable(),
  /** Changes from the desk that could not be made here (their row was deleted here), this session. */
  notApplied: z.number().int().nonnegative(),
  /** Colleagues' change sets applied here this session: the window refreshes what it shows when this grows. */
  pulled: z.number().int().nonnegative(),
  /** Labels of this workspace's change sets the desk refused as not the analyst's to make (the last 50). */
  refused: z.array(z.string()),
  /** Colleagues' articles that nearly duplicate one of this laptop's own, left to look at (the list is desk:near-duplicates). */
  nearDuplicates: z.number().int().nonnegative(),
});
export type DeskStatus = z.infer<typeof DeskStatus>;

export const DeskConfigInput = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(5432),
    database: z.string().min(1).max(63),
    user: z.string().min(1).max(63),
    caFile: z.string().max(4096).nullable().default(null),
    /** Kept in memory for this session (browser mode), never in the workspace; the desktop app keeps it in the OS store. */
    password: z.string().max(1024).optional(),
  })
  .strict();

export const deskOperations = {
  'desk:status': { input: Empty, output: DeskStatus },
  'desk:configure': { input: DeskConfigInput, output: DeskStatus },
  'desk:sync': { input: Empty, output: DeskStatus },
} as const;
