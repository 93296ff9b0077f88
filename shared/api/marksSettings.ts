/** The analyst's marks settings (answer window, thresholds and what they apply to), kept per relationship in the workspace. */
import { z } from 'zod';
import { Id } from './schemas';

export const MarksSettings = z.object({
  windowDays: z.number().int().min(0).max(3650),
  thresholds: z.array(z.number().min(-1000).max(1000)).max(20),
  metric: z.enum(['M', 'R', 'index']),
});
export type MarksSettings = z.infer<typeof MarksSettings>;

export const MARKS_DEFAULTS: MarksSettings = { windowDays: 14, thresholds: [-5, 5], metric: 'M' };

export const marksSettingsOps = {
  'marks:settings': { input: z.object({ relationshipId: Id }).strict(), output: MarksSettings },
  'marks:save-settings': {
    input: MarksSettings.partial().extend({ relationshipId: Id }).strict(),
    output: MarksSettings,
  },
} as const;
