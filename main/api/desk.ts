import type { OpParsedInput } from '../../shared/api/contract';
import { deskStatus, syncNow } from '../services/desk/background';
import { saveDeskConfig, setSessionPassword } from '../services/desk/connection';
import type { AppContext } from '../services/context';

export const deskHandlers = {
  'desk:status': (_input: OpParsedInput<'desk:status'>, ctx: AppContext) => deskStatus(ctx),
  'desk:configure': (input: OpParsedInput<'desk:configure'>, ctx: AppContext) => {
    const { password, ...config } = input;
    saveDeskConfig(ctx, config);
    if (password !== undefined) setSessionPassword(ctx, config.user, password);
    return deskStatus(ctx);
  },
  'desk:sync': (_input: OpParsedInput<'desk:sync'>, ctx: AppContext) => syncNow(ctx),
};
