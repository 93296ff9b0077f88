/** The import service: what the handlers, the command line and the benchmark call. */
import { ApiError } from '../../../shared/api/errors';
import type { OpParsedInput } from '../../../shared/api/contract';
import type { ImportDecision, ImportEdit, ImportStatus } from '../../../shared/api/importSchemas';
import { getRelationship } from '../../db/actors';
import type { AppContext } from '../context';
import { cancelJob, getJob, jobStatus, stagePaths, stageUploads, startReading, type ImportJob } from './jobs';
import { startSaving } from './save';

export function uploadImportFiles(ctx: AppContext, input: OpParsedInput<'import:upload'>): { jobId: string; received: number } {
  const job = stageUploads(ctx, input.jobId, input.files);
  return { jobId: job.id, received: job.files.length };
}

export function startImport(ctx: AppContext, input: OpParsedInput<'import:start'>): ImportStatus {
  const job = getJob(ctx, input.jobId);
  if (input.relationshipId !== null && !getRelationship(ctx.workspace.db, input.relationshipId)) {
    throw new ApiError('NOT_FOUND', `There is no relationship with id ${input.relationshipId}. Pick one from the list.`);
  }
  startReading(job, input.relationshipId);
  return jobStatus(job);
}

export function importStatus(ctx: AppContext, input: OpParsedInput<'import:status'>): ImportStatus {
  return jobStatus(getJob(ctx, input.jobId), input.includeItems);
}

export function cancelImport(ctx: AppContext, input: OpParsedInput<'import:cancel'>): ImportStatus {
  const job = getJob(ctx, input.jobId);
  cancelJob(job);
  return jobStatus(job);
}

export function commitImport(ctx: AppContext, input: OpParsedInput<'import:commit'>): ImportStatus {
  const job = getJob(ctx, input.jobId);
  startSaving(job, input.edits);
  return jobStatus(job);
}

export interface PathImportOptions {
  relationshipId?: number | null;
  /** What to do with files whose URL or title matches an article with other text. */
  onLookAlike?: Exclude<ImportDecision, 'import'>;
  /** Files that give no date: left out (the default), or dated with the day of the import, as the analyst says. */
  onUndated?: 'skip' | 'import-date';
  onProgress?(status: ImportStatus): void;
  /** Set to true to cancel; checked between files. */
  signal?: { cancelled: boolean };
}

/** Reads and saves files and folders without a review step (the command line and the benchmark). */
export async function importPaths(ctx: AppContext, paths: string[], opts: PathImportOptions = {}): Promise<ImportJob> {
  const job = stagePaths(ctx, paths);
  if (job.files.length === 0) return job;
  return runToEnd(job, opts);
}

export async function runToEnd(job: ImportJob, opts: PathImportOptions = {}): Promise<ImportJob> {
  const watch = setInterval(() => {
    if (opts.signal?.cancelled) cancelJob(job);
    opts.onProgress?.(jobStatus(job));
  }, 200);
  try {
    startReading(job, opts.relationshipId ?? null);
    await job.running;
    const decision = opts.onLookAlike ?? 'skip';
    const edits: ImportEdit[] = job.items.filter((i) => i.status === 'conflict').map((i) => ({ itemId: i.id, decision }));
    for (const item of job.items) {
      if (!item.dateUnknown || (item.status !== 'ready' && item.status !== 'conflict')) continue;
      if (opts.onUndated === 'import-date') edits.push({ itemId: item.id, acceptImportDate: true });
      else {
        item.status = 'skipped';
        item.reason = 'Not imported: the file gives no publication date. Add one, or import it again accepting the import date.';
      }
    }
    if (!job.cancelled) {
      startSaving(job, edits);
      await job.running;
    } else {
      job.phase = 'done';
    }
    return job;
  } finally {
    clearInterval(watch);
  }
}

export { jobStatus };
