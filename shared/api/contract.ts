/**
 * The one API contract. Every operation the renderer may ask for is declared
 * here once, with a zod schema for its input and one for its output. main/
 * implements a handler for each (checked with `satisfies`); both transports
 * (Electron IPC and browser mode's loopback HTTP) serve exactly these.
 */
import { z } from 'zod';
import { backupDiffOps } from './backupDiff';
import { marksSettingsOps } from './marksSettings';
import { agreementOperations } from './agreement';
import {
  Actor,
  Annotation,
  Article,
  ArticleSummary,
  Bucket,
  Code,
  Evidence,
  Figures,
  Grade,
  GradeFactor,
  OutletReliability,
  ScoreEventRecord,
  ScoreMarks,
  HalfLifeDays,
  HistoryState,
  HistoryStep,
  Id,
  IsoDate,
  Relationship,
  ReportFormat,
  ScoreSeriesResult,
} from './schemas';
import {
  BackupInfo,
  BackupSettings,
  ExportedFile,
  ExportFileInput,
  ImportFileInput,
  ImportSummary,
  MergeConflict,
  RestorePreview,
  WorkspaceCounts,
} from './exchange';
import {
  ImportCancelInput,
  ImportCommitInput,
  ImportStartInput,
  ImportStatus,
  ImportStatusInput,
  ImportUploadInput,
} from './importSchemas';
import { settingConflictOperations } from './settingConflicts';
import { deskOperations } from './desk';
import { deskWindowOperations } from './deskWindow';
import { deskCarryOperations } from './deskCarry';
import {
  Empty,
  SnippetPart,
  ByIdInput,
  shortText,
  ArticleCreateInput,
  ArticleListInput,
  AnnotationCreateInput,
  AnnotationUpdateInput,
  CodeCreateInput,
  CodeUpdateInput,
  ActorCode,
  AliasText,
  ScoreInput,
} from './inputs';
import { suggestOperations } from './suggest';
import { codingLoopOps } from './codingLoop';

