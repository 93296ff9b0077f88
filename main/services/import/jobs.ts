/**
 * Import jobs: files are staged (uploaded from the renderer or named on the
 * command line), read one by one in the background with progress, then held
 * for the analyst to review before anything is saved (see save.ts).
 * Reading yields to the event loop after every file, so the interface's
 * requests keep being answered while thousands of files are read.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ImportItem, ImportItemStatus, ImportStatus, UploadFile } from '../../../shared/api/importSchemas';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/api/importSchemas';
import { dayToIso, isoToDay, latestAcceptableDay, localToday } from '../../../shared/domain/dates';
import { wordCount } from '../../../shared/domain/text';
import { articleByHash, lookAlike } from '../../db/importLookups';
import { contentHash } from '../articles';
import type { AppContext } from '../context';
import { ImportRefusal, type ParsedDocument } from './document';
import { createDocumentReader, warmReaders } from './readerPool';
import { extensionOf, tooLargeReason } from './fileKinds';

export interface StagedFile {
  name: string;
  size: number;
  lastModifiedMs?: number | undefined;
  load(): Promise<Uint8Array>;
}

export interface JobItem extends ImportItem {
  text: string;
  hash: string;
  decision: 'import' | 'skip' | 'keep-both' | 'replace' | null;
}

export interface ImportJob {
  id: string;
  ctx: AppContext;
  phase: ImportStatus['phase'];
  cancelled: boolean;
  files: StagedFile[];
  items: JobItem[];
  relationshipId: number | null;
  processed: number;
  total: number;
  currentFile: string;
  phaseStartedMs: number;
  /** When the first file of the phase was done: the time left is estimated from then, past the start-up. */
  firstDoneMs: number | null;
  /** Settles when the current background phase ends. */
  running: Promise<void> | null;
}

const jobs = new Map<string, ImportJob>();
const MAX_KEPT_JOBS = 20;

export function getJob(ctx: AppContext, jobId: string): ImportJob {
  const job = jobs.get(jobId);
  if (!job || job.ctx !== ctx) {
    throw new ApiError('NOT_FOUND', 'This import is no longer known (Parley may have been restarted). Start the import again.');
  }
  return job;
}

export function createJob(ctx: AppContext): ImportJob {
  warmReaders();
  if (jobs.size >= MAX_KEPT_JOBS) {
    // Forget the oldest finished job; a running one is never dropped.
    for (const [id, j] of jobs) {
      if (j.phase === 'done' || j.phase === 'review') {
        jobs.delete(id);
        break;
      }
    }
  }
  const job: ImportJob = {
    id: `imp-${randomUUID()}`,
    ctx,
    phase: 'receiving',
    cancelled: false,
    files: [],
    items: [],
    relationshipId: null,
    processed: 0,
    total: 0,
    currentFile: '',
    phaseStartedMs: Date.now(),
    firstDoneMs: null,
    running: null,
  };
  jobs.set(job.id, job);
  return job;
}

/** Adds files sent by the renderer (base64) to a job that has not started reading. */
export function stageUploads(ctx: AppContext, jobId: string | undefined, files: UploadFile[]): ImportJob {
  const job = jobId ? getJob(ctx, jobId) : createJob(ctx);
  if (job.phase !== 'receiving') throw new ApiError('CONFLICT', 'This import has already started; start a new one to add files.');
  for (const f of files) {
    const bytes = f.dataBase64 === null ? null : Buffer.from(f.dataBase64, 'base64');
    job.files.push({
      name: f.name,
      size: bytes ? bytes.length : f.size,
      lastModifiedMs: f.lastModifiedMs,
      load: async () => {
        if (!bytes) throw new ImportRefusal(f.size > MAX_IMPORT_FILE_BYTES ? tooLargeReason(f.size) : 'This file could not be read.');
        return bytes;
      },
    });
  }
  job.total = job.files.length;
  return job;
}

