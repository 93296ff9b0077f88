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
import type { ImportDecision, ImportItem, ImportItemStatus, ImportStatus, UploadFile } from '../../../shared/api/importSchemas';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/api/importSchemas';
import { isoToDay, latestAcceptableDay } from '../../../shared/domain/dates';
import { wordCount } from '../../../shared/domain/text';
import { anyFingerprintMissing, BAND_SLICE_ROWS, fingerprintMissing, moveRecentBands, recentBandsDue } from '../../db/nearDuplicates';
import { contentHash } from '../articles';
import type { AppContext } from '../context';
import { ImportRefusal, type ParsedDocument } from './document';
import { createDocumentReader, warmReaders } from './readerPool';
import { extensionOf, tooLargeReason } from './fileKinds';
import { BatchIndex, classify } from './classify';
import { signatureOf } from '../../../shared/text/fingerprint';

export interface StagedFile {
  name: string;
  size: number;
  lastModifiedMs?: number | undefined;
  /** Where the file is on disk, when it is there: the reader takes it off the disk itself. */
  path?: string;
  load(): Promise<Uint8Array>;
}

export interface JobItem extends ImportItem {
  text: string;
  hash: string;
  signature: Uint32Array | null;
  decision: ImportDecision | null;
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
  /** Milliseconds spent in each stage, summed over the files (the benchmark reports them per page). */
  stageMs: { read: number; extract: number; dedupe: number; save: number };
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
    stageMs: { read: 0, extract: 0, dedupe: 0, save: 0 },
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
      path: p,
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
    dateUnknown: false,
    wordCount: 0,
    preview: '',
    existing: null,
    nearDuplicate: null,
    articleId: null,
    text: '',
    hash: '',
    signature: null,
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
  const seen = new BatchIndex();
  await fingerprintSaved(job);
  const latest = latestAcceptableDay(job.ctx.now());
  const reader = createDocumentReader({ files: job.files.length, bytes: job.files.reduce((n, f) => n + f.size, 0) });
  const read = async (file: StagedFile): Promise<ParsedDocument> => {
    let doc: ParsedDocument;
    if (file.path !== undefined) {
      // Read where it is parsed: the bytes do not cross between threads, and the time is the reading's, not the wait for a turn.
      if (file.size > MAX_IMPORT_FILE_BYTES) throw new ImportRefusal(tooLargeReason(file.size));
      doc = await reader.read(file.name, { path: file.path });
      job.stageMs.read += doc.readMs ?? 0;
    } else {
      const t = performance.now();
      const bytes = await file.load();
      job.stageMs.read += performance.now() - t;
      doc = await reader.read(file.name, bytes);
    }
    job.stageMs.extract += doc.extractMs ?? 0;
    return doc;
  };
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
    for (const [i, file] of job.files.entries()) {
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
        // No date in the document: unknown, never the file's date or today's without the analyst's word.
        if (doc.publishedOn && isoToDay(doc.publishedOn) <= latest) item.publishedOn = doc.publishedOn;
        else item.dateUnknown = true;
        item.text = doc.text;
        const t = performance.now();
        item.hash = contentHash(doc.text);
        item.signature = doc.signature ?? signatureOf(doc.text);
        item.wordCount = wordCount(doc.text);
        item.preview = doc.text.slice(0, 280);
        classify(job, item, seen);
        job.stageMs.dedupe += performance.now() - t;
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

/**
 * Before reading: articles saved before fingerprints existed (or since edited) get theirs, and the recent band rows,
 * when due, are moved into the large band table (nearDuplicates.ts), a slice at a time between the interface's
 * requests. The reading that follows is done by the reader threads, so this costs the import little time.
 */
async function fingerprintSaved(job: ImportJob): Promise<void> {
  const { db } = job.ctx.workspace;
  if (anyFingerprintMissing(db)) while (fingerprintMissing(db, 500) === 500) await yieldToEventLoop();
  if (!recentBandsDue(db)) return;
  while (moveRecentBands(db, BAND_SLICE_ROWS) > 0) await yieldToEventLoop();
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
  const { text, hash, decision, signature, ...rest } = item;
  return rest;
}
