import type { Contract, OperationName, OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { listActors, listRelationships } from '../db/actors';
import { countAnnotations, listAnnotationsForArticle } from '../db/annotations';
import { countArticles, getArticle, listArticles } from '../db/articles';
import { recentChanges } from '../db/changeLog';
import { listCodes } from '../db/codebook';
import { SCHEMA_VERSION } from '../db/migrations';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '../services/annotations';
import { createArticle, deleteArticles } from '../services/articles';
import type { AppContext } from '../services/context';
import { describeChange } from '../services/history';
import { cancelImport, commitImport, importStatus, startImport, uploadImportFiles } from '../services/import';
import { exportReport } from '../services/report';
import { removeSample } from '../services/sample';
import { scoreEvidence, scoreSeries } from '../services/score';

export type Handler<K extends OperationName> = (input: OpParsedInput<K>, ctx: AppContext) => OpOutput<K> | Promise<OpOutput<K>>;
export type HandlerMap = { [K in keyof Contract]: Handler<K> };

export const handlers = {
  'workspace:info': (_input, ctx) => {
    const counts = countArticles(ctx.workspace.db);
    return {
      path: ctx.workspace.path,
      schemaVersion: SCHEMA_VERSION,
      articleCount: counts.all,
      annotationCount: countAnnotations(ctx.workspace.db),
      sampleArticleCount: counts.sample,
    };
  },
  'articles:list': (input, ctx) => listArticles(ctx.workspace.db, input),
  'articles:get': (input, ctx) => {
    const article = getArticle(ctx.workspace.db, input.id);
    if (!article) throw new ApiError('NOT_FOUND', `There is no article with id ${input.id}; it may have been deleted.`);
    return article;
  },
  'articles:create': (input, ctx) => createArticle(ctx, input),
  'articles:delete': (input, ctx) => ({ deletedAnnotations: deleteArticles(ctx, [input.id]) }),
  'sample:remove': (_input, ctx) => ({ deletedArticles: removeSample(ctx) }),
  'actors:list': (_input, ctx) => listActors(ctx.workspace.db),
  'relationships:list': (_input, ctx) => listRelationships(ctx.workspace.db),
  'codebook:list': (_input, ctx) => listCodes(ctx.workspace.db),
  'annotations:list': (input, ctx) => {
    if (!getArticle(ctx.workspace.db, input.articleId)) {
      throw new ApiError('NOT_FOUND', `There is no article with id ${input.articleId}; it may have been deleted.`);
    }
    return listAnnotationsForArticle(ctx.workspace.db, input.articleId);
  },
  'annotations:create': (input, ctx) => createAnnotation(ctx, input),
  'annotations:update': (input, ctx) => updateAnnotation(ctx, input),
  'annotations:delete': (input, ctx) => {
    deleteAnnotation(ctx, input.id);
    return { id: input.id };
  },
  'score:series': (input, ctx) => scoreSeries(ctx, input),
  'score:evidence': (input, ctx) => scoreEvidence(ctx, input),
  'report:export': (input, ctx) => exportReport(ctx, input),
  'history:list': (input, ctx) => recentChanges(ctx.workspace.db, input.limit).map(describeChange),
  // import
  'import:upload': (input, ctx) => uploadImportFiles(ctx, input),
  'import:start': (input, ctx) => startImport(ctx, input),
  'import:status': (input, ctx) => importStatus(ctx, input),
  'import:cancel': (input, ctx) => cancelImport(ctx, input),
  'import:commit': (input, ctx) => commitImport(ctx, input),
} satisfies HandlerMap;
