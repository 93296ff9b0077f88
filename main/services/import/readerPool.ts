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
import { ImportRefusal, type ParsedDocument } from './document';
import type * as ReadersModule from './readFile';
import type { ReadRequest, ReadResponse } from './worker';

export interface DocumentReader {
  /** How many files to keep in flight. */
  concurrency: number;
  read(name: string, bytes: Uint8Array): Promise<ParsedDocument>;
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
function preloadReaders(): void {
  readers ??= import('./readFile');
}

async function readDocument(name: string, bytes: Uint8Array): Promise<ParsedDocument> {
  preloadReaders();
  return (await readers!).readDocument(name, bytes);
}

const inThread: DocumentReader = { concurrency: 1, read: readDocument, close: async () => {} };

/** Below this, starting more workers (each loads the readers, ~0.5 s) costs more than it saves. */
const WORKERS_FROM_FILES = 20;
const WORKERS_FROM_BYTES = 4 * 1024 * 1024;

/**
 * Small batches (a dropped file or two) are read by one worker kept for the
 * session, started when an import begins: loading the readers (jsdom, pdf.js,
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
  else preloadReaders();
}

export function createDocumentReader(batch: { files: number; bytes: number }): DocumentReader {
  const script = workerScript();
  if (!script) return inThread;
  if (batch.files < WORKERS_FROM_FILES && batch.bytes < WORKERS_FROM_BYTES) return sharedReader(script);
  return workerReader(script, Math.max(1, Math.min(4, os.availableParallelism())), false) ?? inThread;
}

function workerReader(script: string, size: number, unref: boolean): DocumentReader | null {
  let workers: Worker[];
  try {
    workers = Array.from({ length: size }, () => new Worker(script));
  } catch {
    return null;
  }
  // An idle kept worker must not keep the process alive, but one with reads in flight must (the command line awaits them).
  const holdProcess = (busy: boolean) => {
    if (!unref) return;
    for (const w of workers) {
      if (busy) w.ref();
      else w.unref();
    }
  };
  holdProcess(false);
  interface Pending {
    name: string;
    bytes: Uint8Array;
    resolve(d: ParsedDocument): void;
    reject(e: Error): void;
  }
  const pending = new Map<number, Pending>();
  let broken = false;
  const readHere = (p: Pending) => readDocument(p.name, p.bytes).then(p.resolve, p.reject);
  let nextId = 0;
  let turn = 0;
  for (const w of workers) {
    w.on('message', (res: ReadResponse) => {
      const p = pending.get(res.id);
      if (!p) return;
      pending.delete(res.id);
      if (pending.size === 0) holdProcess(false);
      if (res.ok) p.resolve(res.doc);
      else p.reject(res.refusal ? new ImportRefusal(res.message) : new Error(res.message));
    });
    w.on('error', () => {
      // A worker that cannot start or dies (e.g. where workers cannot load from a packaged
      // archive): what it was reading, and everything after, is read in this thread instead.
      broken = true;
      for (const [id, p] of pending) {
        pending.delete(id);
        void readHere(p);
      }
    });
  }
  return {
    concurrency: size * 2,
    read(name, bytes) {
      if (broken) return readDocument(name, bytes);
      const id = nextId++;
      const worker = workers[turn++ % workers.length]!;
      return new Promise<ParsedDocument>((resolve, reject) => {
        if (pending.size === 0) holdProcess(true);
        pending.set(id, { name, bytes, resolve, reject });
        // Copied, not transferred, so the file can still be read here if the worker fails.
        worker.postMessage({ id, name, bytes } satisfies ReadRequest);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
