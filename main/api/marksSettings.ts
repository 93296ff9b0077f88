import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import type { AppContext } from '../services/context';
import { marksSettings, saveMarksSettings } from '../services/marksSettings';

export const marksSettingsHandlers = {
  'marks:settings': (input: OpParsedInput<'marks:settings'>, ctx: AppContext): OpOutput<'marks:settings'> =>
    marksSettings(ctx, input.relationshipId),
  'marks:save-settings': (input: OpParsedInput<'marks:save-settings'>, ctx: AppContext): OpOutput<'marks:save-settings'> => {
    const { relationshipId, ...patch } = input;
    return saveMarksSettings(ctx, relationshipId, patch);
  },
};
