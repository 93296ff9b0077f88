/**
 * The library's batch as a job of the server: it reads the articles in
 * slices of a few milliseconds and yields to the event loop between them, so
 * the interface's requests keep being answered, progress can be asked at any
 * time, and a cancel stops it at the end of the current slice (within the
 * slice's budget, not after a chunk of articles).
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { BatchStatus, Suggestion } from '../../../shared/api/suggest';
import type { AppContext } from '../context';
import { suggestForArticle, suggestionConfig } from './service';

interface BatchJob {
  id: string;
  ctx: AppContext;
  ids: readonly number[];
  done: number;
  articles: number;
  missing: number;
  items: Suggestion[];
  phase: BatchStatus['phase'];
  error: string | null;
  finished: Promise<void>;
}

const jobs = new Map<string, BatchJob>();
const KEPT = 5;
/** How long one slice may read before it yields (ms). */
const SLICE_MS = 12;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function status(job: BatchJob): BatchStatus {
  const over = job.phase !== 'running';
  return {
    jobId: job.id,
    phase: job.phase,
    done: job.done,
    total: job.ids.length,
    articles: job.articles,
    missing: job.missing,
    found: job.items.length,
    items: over ? job.items : null,
    error: job.error,
  };
}

async function run(job: BatchJob): Promise<void> {
  // One configuration for the whole batch: codebook, actors and model as they are at the start.
  const cfg = suggestionConfig(job.ctx);
  try {
    while (job.done < job.ids.length && job.phase === 'running') {
      const until = performance.now() + SLICE_MS;
      do {
        const id = job.ids[job.done];
        if (id === undefined) break; // done < ids.length
        // The batch reads directions from the event verb alone: the sentence analysis would cost it two thirds of its rate.
        const got = suggestForArticle(job.ctx, id, 'verb', cfg);
        if (got) {
          job.items.push(...got);
          job.articles++;
        } else job.missing++;
        job.done++;
      } while (job.done < job.ids.length && performance.now() < until);
      await yieldToLoop();
    }
    if (job.phase === 'running') job.phase = 'done';
    job.items.sort((a, b) => b.confidence - a.confidence);
  } catch (e) {
    job.phase = 'failed';
    job.error = `The batch stopped after ${job.done} of ${job.ids.length} articles: ${(e as Error).message}`;
  }
}

/** Starts a batch over the articles; a batch of this workspace still running is cancelled (the dialog runs one). */
export function startBatch(ctx: AppContext, articleIds: readonly number[]): BatchStatus {
  for (const j of jobs.values()) if (j.ctx === ctx && j.phase === 'running') j.phase = 'cancelled';
  if (jobs.size >= KEPT) {
    for (const [id, j] of jobs)
      if (j.phase !== 'running') {
        jobs.delete(id);
        if (jobs.size < KEPT) break;
      }
  }
  const job: BatchJob = {
    id: randomUUID(),
    ctx,
    ids: [...new Set(articleIds)],
    done: 0,
    articles: 0,
    missing: 0,
    items: [],
    phase: 'running',
    error: null,
    finished: Promise.resolve(),
  };
  jobs.set(job.id, job);
  job.finished = run(job);
  return status(job);
}

function getBatch(ctx: AppContext, jobId: string): BatchJob {
  const job = jobs.get(jobId);
  if (!job || job.ctx !== ctx)
    throw new ApiError('NOT_FOUND', 'This batch of suggestions is no longer known (Parley may have been restarted). Start it again.');
  return job;
}

export const batchStatus = (ctx: AppContext, jobId: string): BatchStatus => status(getBatch(ctx, jobId));

/** Stops the batch at the end of its current slice; what it found so far is kept for review. */
export function cancelBatch(ctx: AppContext, jobId: string): BatchStatus {
  const job = getBatch(ctx, jobId);
  if (job.phase === 'running') {
    job.phase = 'cancelled';
    job.items.sort((a, b) => b.confidence - a.confidence);
  }
  return status(job);
}

/** Settles when the batch has stopped (done, cancelled or failed): for the benchmark and tests. */
export async function batchFinished(ctx: AppContext, jobId: string): Promise<BatchStatus> {
  const job = getBatch(ctx, jobId);
  await job.finished;
  return status(job);
}