/** Files named on the command line; folders are walked (hidden files such as .DS_Store are passed over). */
export function stagePaths(ctx: AppContext, paths: string[]): ImportJob {
  const job = createJob(ctx);
  const add = (p: string, relative: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!name.startsWith('.')) add(path.join(p, name), path.join(relative, name));
      return;
    }
    job.files.push({
      name: relative,
      size: stat.size,
      lastModifiedMs: stat.mtimeMs,
      load: async () => {
        if (stat.size > MAX_IMPORT_FILE_BYTES) throw new ImportRefusal(tooLargeReason(stat.size));
        return new Uint8Array(await fs.promises.readFile(p));
      },
    });
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new ApiError('NOT_FOUND', `There is no file or folder at ${p}. Check the path.`);
    add(p, path.basename(p));
  }
  job.total = job.files.length;
  return job;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function blankItem(id: number, file: StagedFile): JobItem {
  return {
    id,
    fileName: file.name,
    format: extensionOf(file.name).toUpperCase() || '?',
    status: 'failed',
    reason: '',
    title: '',
    outlet: '',
    author: '',
    url: '',
    publishedOn: '',
    dateGuessed: false,
    wordCount: 0,
    preview: '',
    existing: null,
    articleId: null,
    text: '',
    hash: '',
    decision: null,
  };
}

/** Starts reading the staged files in the background; the job moves to review when done or cancelled. */
export function startReading(job: ImportJob, relationshipId: number | null): void {
  if (job.phase !== 'receiving') throw new ApiError('CONFLICT', 'This import has already started.');
  if (job.files.length === 0) throw new ApiError('BAD_INPUT', 'There are no files in this import. Add files, then start.');
  job.relationshipId = relationshipId;
  job.phase = 'reading';
  job.phaseStartedMs = Date.now();
  job.firstDoneMs = null;
  job.processed = 0;
  // Nothing awaits a job started from the interface: a failure outside one file's read ends the job instead of the process.
  job.running = readAll(job).catch((err: unknown) => {
    for (const item of job.items)
      if (item.status === 'ready' || item.status === 'conflict') {
        item.status = 'failed';
        item.reason = `Not read: ${(err as Error).message}. Nothing was saved; start the import again.`;
      }
    job.files = [];
    job.phase = 'done';
  });
}

async function readAll(job: ImportJob): Promise<void> {
  const seenHashes = new Map<string, JobItem>();
  const today = localToday(job.ctx.now());
  const latest = latestAcceptableDay(job.ctx.now());
  const reader = createDocumentReader({ files: job.files.length, bytes: job.files.reduce((n, f) => n + f.size, 0) });
  const read = (file: StagedFile): Promise<ParsedDocument> => file.load().then((bytes) => reader.read(file.name, bytes));
  // A window of files in flight; results are taken in order so duplicates are found as in a serial read.
  const inFlight = new Map<number, Promise<ParsedDocument>>();
  const launch = (i: number) => {
    const file = job.files[i];
    if (!file || job.cancelled || inFlight.has(i)) return;
    const p = read(file);
    p.catch(() => {}); // handled when its turn comes
    inFlight.set(i, p);
  };
  try {
    for (let i = 0; i < job.files.length; i++) {
      const file = job.files[i]!;
      const item = blankItem(i, file);
      job.items.push(item);
      for (let k = i; k < i + reader.concurrency; k++) launch(k);
      const pending = inFlight.get(i);
      inFlight.delete(i);
      if (!pending) {
        item.status = 'cancelled';
        item.reason = 'Not read: the import was cancelled.';
        continue;
      }
      job.currentFile = file.name;
      try {
        const doc = await pending;
        item.format = doc.format;
        item.title = doc.title;
        item.outlet = doc.outlet.slice(0, 200);
        item.author = doc.author.slice(0, 300);
        item.url = doc.url;
        if (doc.publishedOn && isoToDay(doc.publishedOn) <= latest) item.publishedOn = doc.publishedOn;
        else {
          // No date in the document: the file's own date is the best guess, never later than today.
          const fileDay = file.lastModifiedMs ? Math.floor(file.lastModifiedMs / 86_400_000) : today;
          item.publishedOn = dayToIso(Math.min(fileDay, today));
          item.dateGuessed = true;
        }
        item.text = doc.text;
        item.hash = contentHash(doc.text);
        item.wordCount = wordCount(doc.text);
        item.preview = doc.text.slice(0, 280);
        classify(job, item, seenHashes);
      } catch (err) {
        item.status = 'failed';
        item.reason =
          err instanceof ImportRefusal
            ? err.message
            : `This file could not be read (${(err as Error).message}). The rest of the import went on.`;
      }
      job.processed = i + 1;
      if (i === 0) job.firstDoneMs = Date.now();
      await yieldToEventLoop();
    }
  } finally {
    await Promise.allSettled(inFlight.values());
    await reader.close();
  }
  job.files = []; // the bytes are no longer needed
  job.currentFile = '';
  job.phase = 'review';
  job.phaseStartedMs = Date.now();
}

