import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import type { AppContext } from '../services/context';
import { backupDiff } from '../services/backupDiff';

export const backupDiffHandlers = {
  'backup:diff': (input: OpParsedInput<'backup:diff'>, ctx: AppContext): OpOutput<'backup:diff'> =>
    backupDiff(ctx, input.fileName, input.limit),
};
