/** Handlers of shared/api/suggest.ts (assisted coding, issue 17). */
import { acceptSuggestion, rejectSuggestion, setSuggestionThreshold, suggestArticle, suggestionQuality } from '../services/suggest/service';
import { batchStatus, cancelBatch, startBatch } from '../services/suggest/batch';
import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import type { suggestOperations } from '../../shared/api/suggest';
import type { AppContext } from '../services/context';

type SuggestOp = keyof typeof suggestOperations;

export const suggestHandlers = {
  'suggestions:list': (input, ctx) => suggestArticle(ctx, input.articleId),
  'suggestions:accept': (input, ctx) => acceptSuggestion(ctx, input),
  'suggestions:reject': (input, ctx) => rejectSuggestion(ctx, input),
  'suggestions:quality': (_input, ctx) => suggestionQuality(ctx),
  'suggestions:set-threshold': (input, ctx) => setSuggestionThreshold(ctx, input),
  'suggestions:batch-start': (input, ctx) => startBatch(ctx, input.articleIds),
  'suggestions:batch-status': (input, ctx) => batchStatus(ctx, input.jobId),
  'suggestions:batch-cancel': (input, ctx) => cancelBatch(ctx, input.jobId),
} satisfies { [K in SuggestOp]: (input: OpParsedInput<K>, ctx: AppContext) => OpOutput<K> | Promise<OpOutput<K>> };
