import { describeSettingConflicts, resolveSettingConflict } from '../services/exchange/mergeSettings';
import type { AppContext } from '../services/context';
import type { OpParsedInput } from '../../shared/api/contract';

export const settingConflictHandlers = {
  'setting-conflicts:list': (_input: OpParsedInput<'setting-conflicts:list'>, ctx: AppContext) => describeSettingConflicts(ctx),
  'setting-conflicts:resolve': (input: OpParsedInput<'setting-conflicts:resolve'>, ctx: AppContext) =>
    resolveSettingConflict(ctx, input.id, input.keep),
};
