/**
 * The one API contract. Every operation the renderer may ask for is declared
 * here once, with a zod schema for its input and one for its output. main/
 * implements a handler for each (checked with `satisfies`); both transports
 * (Electron IPC and browser mode's loopback HTTP) serve exactly these.
 */
import { z } from 'zod';
import {
  Actor,
  Annotation,
  Article,
  ArticleSummary,
  Code,
  Evidence,
  HalfLifeDays,
  HistoryEntry,
  Id,
  IsoDate,
  MAX_NOTE_CHARS,
  MAX_TITLE_CHARS,
  Relationship,
  ReportFormat,
  ScoreSeriesResult,
} from './schemas';
import {
  ImportCancelInput,
  ImportCommitInput,
  ImportStartInput,
  ImportStatus,
  ImportStatusInput,
  ImportUploadInput,
} from './importSchemas';

const Empty = z.object({}).strict();
const ByIdInput = z.object({ id: Id }).strict();

const shortText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is longer than ${max.toLocaleString('en')} characters`);

export const ArticleCreateInput = z
  .object({
    title: shortText('The title', MAX_TITLE_CHARS).min(1, 'The title is empty'),
    outlet: shortText('The outlet', 200).default(''),
    author: shortText('The author', 300).default(''),
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((u) => u === '' || /^https?:\/\/\S+$/i.test(u), 'The URL must start with http:// or https://')
      .default(''),
    publishedOn: IsoDate,
    relationshipId: Id.nullable().default(null),
    // The size limit is checked in the handler so that it can say how large the text was.
    text: z.string(),
  })
  .strict();
export type ArticleCreateInput = z.input<typeof ArticleCreateInput>;

export const ArticleListInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
    sort: z.enum(['date-desc', 'date-asc', 'title', 'outlet', 'tags-desc']).default('date-desc'),
    relationshipId: Id.optional(),
  })
  .strict();

export const AnnotationCreateInput = z
  .object({
    articleId: Id,
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    /** The text the analyst saw selected; refused if the article no longer holds it there. */
    exact: z.string().optional(),
    codeId: Id,
    sourceActorId: Id,
    targetActorId: Id,
    confidence: z.number().min(0).max(1).default(1),
    eventDate: IsoDate.optional(),
    note: z.string().max(MAX_NOTE_CHARS, `The note is longer than ${MAX_NOTE_CHARS} characters`).default(''),
  })
  .strict();
export type AnnotationCreateInput = z.input<typeof AnnotationCreateInput>;

export const AnnotationUpdateInput = z
  .object({
    id: Id,
    codeId: Id.optional(),
    sourceActorId: Id.optional(),
    targetActorId: Id.optional(),
    confidence: z.number().min(0).max(1).optional(),
    eventDate: IsoDate.optional(),
    note: z.string().max(MAX_NOTE_CHARS).optional(),
  })
  .strict();
export type AnnotationUpdateInput = z.input<typeof AnnotationUpdateInput>;

const ScoreInput = z
  .object({
    relationshipId: Id,
    halfLifeDays: HalfLifeDays.default(30),
    /** Defaults: from the first event of the relationship (or 90 days ago) to today. */
    fromDate: IsoDate.optional(),
    toDate: IsoDate.optional(),
  })
  .strict();

export const contract = {
  'workspace:info': {
    input: Empty,
    output: z.object({
      path: z.string(),
      schemaVersion: z.number().int(),
      articleCount: z.number().int(),
      annotationCount: z.number().int(),
      sampleArticleCount: z.number().int(),
    }),
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
    output: z.object({ date: IsoDate, items: z.array(Evidence), total: z.number().int() }),
  },
  'report:export': {
    input: z.object({ relationshipId: Id, format: ReportFormat, halfLifeDays: HalfLifeDays.default(30) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },
  'history:list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(HistoryEntry),
  },
  // import: files are uploaded (in chunks within the request limit), read in the
  // background with progress, reviewed in a table, then saved; all polled by the renderer.
  'import:upload': { input: ImportUploadInput, output: z.object({ jobId: z.string(), received: z.number().int() }) },
  'import:start': { input: ImportStartInput, output: ImportStatus },
  'import:status': { input: ImportStatusInput, output: ImportStatus },
  'import:cancel': { input: ImportCancelInput, output: ImportStatus },
  'import:commit': { input: ImportCommitInput, output: ImportStatus },
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
