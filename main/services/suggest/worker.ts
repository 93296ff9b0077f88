/**
 * Retrains the suggestion classifier off the main thread (built to
 * dist/main/suggestWorker.cjs): receives the workspace's answers, sends back
 * the model's weights (transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { trainFromItems, type TrainingPayload } from './training';

parentPort?.on('message', (p: TrainingPayload) => {
  const m = trainFromItems(p);
  parentPort!.postMessage({ classes: m.classes, weights: m.weights, bias: m.bias, trainedOn: m.trainedOn }, [
    m.weights.buffer as ArrayBuffer,
    m.bias.buffer as ArrayBuffer,
  ]);
});
