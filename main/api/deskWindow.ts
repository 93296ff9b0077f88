import type { OpParsedInput } from '../../shared/api/contract';
import { deskStatus } from '../services/desk/background';
import { connectToDesk, deskSetting, disconnectDesk } from '../services/desk/connect';
import { dismissRefusedSets } from '../services/desk/sync';
import type { AppContext } from '../services/context';

export const deskWindowHandlers = {
  'desk:setting': (_input: OpParsedInput<'desk:setting'>, ctx: AppContext) => deskSetting(ctx),
  'desk:connect': (input: OpParsedInput<'desk:connect'>, ctx: AppContext) => connectToDesk(ctx, input),
  'desk:disconnect': (_input: OpParsedInput<'desk:disconnect'>, ctx: AppContext) => disconnectDesk(ctx),
  'desk:dismiss-refused': (_input: OpParsedInput<'desk:dismiss-refused'>, ctx: AppContext) => {
    dismissRefusedSets(ctx);
    return deskStatus(ctx);
  },
};
