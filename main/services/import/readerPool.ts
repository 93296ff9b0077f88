/**
 * Reads files in worker threads when the built worker is present (the app,
 * the command line, the benchmark), and in this thread otherwise (unit tests
 * running the TypeScript sources). Either way the result is the same
 * readDocument's, and the readers are never loaded on the app's main thread
 * while workers can do it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { present } from '../../../shared/domain/present';
import { ImportRefusal, type ParsedDocument } from './document';
import type * as ReadersModule from './readFile';
import type { FileSource } from './readFile';
import type { ReadRequest, ReadResponse } from './worker';

export interface DocumentReader {
  /** How many files to keep in flight. */
  concurrency: number;
  read(name: string, source: FileSource): Promise<ParsedDocument>;
  close(): Promise<void>;
}

function workerScript(): string | null {
  for (const candidate of [path.join(__dirname, 'importWorker.cjs'), path.join(__dirname, '..', 'dist', 'main', 'importWorker.cjs')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

let readers: Promise<typeof ReadersModule> | null = null;

/** In this thread (only where the built worker is missing: unit tests running the sources). */
function loadReaders(): Promise<typeof ReadersModule> {
  readers ??= import('./readFile');
  return readers;
}

async function readDocument(name: string, source: FileSource): Promise<ParsedDocument> {
  return (await loadReaders()).readSource(name, source);
}

const inThread: DocumentReader = { concurrency: 1, read: readDocument, close: async () => {} };

/** Below this, starting more workers (each loads the readers, ~0.5 s) costs more than it saves. */
const WORKERS_FROM_FILES = 20;
const WORKERS_FROM_BYTES = 4 * 1024 * 1024;

/**
 * Small batches (a dropped file or two) are read by one worker kept for the
 * session, started when an import begins: loading the readers (linkedom, pdf.js,
 * mammoth) takes seconds of CPU, which on this thread would hold up every
 * request the interface makes meanwhile. Its thread is unref'd: it never keeps
 * the process alive.
 */
let shared: DocumentReader | null = null;

function sharedReader(script: string): DocumentReader {
  if (!shared) {
    const reader = workerReader(script, 1, true);
    shared = reader ? { ...reader, close: async () => {} } : inThread;
  }
  return shared;
}

/** Called when an import begins, while its files arrive: the readers load off this thread. */
export function warmReaders(): void {
  const script = workerScript();
  if (script) sharedReader(script);
  else void loadReaders();
}

export function createDocumentReader(batch: { files: number; bytes: number }): DocumentReader {
  const script = workerScript();
  if (!script) return inThread;
  if (batch.files < WORKERS_FROM_FILES && batch.bytes < WORKERS_FROM_BYTES) return sharedReader(script);
  return workerReader(script, Math.max(1, Math.min(4, os.availableParallelism())), false) ?? inThread;
}

/** No file may hold a reader longer than this; a page built to stall the parser is refused, not waited on. */
export const READ_TIME_LIMIT_MS = Number(process.env.PARLEY_READ_TIME_LIMIT_MS ?? 30_000);

export function timeLimitReason(ms: number): string {
  return (
    `Reading this file took longer than ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}, Parley's limit for one file, ` +
    'so it was stopped and not imported. A very long or unusually built file can do this: save only the article and import that.'
  );
}

/**
 * A reader's young generation, where a page's parsed tree lives and dies: with V8's default for a worker the
 * trees of a few pages filled it, so every few pages a scavenge ran and copied what was still in use; at 32 MB
 * reading 10,000 pages took 8 % less CPU (bench `import`, CPU time of the process).
 */
const READER_YOUNG_GENERATION_MB = 32;

interface Pending {
  name: string;
  source: FileSource;
  slot: number;
  timer: NodeJS.Timeout | null;
  resolve(d: ParsedDocument): void;
  reject(e: Error): void;
}

/**
 * A pool of reader workers. Each read has a time limit: a worker that passes
 * it is ended (a parse cannot be interrupted any other way), the file is
 * refused with the reason, and the worker's other files go to its replacement.
 */
export function workerReader(script: string, size: number, unref: boolean, timeLimitMs = READ_TIME_LIMIT_MS): DocumentReader | null {
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  let broken = false;
  let closed = false;
  // An idle kept worker must not keep the process alive, but one with reads in flight must (the command line awaits them).
  const holdProcess = (busy: boolean) => {
    if (!unref) return;
    for (const w of workers) {
      if (busy) w.ref();
      else w.unref();
    }
  };
  const readHere = (p: Pending) => readDocument(p.name, p.source).then(p.resolve, p.reject);
  // Files sent to each worker, in order; the clock runs for the first only, the one the worker is reading.
  const queues: number[][] = Array.from({ length: size }, () => []);
  const queueOf = (slot: number) => present(queues[slot], `reader queue ${slot}`);
  const workerOf = (slot: number) => present(workers[slot], `reader worker ${slot}`);
  const clockHead = (slot: number) => {
    const head = queueOf(slot)[0];
    const p = head === undefined ? undefined : pending.get(head);
    if (head !== undefined && p && !p.timer) p.timer = setTimeout(() => overTime(head), timeLimitMs);
  };
  const settle = (id: number): Pending | undefined => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    if (p.timer) clearTimeout(p.timer);
    const queue = queueOf(p.slot);
    queue.splice(queue.indexOf(id), 1);
    clockHead(p.slot);
    if (pending.size === 0) holdProcess(false);
    return p;
  };
  const post = (id: number, p: Pending) => {
    queueOf(p.slot).push(id);
    clockHead(p.slot);
    // Copied, not transferred, so the file can still be read here if the worker fails.
    workerOf(p.slot).postMessage({ id, name: p.name, source: p.source } satisfies ReadRequest);
  };
  const start = (slot: number): Worker => {
    const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB } });
    w.on('message', (res: ReadResponse) => {
      const p = settle(res.id);
      if (!p) return;
      if (res.ok) p.resolve(res.doc);
      else p.reject(res.refusal ? new ImportRefusal(res.message) : new Error(res.message));
    });
    w.on('error', () => {
      // A worker that cannot start or dies (e.g. where workers cannot load from a packaged
      // archive): what it was reading, and everything after, is read in this thread instead.
      broken = true;
      for (const id of [...queueOf(slot)]) {
        const p = settle(id);
        if (p) void readHere(p);
      }
    });
    workers[slot] = w;
    if (unref && pending.size === 0) w.unref();
    return w;
  };
  const overTime = (id: number) => {
    const p = settle(id);
    if (!p || closed) return;
    p.reject(new ImportRefusal(timeLimitReason(timeLimitMs)));
    void workerOf(p.slot).terminate();
    start(p.slot);
    const resend = queueOf(p.slot)
      .splice(0)
      .map((otherId) => [otherId, present(pending.get(otherId), `the read of file ${otherId}`)] as const);
    for (const [, other] of resend) {
      if (other.timer) clearTimeout(other.timer);
      other.timer = null;
    }
    for (const [otherId, other] of resend) post(otherId, other);
  };
  try {
    for (let slot = 0; slot < size; slot++) start(slot);
  } catch {
    return null;
  }
  holdProcess(false);
  let nextId = 0;
  let turn = 0;
  return {
    // Results are taken in order: with 4 files a worker, one slow file left the other worker idle a quarter of the time
    // (bench `import`, CPU profile of the workers); 16 keep both busy for a few kilobytes each.
    concurrency: size * 16,
    read(name, source) {
      if (broken) return readDocument(name, source);
      const id = nextId++;
      return new Promise<ParsedDocument>((resolve, reject) => {
        if (pending.size === 0) holdProcess(true);
        const p: Pending = { name, source, slot: turn++ % workers.length, timer: null, resolve, reject };
        pending.set(id, p);
        post(id, p);
      });
    },
    async close() {
      closed = true;
      for (const p of pending.values()) if (p.timer) clearTimeout(p.timer);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
