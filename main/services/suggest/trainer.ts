/**
 * Runs training in a worker thread where the built worker exists (the app,
 * browser mode, the benchmark), in this thread otherwise (unit tests running
 * the sources). One worker per process, kept while training, unref'd when idle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { retrainRound, type RoundResult } from './round';
import type { TrainingPayload } from './training';

function workerScript(): string | null {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    for (const c of [
      path.join(dir, 'suggestWorker.cjs'),
      path.join(dir, 'dist', 'main', 'suggestWorker.cjs'),
      path.join(dir, 'main', 'suggestWorker.cjs'),
    ]) {
      if (fs.existsSync(c)) return c;
    }
  }
  return null;
}

let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();

export function trainInWorker(p: TrainingPayload): Promise<RoundResult> {
  const script = workerScript();
  if (!script) return Promise.resolve(retrainRound(p));
  const run = queue.then(
    () =>
      new Promise<RoundResult>((resolve, reject) => {
        worker ??= new Worker(script);
        const w = worker;
        w.ref();
        const done = () => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.unref();
        };
        const onMessage = (m: RoundResult) => {
          done();
          resolve(m);
        };
        const onError = (e: Error) => {
          done();
          worker = null;
          reject(e);
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage(p);
      }),
  );
  queue = run.catch(() => undefined);
  return run;
}
