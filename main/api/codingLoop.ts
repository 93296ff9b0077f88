/** Handlers of shared/api/codingLoop.ts. */
import type { Handler } from './handlers';
import { codeUsage, deleteManyArticles, setCodeKey, tagsOutsideRelationships, updateArticleMeta } from '../services/codingLoop';
import type { codingLoopOps } from '../../shared/api/codingLoop';

export const codingLoopHandlers: { [K in keyof typeof codingLoopOps]: Handler<K> } = {
  'articles:delete-many': (input, ctx) => deleteManyArticles(ctx, input),
  'articles:update-meta': (input, ctx) => updateArticleMeta(ctx, input),
  'codebook:usage': (_input, ctx) => codeUsage(ctx),
  'codebook:set-key': (input, ctx) => setCodeKey(ctx, input),
  'annotations:outside-relationships': (_input, ctx) => tagsOutsideRelationships(ctx),
};
