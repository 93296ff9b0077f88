/**
 * A multinomial logistic regression over hashed sparse features (stems,
 * bigrams, lexicon evidence), trained by AdaGrad. Small and dependency-free:
 * it retrains on 10,000 sentences in well under a second, so the worker can
 * simply retrain from scratch after each answer.
 */
import { present } from '../../../shared/domain/present';

export const DIM = 1 << 18;

export interface Model {
  /** Class labels: 0 is "none of these", the others top-level code ids. */
  classes: number[];
  /** classes.length × DIM weights, row-major. */
  weights: Float32Array;
  bias: Float32Array;
  trainedOn: number;
}

export interface Example {
  x: Uint32Array;
  y: number;
}

function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) & (DIM - 1);
}

export function hashFeatures(names: readonly string[]): Uint32Array {
  const set = new Set<number>();
  for (const n of names) set.add(fnv(n));
  return Uint32Array.from(set);
}

function scores(m: Model, x: Uint32Array, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < m.classes.length; c++) {
    // Indexes below stay inside the arrays (c < classes, features < DIM): `?? 0` is for the type only.
    let s = m.bias[c] ?? 0;
    const row = c * DIM;
    for (const f of x) s += m.weights[row + f] ?? 0;
    out[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < m.classes.length; c++) {
    const e = Math.exp((out[c] ?? 0) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < m.classes.length; c++) out[c] = (out[c] ?? 0) / sum;
}

/** Probability per class label. */
export function predict(m: Model, x: Uint32Array): Map<number, number> {
  const p = new Float64Array(m.classes.length);
  scores(m, x, p);
  return new Map(m.classes.map((c, i) => [c, p[i] ?? 0]));
}

export function train(examples: readonly Example[], opts: { epochs?: number; rate?: number; l2?: number } = {}): Model {
  const classes = [...new Set([0, ...examples.map((e) => e.y)])].sort((a, b) => a - b);
  const index = new Map(classes.map((c, i) => [c, i]));
  const K = classes.length;
  const weights = new Float32Array(K * DIM);
  const g2 = new Float32Array(K * DIM);
  const bias = new Float32Array(K);
  const m: Model = { classes, weights, bias, trainedOn: examples.length };
  const epochs = opts.epochs ?? 5;
  const rate = opts.rate ?? 0.5;
  const l2 = opts.l2 ?? 1e-4;
  const p = new Float64Array(K);
  // A fixed shuffle (seeded) so the same answers give the same model.
  const order = examples.map((_, i) => i);
  let seed = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  for (let e = 0; e < epochs; e++) {
    for (const i of order) {
      const ex = present(examples[i], `training example ${i}`);
      scores(m, ex.x, p);
      const y = index.get(ex.y);
      for (let c = 0; c < K; c++) {
        const grad = (p[c] ?? 0) - (c === y ? 1 : 0);
        if (Math.abs(grad) < 1e-4) continue;
        bias[c] = (bias[c] ?? 0) - 0.1 * rate * grad;
        const row = c * DIM;
        for (const f of ex.x) {
          const w = row + f;
          const g = grad + l2 * (weights[w] ?? 0);
          g2[w] = (g2[w] ?? 0) + g * g;
          weights[w] = (weights[w] ?? 0) - (rate * g) / Math.sqrt(g2[w] + 1e-8);
        }
      }
    }
  }
  return m;
}
