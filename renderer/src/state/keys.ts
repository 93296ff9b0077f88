/**
 * Query-key factories: every key under which the renderer caches workspace
 * data is built here, and each starts with its family (shared/api/invalidation.ts),
 * so that what a write makes stale (a family, or a prefix of it) reaches exactly
 * these keys. Score keys put the relationship second: one relationship's series,
 * marks, buckets and evidence go stale together, the others' stay.
 */
import type { QueryFamily } from '../../../shared/api/invalidation';
import type { OpInput } from '../../../shared/api/contract';

type Key = readonly [QueryFamily, ...unknown[]];
type LibraryQuery = Omit<OpInput<'articles:list'>, 'limit' | 'offset'>;

export const keys = {
  workspace: () => ['workspace'] as const,
  recoveryBackup: (atMs: number) => ['recovery', atMs] as const,
  /** The first articles in one order, for pickers (the library pages through them with articlePage). */
  articleChoices: (sort: string) => ['articles', 'choices', sort] as const,
  articlePage: (query: LibraryQuery, page: number) => ['articles', 'page', query, page] as const,
  outlets: () => ['articles', 'outlets'] as const,
  article: (id: number) => ['article', id] as const,
  annotations: (articleId: number) => ['annotations', articleId] as const,
  tagsOutside: () => ['tags-outside'] as const,
  codebook: () => ['codebook'] as const,
  codebookUsage: () => ['codebook-usage'] as const,
  actors: () => ['actors'] as const,
  relationships: () => ['relationships'] as const,
  history: () => ['history'] as const,
  search: (text: string) => ['search', text] as const,
  /** Everything cached of one relationship's score (the prefix of the four below). */
  score: (relationshipId: number) => ['score', relationshipId] as const,
  series: (relationshipId: number, halfLife: number) => ['score', relationshipId, 'series', halfLife] as const,
  evidence: (relationshipId: number, date: string, halfLife: number) => ['score', relationshipId, 'evidence', date, halfLife] as const,
  marks: (relationshipId: number, halfLife: number, windowDays: number, thresholds: readonly number[], metric: string) =>
    ['score', relationshipId, 'marks', halfLife, windowDays, thresholds.join(','), metric] as const,
  buckets: (relationshipId: number, unit: string) => ['score', relationshipId, 'buckets', unit] as const,
  reliability: () => ['reliability'] as const,
  marksSettings: (relationshipId: number) => ['marks-settings', relationshipId] as const,
  suggestions: (articleId: number) => ['suggestions', articleId] as const,
  suggestQuality: () => ['suggestions', 'quality'] as const,
  backups: () => ['backups'] as const,
  backupDiff: (fileName: string) => ['backups', 'diff', fileName] as const,
  conflicts: () => ['conflicts'] as const,
  settingConflicts: () => ['conflicts', 'settings'] as const,
  analyst: () => ['analyst'] as const,
  layers: () => ['layers'] as const,
  agreement: (input: OpInput<'agreement:report'>) => ['agreement', input] as const,
  adjudication: (layerB: string) => ['adjudication', layerB] as const,
  deskStatus: () => ['desk', 'status'] as const,
  deskSetting: () => ['desk', 'setting'] as const,
  deskNearDuplicates: () => ['desk-near-duplicates'] as const,
  importStatus: (jobId: string) => ['import', jobId, 'status'] as const,
  /** The status with its items, fetched once in each phase that shows the table. */
  importItems: (jobId: string, phase: string) => ['import', jobId, 'items', phase] as const,
} satisfies Record<string, (...args: never[]) => Key>;
