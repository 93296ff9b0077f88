/** Shapes of the export, import, backup and merge operations (used by the `// export` block of contract.ts). */
import { z } from 'zod';
import { HalfLifeDays, Id, IsoDate } from './schemas';

export const EXPORT_FORMATS = [
  'brief-html',
  'brief-pdf',
  'brief-docx',
  'brief-md',
  'quotes-csv',
  'events-csv',
  'series-csv',
  'annotations-jsonld',
  'qdpx',
  'qdc',
] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);

/** What each format cannot carry back into Parley, said in the export dialog before the file is written. */
export const FORMAT_LIMITS: Record<(typeof EXPORT_FORMATS)[number], string> = {
  'brief-html': 'A report to read: it cannot be merged back.',
  'brief-pdf': 'A report to read: it cannot be merged back.',
  'brief-docx': 'A report to read: it cannot be merged back.',
  'brief-md': 'A report to read: it cannot be merged back.',
  'quotes-csv': 'One row per passage: no source texts and no codebook, so it cannot be merged back. Sum scores over distinct event ids.',
  'events-csv': 'One row per scored event as the score counts it: no quotes or texts, so it cannot be merged back.',
  'series-csv': 'The daily figures only.',
  'annotations-jsonld':
    'Carries everything the score depends on for this selection (texts, codes and weights, grades and factors, event groups); codes and outlets not used by it are left out.',
  qdpx: 'Carries everything the score depends on; direction, confidence, weights, grades and event groups ride in [parley …] lines of the descriptions, which other QDA programs show as text and cannot use.',
  qdc: 'The codebook alone (with weights in its descriptions): no passages, grades or events.',
};
export type ExportFormat = z.infer<typeof ExportFormat>;

export const BriefOptions = z
  .object({
    relationshipId: Id,
    halfLifeDays: HalfLifeDays.default(30),
    /** Defaults: from the first selected event (or 90 days before the end) to today. */
    fromDate: IsoDate.optional(),
    toDate: IsoDate.optional(),
    /** Only these codes (a top-level code selects its subtypes too); all when absent. */
    codeIds: z.array(Id).max(1000).optional(),
    /** Only annotations whose source actor is one of these; all when absent. */
    actorIds: z.array(Id).max(1000).optional(),
    articleIds: z.array(Id).max(200_000).optional(),
    groupBy: z.enum(['code', 'date']).default('code'),
    /** The analyst named on the title page; the workspace's analyst when absent. */
    analyst: z.string().trim().max(200).optional(),
    keyEventCount: z.number().int().min(0).max(50).default(5),
  })
  .strict();
export type BriefOptions = z.input<typeof BriefOptions>;
export type ParsedBriefOptions = z.output<typeof BriefOptions>;

export const ExportFileInput = BriefOptions.extend({ format: ExportFormat }).strict();

export const ExportedFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** Text formats come as UTF-8 text, binary ones (PDF, DOCX, QDPX) as base64. */
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

/** The HTTP transport accepts 24 MB bodies; base64 inflates by a third. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/** File names the exchange reader takes (the import dialog, a drop on the window and the CLI route them here). */
export const EXCHANGE_EXTENSIONS = ['.qdpx', '.qdc', '.jsonld', '.sqlite', '.parley'] as const;

export function isExchangeFileName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return EXCHANGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export const ImportFileInput = z
  .object({
    fileName: z.string().max(500),
    contentBase64: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, 'The file is larger than 16 MB. Use the command line for it.'),
    /** Who coded what is in the file; this names the colleague when the file does not. */
    analyst: z.string().trim().max(200).optional(),
  })
  .strict();

export const ImportSummary = z.object({
  articlesAdded: z.number().int(),
  articlesMatched: z.number().int(),
  annotationsAdded: z.number().int(),
  annotationsDuplicate: z.number().int(),
  conflicts: z.number().int(),
  codesAdded: z.number().int(),
  /** Names of the codes added to the codebook (first 50; codesAdded counts them all). */
  codeNames: z.array(z.string()),
  /** Shared settings taken from the file (weights, grades, factors), said one per line. */
  settingsTaken: z.array(z.string()),
  /** Differences in shared settings and event groups left for the analyst (setting-conflicts:list). */
  settingConflicts: z.number().int(),
  events: z.number().int(),
  skipped: z.array(z.string()),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const BackupInfo = z.object({
  fileName: z.string(),
  path: z.string(),
  sizeBytes: z.number().int(),
  createdAtMs: z.number().int(),
  kind: z.enum(['manual', 'daily', 'pre-restore', 'kept']),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupSettings = z.object({
  keepDaily: z.number().int().min(1).max(365),
  autoDaily: z.boolean(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const WorkspaceCounts = z.object({
  articles: z.number().int(),
  annotations: z.number().int(),
  codes: z.number().int(),
  lastChangeAtMs: z.number().int().nullable(),
  schemaVersion: z.number().int(),
});

export const RestorePreview = z.object({
  backup: BackupInfo,
  current: WorkspaceCounts,
  replacement: WorkspaceCounts,
});

export const MergeConflict = z.object({
  id: Id,
  reason: z.string(),
  origin: z.string(),
  articleTitle: z.string(),
  ours: z.object({
    annotationId: Id,
    code: z.string(),
    direction: z.string(),
    note: z.string(),
    confidence: z.number(),
    eventDate: z.string(),
    analyst: z.string(),
  }),
  theirs: z.object({
    annotationId: Id,
    code: z.string(),
    direction: z.string(),
    note: z.string(),
    confidence: z.number(),
    eventDate: z.string(),
    analyst: z.string(),
  }),
  exact: z.string(),
});
export type MergeConflict = z.infer<typeof MergeConflict>;
