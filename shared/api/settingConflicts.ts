/** Operations on what a merge found different in shared score settings (code weights, grades, event groups). */
import { z } from 'zod';
import { Id } from './schemas';
import { Empty } from './inputs';

export const SettingConflict = z.object({
  id: Id,
  kind: z.enum(['code-weight', 'grade-factor', 'outlet-grade', 'event', 'desk-row']),
  /** What differs, e.g. "Weight of code THREAT". */
  label: z.string(),
  origin: z.string(),
  /** This workspace's value and the colleague's, as the analyst reads them. */
  ours: z.string(),
  theirs: z.string(),
});
export type SettingConflict = z.infer<typeof SettingConflict>;

export const settingConflictOperations = {
  'setting-conflicts:list': { input: Empty, output: z.array(SettingConflict) },
  'setting-conflicts:resolve': {
    input: z.object({ id: Id, keep: z.enum(['ours', 'theirs']) }).strict(),
    output: z.object({ remaining: z.number().int() }),
  },
} as const;
