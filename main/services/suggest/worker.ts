/**
 * Retrains the suggestion classifier off the main thread (built to
 * dist/main/suggestWorker.cjs): receives the workspace's answers, sends back
 * the model's weights (transferred, not copied). Sentences read in earlier
 * rounds are not read again.
 */
import { parentPort } from 'node:worker_threads';
import { trainFromItems, type FeatureCache, type TrainingPayload } from './training';

const cache: FeatureCache = { key: '', byText: new Map() };

parentPort?.on('message', (p: TrainingPayload) => {
  const m = trainFromItems(p, p.items, cache);
  parentPort!.postMessage({ classes: m.classes, weights: m.weights, bias: m.bias, trainedOn: m.trainedOn }, [
    m.weights.buffer as ArrayBuffer,
    m.bias.buffer as ArrayBuffer,
  ]);
});