export const contract = {
  'workspace:info': {
    input: Empty,
    output: z.object({
      path: z.string(),
      schemaVersion: z.number().int(),
      articleCount: z.number().int(),
      annotationCount: z.number().int(),
      sampleArticleCount: z.number().int(),
      recovery: z.object({ damagedPath: z.string(), reason: z.string(), atMs: z.number().int() }).nullable(),
      /** The workspace file cannot be written: open read-only, every write refused with READ_ONLY. */
      readOnly: z.boolean(),
    }),
  },
  /** After a damaged workspace was set aside: the newest backup that can replace it, or null. */
  'workspace:recovery-backup': {
    input: Empty,
    output: z.object({ backup: BackupInfo, counts: WorkspaceCounts }).nullable(),
  },
  'workspace:salvage': {
    input: Empty,
    output: z.object({ tables: z.array(z.object({ table: z.string(), copied: z.number().int(), unreadable: z.number().int() })) }),
  },
  'articles:list': {
    input: ArticleListInput,
    output: z.object({ items: z.array(ArticleSummary), total: z.number().int() }),
  },
  'articles:get': { input: ByIdInput, output: Article },
  'articles:create': { input: ArticleCreateInput, output: ArticleSummary },
  'articles:delete': { input: ByIdInput, output: z.object({ deletedAnnotations: z.number().int() }) },
  'sample:remove': { input: Empty, output: z.object({ deletedArticles: z.number().int() }) },
  'actors:list': { input: Empty, output: z.array(Actor) },
  'relationships:list': { input: Empty, output: z.array(Relationship) },
  'codebook:list': { input: Empty, output: z.array(Code) },
  'annotations:list': { input: z.object({ articleId: Id }).strict(), output: z.array(Annotation) },
  'annotations:create': { input: AnnotationCreateInput, output: Annotation },
  'annotations:update': { input: AnnotationUpdateInput, output: Annotation },
  'annotations:delete': { input: ByIdInput, output: z.object({ id: Id }) },
  'score:series': { input: ScoreInput, output: ScoreSeriesResult },
  'score:evidence': {
    input: z
      .object({
        relationshipId: Id,
        date: IsoDate,
        halfLifeDays: HalfLifeDays.default(30),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.object({
      date: IsoDate,
      items: z.array(Evidence),
      /** How many scored items (passages or events) weigh on the day. */
      total: z.number().int(),
      figures: Figures,
      /** What the items not listed add (too old to list, or beyond the limit): the table adds up to `figures`. */
      rest: z.object({
        count: z.number().int(),
        ab: z.object({ R: z.number(), A: z.number() }),
        ba: z.object({ R: z.number(), A: z.number() }),
      }),
    }),
  },
  'report:export': {
    input: z.object({ relationshipId: Id, format: ReportFormat, halfLifeDays: HalfLifeDays.default(30) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },
  // export — the analyst brief and data exports, import and merge, backups (shapes in ./exchange.ts)
  'export:file': { input: ExportFileInput, output: ExportedFile },
  'export:import': { input: ImportFileInput, output: ImportSummary },
  'export:conflicts': { input: Empty, output: z.array(MergeConflict) },
  'export:resolve-conflict': {
    input: z.object({ id: Id, keep: z.enum(['ours', 'theirs', 'both']) }).strict(),
    output: z.object({ remaining: z.number().int() }),
  },
  'export:analyst': {
    input: z.object({ name: z.string().trim().max(200).optional() }).strict(),
    output: z.object({ name: z.string() }),
  },
  'backup:list': { input: Empty, output: z.object({ dir: z.string(), items: z.array(BackupInfo), settings: BackupSettings }) },
  'backup:create': { input: Empty, output: BackupInfo },
  'backup:settings': { input: BackupSettings.partial().strict(), output: BackupSettings },
  'backup:preview-restore': { input: z.object({ fileName: z.string() }).strict(), output: RestorePreview },
  'backup:restore': {
    input: z.object({ fileName: z.string(), confirm: z.literal(true) }).strict(),
    output: z.object({ restored: BackupInfo, savedAs: BackupInfo }),
  },
  // end export
  // score
  'score:buckets': {
    input: z
      .object({
        relationshipId: Id,
        unit: z.enum(['week', 'month']).default('month'),
        direction: z.enum(['both', 'ab', 'ba']).default('both'),
        fromDate: IsoDate.optional(),
        toDate: IsoDate.optional(),
      })
      .strict(),
    output: z.object({ unit: z.enum(['week', 'month']), codes: z.array(z.string()), buckets: z.array(Bucket) }),
  },
  'score:marks': {
    input: z
      .object({
        relationshipId: Id,
        halfLifeDays: HalfLifeDays.default(30),
        /** A threat answered by a threat the other way within this many days is reciprocated. */
        windowDays: z.number().int().min(0).max(3650).default(14),
        thresholds: z.array(z.number().min(-1000).max(1000)).max(20).default([-5, 5]),
        metric: z.enum(['M', 'R', 'index']).default('M'),
      })
      .strict(),
    output: ScoreMarks,
  },
  'reliability:list': {
    input: Empty,
    output: z.object({ grades: z.array(GradeFactor), outlets: z.array(OutletReliability) }),
  },
  'reliability:set-factor': {
    input: z
      .object({ grade: Grade, factor: z.number().min(0, 'A factor lies between 0 and 1').max(1, 'A factor lies between 0 and 1') })
      .strict(),
    output: GradeFactor,
  },
  'outlets:grade': {
    input: z.object({ outlet: z.string().trim().min(1, 'The outlet is empty').max(200), grade: Grade.nullable() }).strict(),
    output: OutletReliability,
  },
  'events:group': {
    input: z
      .object({
        annotationIds: z.array(Id).min(2, 'Select at least two passages').max(500),
        codeId: Id.optional(),
        eventDate: IsoDate.optional(),
      })
      .strict(),
    output: ScoreEventRecord,
  },
  'events:ungroup': {
    input: z.object({ eventId: Id }).strict(),
    output: z.object({ eventId: Id, annotationIds: z.array(Id) }),
  },
  // end score
  // coding
  'history:state': { input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), output: HistoryState },
  'history:undo': { input: Empty, output: HistoryStep },
  'history:redo': { input: Empty, output: HistoryStep },
  'search:query': {
    input: z
      .object({
        text: z.string().max(500, 'The search is longer than 500 characters'),
        limit: z.number().int().min(1).max(100).default(20),
        includeNotes: z.boolean().default(true),
      })
      .strict(),
    output: z.object({
      query: z.string(),
      articles: z.array(
        z.object({
          articleId: Id,
          title: z.array(SnippetPart),
          outlet: z.string(),
          publishedOn: IsoDate,
          snippet: z.array(SnippetPart),
          term: z.string().nullable(),
        }),
      ),
      notes: z.array(z.object({ annotationId: Id, articleId: Id, articleTitle: z.string(), snippet: z.array(SnippetPart) })),
      /** True while a desk pull's articles are still being added to the search index (results may be missing). */
      incomplete: z.boolean().optional(),
    }),
  },
  'codebook:create': { input: CodeCreateInput, output: Code },
  'codebook:update': { input: CodeUpdateInput, output: Code },
  'codebook:merge': {
    input: z.object({ fromId: Id, intoId: Id }).strict(),
    output: z.object({ into: Code, movedAnnotations: z.number().int() }),
  },
  'codebook:delete': { input: ByIdInput, output: z.object({ id: Id }) },
  'codebook:export': { input: Empty, output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }) },
  'codebook:import': {
    input: z.object({ content: z.string().max(5_000_000, 'The codebook file is larger than 5 MB') }).strict(),
    output: z.object({ added: z.number().int(), updated: z.number().int() }),
  },
  'actors:create': {
    input: z
      .object({
        code: ActorCode,
        name: shortText('The name', 200).min(1, 'The name is empty'),
        aliases: z.array(AliasText).max(200).default([]),
      })
      .strict(),
    output: Actor,
  },
  'actors:update': {
    input: z
      .object({ id: Id, code: ActorCode.optional(), name: shortText('The name', 200).min(1, 'The name is empty').optional() })
      .strict(),
    output: Actor,
  },
  'actors:add-alias': { input: z.object({ actorId: Id, alias: AliasText }).strict(), output: Actor },
  'actors:remove-alias': { input: z.object({ actorId: Id, alias: z.string() }).strict(), output: Actor },
  'relationships:create': { input: z.object({ actorAId: Id, actorBId: Id }).strict(), output: Relationship },
  'articles:outlets': { input: Empty, output: z.array(z.object({ outlet: z.string(), count: z.number().int() })) },
  'articles:update-text': {
    input: z
      .object({
        id: Id,
        text: z.string(),
        /** The content hash the analyst started from; refused if the text changed meanwhile. */
        expectedHash: z.string().optional(),
      })
      .strict(),
    output: z.object({
      article: Article,
      unchanged: z.boolean(),
      /** How each annotation was placed again; orphaned ones are kept with their quote. */
      position: z.number().int(),
      exact: z.number().int(),
      fuzzy: z.number().int(),
      orphaned: z.number().int(),
    }),
  },
  // end coding
  // import: files are uploaded (in chunks within the request limit), read in the
  // background with progress, reviewed in a table, then saved; all polled by the renderer.
  'import:upload': { input: ImportUploadInput, output: z.object({ jobId: z.string(), received: z.number().int() }) },
  'import:start': { input: ImportStartInput, output: ImportStatus },
  'import:status': { input: ImportStatusInput, output: ImportStatus },
  'import:cancel': { input: ImportCancelInput, output: ImportStatus },
  'import:commit': { input: ImportCommitInput, output: ImportStatus },
  ...backupDiffOps,
  ...marksSettingsOps,
  ...suggestOperations,
  ...codingLoopOps,
  ...agreementOperations,
  ...settingConflictOperations,
  ...deskOperations,
  ...deskWindowOperations,
  ...deskCarryOperations,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type OpInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type OpParsedInput<K extends OperationName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OperationName> = z.output<Contract[K]['output']>;

export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