/** Ready, a duplicate of something already imported, or a look-alike for the analyst to decide on. */
function classify(job: ImportJob, item: JobItem, seenHashes: Map<string, JobItem>): void {
  const db = job.ctx.workspace.db;
  const inBatch = seenHashes.get(item.hash);
  const inWorkspace = articleByHash(db, item.hash);
  if (inWorkspace) {
    item.status = 'duplicate';
    item.existing = { id: inWorkspace.id, title: inWorkspace.title, publishedOn: inWorkspace.publishedOn };
    item.reason = `Already in the workspace as “${inWorkspace.title}” (${inWorkspace.publishedOn}); the same text is not imported twice.`;
    return;
  }
  if (inBatch) {
    item.status = 'duplicate';
    item.reason = `The same text as ${inBatch.fileName} in this import; it is imported once.`;
    return;
  }
  seenHashes.set(item.hash, item);
  const like = lookAlike(db, item.url, item.title, item.hash);
  if (like) {
    item.status = 'conflict';
    item.existing = { id: like.id, title: like.title, publishedOn: like.publishedOn };
    item.reason =
      `The workspace already has an article with the same ${like.by === 'url' ? 'URL' : 'title'} but different text ` +
      `(“${like.title}”, ${like.publishedOn}). Keep both, or replace the old one.`;
    return;
  }
  item.status = 'ready';
}

export function cancelJob(job: ImportJob): void {
  if (job.phase === 'reading' || job.phase === 'saving' || job.phase === 'receiving') job.cancelled = true;
  if (job.phase === 'receiving') {
    job.phase = 'done';
    job.files = [];
  }
}

export function jobStatus(job: ImportJob, includeItems = false): ImportStatus {
  const counts = Object.fromEntries(
    (['ready', 'duplicate', 'conflict', 'failed', 'saved', 'skipped', 'cancelled'] as ImportItemStatus[]).map((s) => [s, 0]),
  ) as Record<ImportItemStatus, number>;
  for (const item of job.items) counts[item.status]++;
  // Workers and readers take a moment to start; the pace after the first file says more about the rest.
  let timeLeftMs: number | null = null;
  if (job.phase === 'reading' && job.firstDoneMs !== null && job.processed > 1) {
    timeLeftMs = Math.round(((Date.now() - job.firstDoneMs) / (job.processed - 1)) * (job.total - job.processed));
  } else if (job.phase === 'saving' && job.processed > 0) {
    timeLeftMs = Math.round(((Date.now() - job.phaseStartedMs) / job.processed) * (job.total - job.processed));
  }
  const status: ImportStatus = {
    jobId: job.id,
    phase: job.phase,
    cancelled: job.cancelled,
    total: job.total,
    processed: job.processed,
    currentFile: job.currentFile,
    timeLeftMs,
    counts,
  };
  if (includeItems) status.items = job.items.map(publicItem);
  return status;
}

function publicItem(item: JobItem): ImportItem {
  // The full text stays in main; the table needs the metadata and a preview.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { text, hash, decision, ...rest } = item;
  return rest;
}
