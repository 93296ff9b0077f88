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
import { readDocument } from './readFile';
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

const inThread: DocumentReader = { concurrency: 1, read: readDocument, close: async () => {} };

export function createDocumentReader(): DocumentReader {
  const script = workerScript();
  if (!script) return inThread;
  const size = Math.max(1, Math.min(4, os.availableParallelism()));
  let workers: Worker[];
  try {
    workers = Array.from({ length: size }, () => new Worker(script));
  } catch {
    return inThread;
  }
  const pending = new Map<number, { resolve(d: ParsedDocument): void; reject(e: Error): void }>();
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
    w.on('error', (err) => {
      // A worker that dies fails what it was reading; the import goes on with the others.
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(err);
      }
    });
  }
  return {
    concurrency: size * 2,
    read(name, bytes) {
      const id = nextId++;
      const worker = workers[turn++ % workers.length]!;
      return new Promise<ParsedDocument>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // The file's bytes are handed over, not copied.
        const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
        worker.postMessage({ id, name, bytes: copy } satisfies ReadRequest, [copy.buffer as ArrayBuffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
