/** Operations of assisted coding (issue 17): suggestions, their answers, their measured quality. */
import { z } from 'zod';
import { Annotation, Id } from './schemas';
import { AnnotationCreateInput } from './inputs';

export const Suggestion = z.object({
  /** Stable within an article's text: article, span and code. */
  key: z.string(),
  articleId: Id,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  exact: z.string(),
  codeId: Id,
  sourceActorId: Id.nullable(),
  targetActorId: Id.nullable(),
  /** A country the dictionary names that the workspace has no actor for (add it to accept). */
  newActor: z.object({ code: z.string(), name: z.string() }).nullable(),
  confidence: z.number(),
  evidence: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const CodeQuality = z.object({
  codeId: Id,
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  /** Held-out sentences with this code (the measure means little below a handful). */
  support: z.number().int(),
  threshold: z.number(),
});
export type CodeQuality = z.infer<typeof CodeQuality>;

const SuggestionAnswer = z
  .object({ articleId: Id, start: z.number().int().nonnegative(), end: z.number().int().positive(), codeId: Id })
  .strict();

export const BatchStatus = z.object({
  jobId: z.string(),
  phase: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Articles read so far, of `total`. */
  done: z.number().int(),
  total: z.number().int(),
  /** Articles read, and those no longer there (deleted meanwhile). */
  articles: z.number().int(),
  missing: z.number().int(),
  /** Suggestions found so far. */
  found: z.number().int(),
  /** Best first; null while the batch runs. */
  items: z.array(Suggestion).nullable(),
  error: z.string().nullable(),
});
export type BatchStatus = z.infer<typeof BatchStatus>;

const BatchJobInput = z.object({ jobId: z.string().min(1).max(100) }).strict();

export const suggestOperations = {
  'suggestions:list': { input: z.object({ articleId: Id }).strict(), output: z.array(Suggestion) },
  /** Accept as a tag by the analyst (any code, span and direction the analyst adjusted), marked in history as from a suggestion. */
  'suggestions:accept': { input: AnnotationCreateInput, output: Annotation },
  'suggestions:reject': {
    input: SuggestionAnswer.extend({ sourceActorId: Id.nullable(), targetActorId: Id.nullable() }).strict(),
    output: z.object({ id: Id }),
  },
  'suggestions:quality': { input: z.object({}).strict(), output: z.object({ trainedOn: z.number().int(), codes: z.array(CodeQuality) }) },
  'suggestions:set-threshold': { input: z.object({ codeId: Id, threshold: z.number().min(0).max(1) }).strict(), output: CodeQuality },
  /** Starts the library's batch as a job of the server (a running one is cancelled). */
  'suggestions:batch-start': { input: z.object({ articleIds: z.array(Id).min(1).max(20_000) }).strict(), output: BatchStatus },
  /** Progress; the suggestions, best first, once the batch has stopped. */
  'suggestions:batch-status': { input: BatchJobInput, output: BatchStatus },
  /** Stops the batch within milliseconds; what it found so far is kept. */
  'suggestions:batch-cancel': { input: BatchJobInput, output: BatchStatus },
} as const;
