/**
 * Retrains the suggestion classifier off the main thread (built to
 * dist/main/suggestWorker.cjs): receives the workspace's answers, sends back
 * the model's weights (transferred, not copied) and the held-out measures.
 * Sentences read in earlier rounds are not read again.
 */
import { parentPort } from 'node:worker_threads';
import { retrainRound } from './round';
import { newCache, type TrainingPayload } from './training';

const cache = newCache();

// Loaded only as a worker, where parentPort is set.
const port = parentPort;
if (port) {
  port.on('message', (p: TrainingPayload) => {
    const r = retrainRound(p, cache);
    const m = r.model;
    port.postMessage(r, m ? [m.weights.buffer as ArrayBuffer, m.bias.buffer as ArrayBuffer] : []);
  });
}
