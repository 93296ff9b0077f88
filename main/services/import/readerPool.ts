/**
 * Reads files in worker threads when the built worker is present (the app,
 * the command line, the benchmark), and in this thread otherwise (unit tests
 * running the TypeScript sources). Either way the result is the same
 * readDocument's.
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
  for (const candidate of [path.join(__dirname, 'importWorker.cjs'), path.join(__dirname, '..', 'main', 'importWorker.cjs')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

let readers: Promise<typeof ReadersModule> | null = null;

/** The readers are loaded when an import begins (while its files arrive), not when the app starts. */
export function preloadReaders(): void {
  readers ??= import('./readFile');
}

async function readDocument(name: string, bytes: Uint8Array): Promise<ParsedDocument> {
  preloadReaders();
  return (await readers!).readDocument(name, bytes);
}

const inThread: DocumentReader = { concurrency: 1, read: readDocument, close: async () => {} };

/** Below this, starting workers (each loads the readers, ~0.5 s) costs more than it saves. */
const WORKERS_FROM_FILES = 20;
const WORKERS_FROM_BYTES = 4 * 1024 * 1024;

export function createDocumentReader(batch: { files: number; bytes: number }): DocumentReader {
  const script = workerScript();
  if (!script || (batch.files < WORKERS_FROM_FILES && batch.bytes < WORKERS_FROM_BYTES)) return inThread;
  const size = Math.max(1, Math.min(4, os.availableParallelism()));
  let workers: Worker[];
  try {
    workers = Array.from({ length: size }, () => new Worker(script));
  } catch {
    return inThread;
  }
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
