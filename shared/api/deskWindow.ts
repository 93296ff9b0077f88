/**
 * The desk as the window shows it (issue 18): the Desk dialog reads the
 * setting (never the password), connects after checking that the desk answers
 * and knows the analyst, and disconnects. `desk:configure` (shared/api/desk.ts)
 * stays the command line's: it saves without trying the desk.
 */
import { z } from 'zod';
import { DeskConfigInput, DeskStatus } from './desk';
import { Empty } from './inputs';

export const DeskSetting = z
  .object({
    host: z.string(),
    port: z.number().int(),
    database: z.string(),
    user: z.string(),
    caFile: z.string().nullable(),
    /** Whether Parley holds a password for this user (this session, the OS store or the environment); the password itself never crosses. */
    passwordKept: z.boolean(),
  })
  .nullable();
export type DeskSetting = z.infer<typeof DeskSetting>;

export const deskWindowOperations = {
  'desk:setting': { input: Empty, output: DeskSetting },
  /** Tries the desk with the setting and password; saves them only if it answers as a desk that knows the user, then syncs in the background. */
  'desk:connect': { input: DeskConfigInput, output: DeskStatus },
  /** Stops syncing: the setting and the session's password are forgotten; the workspace keeps everything it has. */
  'desk:disconnect': { input: Empty, output: DeskStatus },
  /** Empties the list of change sets the desk refused, once read; the changes themselves stay in this workspace. */
  'desk:dismiss-refused': { input: Empty, output: DeskStatus },
} as const;
