/** Shapes of the import operations (issue 5): files in, a review table, then saving. */
import { z } from 'zod';
import { Id, IsoDate, MAX_TITLE_CHARS } from './schemas';

/**
 * Largest file Parley reads: 16 MB. Larger files are listed as too large without
 * being read. It also keeps one file, sent as base64 from the browser, inside
 * the 24 MB request limit of browser mode.
 */
export const MAX_IMPORT_FILE_BYTES = 16 * 1024 * 1024;
/** How many bytes of files the renderer packs into one upload request. */
export const MAX_UPLOAD_CHUNK_BYTES = 12 * 1024 * 1024;

export const UploadFile = z
  .object({
    name: z.string().min(1).max(1000),
    /** Size of the file on disk; files over the limit are sent without data. */
    size: z.number().int().nonnegative(),
    lastModifiedMs: z.number().int().nonnegative().optional(),
    dataBase64: z.string().nullable(),
  })
  .strict();
export type UploadFile = z.infer<typeof UploadFile>;

export const ImportItemStatus = z.enum(['ready', 'duplicate', 'conflict', 'failed', 'saved', 'skipped', 'cancelled']);
export type ImportItemStatus = z.infer<typeof ImportItemStatus>;

/**
 * For a file like an article already saved: skip it, keep both, replace the old article (refused when it has
 * tags), put this file's text into the old article (tags re-anchored), or merge (the old article and its tags
 * kept, its missing headline, outlet, author or URL taken from this file).
 */
export const ImportDecision = z.enum(['import', 'skip', 'keep-both', 'replace', 'replace-text', 'merge']);
export type ImportDecision = z.infer<typeof ImportDecision>;

/**
 * Whether a file of the review table is saved with this decision: a ready one unless skipped, a look-alike only once
 * the analyst has chosen (null or undefined: still "Choose…") something other than skip. The save and the table's
 * Save button count alike.
 */
export function willSave(status: ImportItemStatus, decision: ImportDecision | null | undefined): boolean {
  if (status === 'ready') return decision !== 'skip';
  return status === 'conflict' && decision !== null && decision !== undefined && decision !== 'skip';
}

export const ImportItem = z.object({
  id: z.number().int().nonnegative(),
  fileName: z.string(),
  format: z.string(),
  status: ImportItemStatus,
  /** Why the file was not imported, in words an analyst understands. */
  reason: z.string(),
  title: z.string(),
  outlet: z.string(),
  author: z.string(),
  url: z.string(),
  /** YYYY-MM-DD, or '' while the date is unknown. */
  publishedOn: z.string(),
  /**
   * True when neither the document's metadata nor its opening lines give a date: publishedOn stays ''
   * and the file is not saved until the analyst sets a date or accepts the import date (acceptImportDate).
   */
  dateUnknown: z.boolean(),
  wordCount: z.number().int().nonnegative(),
  preview: z.string(),
  /** The article already in the workspace with the same URL or title (status conflict) or text (duplicate). */
  existing: z.object({ id: Id, title: z.string(), publishedOn: z.string() }).nullable(),
  /** How the text differs from the near-duplicate it matches (the article in existing, or another file of this import). */
  nearDuplicate: z
    .object({
      similarity: z.number(),
      otherFile: z.string().nullable(),
      onlyHere: z.array(z.string()),
      onlyThere: z.array(z.string()),
    })
    .nullable(),
  articleId: Id.nullable(),
});
export type ImportItem = z.infer<typeof ImportItem>;

export const ImportPhase = z.enum(['receiving', 'reading', 'review', 'saving', 'done']);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportStatus = z.object({
  jobId: z.string(),
  phase: ImportPhase,
  cancelled: z.boolean(),
  total: z.number().int(),
  /** Files read (phase reading) or saved (phase saving) so far. */
  processed: z.number().int(),
  currentFile: z.string(),
  /** Estimated milliseconds left in the current phase; null until it can be estimated. */
  timeLeftMs: z.number().nullable(),
  counts: z.record(ImportItemStatus, z.number().int()),
  /** Present when asked for with includeItems. */
  items: z.array(ImportItem).optional(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

const JobId = z.string().regex(/^imp-[0-9a-z-]+$/, 'is not an import id');

export const ImportUploadInput = z.object({ jobId: JobId.optional(), files: z.array(UploadFile).min(1).max(5000) }).strict();
export const ImportStartInput = z.object({ jobId: JobId, relationshipId: Id.nullable().default(null) }).strict();
export const ImportStatusInput = z.object({ jobId: JobId, includeItems: z.boolean().default(false) }).strict();
export const ImportCancelInput = z.object({ jobId: JobId }).strict();

export const ImportEdit = z
  .object({
    itemId: z.number().int().nonnegative(),
    title: z.string().trim().min(1, 'The title is empty').max(MAX_TITLE_CHARS).optional(),
    outlet: z.string().trim().max(200).optional(),
    author: z.string().trim().max(300).optional(),
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((u) => u === '' || /^https?:\/\/\S+$/i.test(u), 'The URL must start with http:// or https://')
      .optional(),
    publishedOn: IsoDate.optional(),
    /** The analyst's word that an undated file be dated with the day of the import. */
    acceptImportDate: z.literal(true).optional(),
    decision: ImportDecision.optional(),
  })
  .strict();
export type ImportEdit = z.infer<typeof ImportEdit>;

export const ImportCommitInput = z.object({ jobId: JobId, edits: z.array(ImportEdit).max(100_000).default([]) }).strict();
