/**
 * One retraining round, as the worker runs it after each answer: the model
 * on all the workspace's answers, and its quality measured on the held-out
 * articles with a model trained without them. Both in the worker, so the
 * interface thread reads no sentence for either.
 */
import type { Model } from './classifier';
import { DEFAULT_THRESHOLD, scoreReading } from './engine';
import { heldOut, reader, trainFromItems, type FeatureCache, type TrainingPayload } from './training';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  support: number;
}

export interface RoundResult {
  model: Model | null;
  /** Top-level code id -> its counts on the held-out articles. */
  measured: [number, Counts][];
}

export function retrainRound(p: TrainingPayload, cache?: FeatureCache): RoundResult {
  const model = p.items.some((i) => i.y !== 0) ? trainFromItems(p, p.items, cache) : null;
  const held = p.items.filter((i) => heldOut(i.group));
  const fit = p.items.filter((i) => !heldOut(i.group));
  const measured = new Map<number, Counts>();
  if (held.length > 0 && fit.some((i) => i.y !== 0)) {
    const { cfg, reading } = reader(p, cache);
    const scoring = { ...cfg, model: trainFromItems(p, fit, cache), thresholds: new Map(p.codes.map((c) => [c.id, 0])) };
    const add = (id: number, k: keyof Counts) => {
      const m = measured.get(id) ?? { tp: 0, fp: 0, fn: 0, support: 0 };
      m[k]++;
      measured.set(id, m);
    };
    for (const it of held) {
      // Only the code counts here: the direction's sentence analysis is not asked.
      const got = scoreReading({ ...scoring, direction: 'verb' }, reading(it.text));
      if (it.y !== 0) add(it.y, 'support');
      if (got && got.confidence >= DEFAULT_THRESHOLD) {
        if (got.topId === it.y) add(it.y, 'tp');
        else add(got.topId, 'fp');
      } else if (it.y !== 0) add(it.y, 'fn');
    }
  }
  return { model, measured: [...measured] };
}
