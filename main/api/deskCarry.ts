import type { OpParsedInput } from '../../shared/api/contract';
import { dismissNearDuplicate, listNearDuplicates } from '../services/desk/nearDuplicates';
import type { AppContext } from '../services/context';

export const deskCarryHandlers = {
  'desk:near-duplicates': (_input: OpParsedInput<'desk:near-duplicates'>, ctx: AppContext) => listNearDuplicates(ctx),
  'desk:keep-both': (input: OpParsedInput<'desk:keep-both'>, ctx: AppContext) => dismissNearDuplicate(ctx, input.articleId),
};
