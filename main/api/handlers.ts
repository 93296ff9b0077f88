import type { Contract, OperationName, OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { listActors, listRelationships } from '../db/actors';
import { countAnnotations, listAnnotationsForArticle } from '../db/annotations';
import { countArticles, getArticle, listArticles, listOutlets } from '../db/articles';
import { listCodes } from '../db/codebook';
import { SCHEMA_VERSION } from '../db/migrations';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '../services/annotations';
import { createArticle, deleteArticles } from '../services/articles';
import type { AppContext } from '../services/context';
import { salvageInto } from '../db/salvage';
import { exportFile, exportReport } from '../services/report';
import {
  backupDir,
  backupSettings,
  createBackup,
  latestGoodBackup,
  listBackups,
  previewRestore,
  restoreBackup,
  saveBackupSettings,
} from '../services/backup';
import { importBytes } from '../services/exchange';
import { settingConflictHandlers } from './settingConflicts';
import { deskHandlers } from './desk';
import { deskWindowHandlers } from './deskWindow';
import { deskCarryHandlers } from './deskCarry';
import { describeConflicts, resolveConflict } from '../services/exchange/merge';
import { ANALYST_SETTING, setSetting, workspaceAnalyst } from '../db/settings';
import { cancelImport, commitImport, importStatus, startImport, uploadImportFiles } from '../services/import';
import { removeSample } from '../services/sample';
import { scoreBuckets, scoreEvidence, scoreMarks, scoreSeries } from '../services/score';
import { gradeOutlet, groupEvent, listReliability, setGradeFactor, ungroupEvent } from '../services/scoreModel';
import { updateArticleText } from '../services/articleText';
import { search } from '../services/search';
import { endRecovery } from '../services/workspace';
import { addAlias, createActor, createRelationship, removeAlias, updateActor } from '../services/actors';
import { createCode, deleteCode, exportCodebook, importCodebook, mergeCodes, updateCode } from '../services/codebook';
import { historyState, redoLast, undoLast } from '../services/undo';
import { backupDiffHandlers } from './backupDiff';
import { marksSettingsHandlers } from './marksSettings';
import { suggestHandlers } from './suggest';
import { codingLoopHandlers } from './codingLoop';
import { agreementHandlers } from './agreement';

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
      recovery: ctx.recovery ?? null,
      readOnly: ctx.workspace.readOnly,
    };
  },
  'workspace:recovery-backup': (_input, ctx) => latestGoodBackup(ctx),
  'workspace:salvage': (_input, ctx) => {
    if (!ctx.recovery) throw new ApiError('NOT_FOUND', 'There is no damaged workspace to salvage from.');
    const report = salvageInto(ctx.workspace.db, ctx.recovery.damagedPath);
    endRecovery(ctx);
    return report;
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
  // export
  'export:file': (input, ctx) => exportFile(ctx, input),
  'export:import': (input, ctx) => importBytes(ctx, input.fileName, Buffer.from(input.contentBase64, 'base64'), input.analyst),
  'export:conflicts': (_input, ctx) => describeConflicts(ctx),
  'export:resolve-conflict': (input, ctx) => {
    resolveConflict(ctx, input.id, input.keep);
    return { remaining: describeConflicts(ctx).length };
  },
  'export:analyst': (input, ctx) => {
    if (input.name !== undefined) setSetting(ctx.workspace.db, ANALYST_SETTING, input.name);
    return { name: workspaceAnalyst(ctx.workspace.db) };
  },
  'backup:list': (_input, ctx) => ({ dir: backupDir(ctx), items: listBackups(ctx), settings: backupSettings(ctx) }),
  'backup:create': (_input, ctx) => createBackup(ctx, 'manual'),
  'backup:settings': (input, ctx) => saveBackupSettings(ctx, { ...backupSettings(ctx), ...input }),
  'backup:preview-restore': (input, ctx) => previewRestore(ctx, input.fileName),
  'backup:restore': async (input, ctx) => {
    const restored = await restoreBackup(ctx, input.fileName);
    // A workspace restored in place of a damaged one's empty replacement is no longer in recovery (the damaged file stays aside).
    endRecovery(ctx);
    return restored;
  },
  // end export
  // score
  'score:buckets': (input, ctx) => scoreBuckets(ctx, input),
  'score:marks': (input, ctx) => scoreMarks(ctx, input),
  'reliability:list': (_input, ctx) => listReliability(ctx),
  'reliability:set-factor': (input, ctx) => setGradeFactor(ctx, input),
  'outlets:grade': (input, ctx) => gradeOutlet(ctx, input),
  'events:group': (input, ctx) => groupEvent(ctx, input),
  'events:ungroup': (input, ctx) => ungroupEvent(ctx, input),
  // end score
  // coding
  'history:state': (input, ctx) => historyState(ctx.workspace.db, input.limit),
  'history:undo': (_input, ctx) => undoLast(ctx),
  'history:redo': (_input, ctx) => redoLast(ctx),
  'articles:update-text': (input, ctx) => updateArticleText(ctx, input),
  'search:query': (input, ctx) => search(ctx, input),
  'articles:outlets': (_input, ctx) => listOutlets(ctx.workspace.db),
  'codebook:create': (input, ctx) => createCode(ctx, input),
  'codebook:update': (input, ctx) => updateCode(ctx, input),
  'codebook:merge': (input, ctx) => mergeCodes(ctx, input),
  'codebook:delete': (input, ctx) => {
    deleteCode(ctx, input.id);
    return { id: input.id };
  },
  'codebook:export': (_input, ctx) => exportCodebook(ctx),
  'codebook:import': (input, ctx) => importCodebook(ctx, input),
  'actors:create': (input, ctx) => createActor(ctx, input),
  'actors:update': (input, ctx) => updateActor(ctx, input),
  'actors:add-alias': (input, ctx) => addAlias(ctx, input),
  'actors:remove-alias': (input, ctx) => removeAlias(ctx, input),
  'relationships:create': (input, ctx) => createRelationship(ctx, input),
  // end coding
  // import
  'import:upload': (input, ctx) => uploadImportFiles(ctx, input),
  'import:start': (input, ctx) => startImport(ctx, input),
  'import:status': (input, ctx) => importStatus(ctx, input),
  'import:cancel': (input, ctx) => cancelImport(ctx, input),
  'import:commit': (input, ctx) => commitImport(ctx, input),
  ...backupDiffHandlers,
  ...marksSettingsHandlers,
  ...suggestHandlers,
  ...codingLoopHandlers,
  ...agreementHandlers,
  ...settingConflictHandlers,
  ...deskHandlers,
  ...deskWindowHandlers,
  ...deskCarryHandlers,
} satisfies HandlerMap;
