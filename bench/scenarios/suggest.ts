/**
 * Assisted coding (issue 17). Quality on the test part of the labelled set
 * written for Parley (bench/suggest/labelled.tsv, split once): precision,
 * recall and F1 per code and direction accuracy on true positives, for the
 * lexicon alone (before any training), the classifier alone (learning curve
 * at 25/50/100/200 training sentences of the train part) and both combined.
 * Targets: lexicon alone precision ≥ 0.8 at recall ≥ 0.6 per code; direction
 * right on ≥ 90 % of true positives.
 *
 * Speed: suggestions for a 1,000-word article through the API after it opens
 * (≤ 100 ms p95); retraining on 10,000 tagged sentences in the worker
 * (≤ 2 s); the library's batch over the generated workspace's articles (up to
 * 10,000) as the server job the library starts (≥ 200 articles/s).
 */
import { createDispatch } from '../../main/api/dispatch';
import type { AppContext } from '../../main/services/context';
import { batchFinished, startBatch } from '../../main/services/suggest/batch';
import { trainInWorker } from '../../main/services/suggest/trainer';
import type { TrainingItem } from '../../main/services/suggest/training';
import { config, defaultSetup, loadLabelled, measure, topIdOf, trainOn, type CodeFigures } from '../suggest/evaluate';
import { metric, round, summarize } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const CODES = ['T', 'O', 'C'] as const;
const NAMES = { T: 'threat', O: 'overture', C: 'concession' } as const;

function figures(prefix: string, m: Record<(typeof CODES)[number], CodeFigures>, judge: boolean): ScenarioResult {
  const out: ScenarioResult = {};
  for (const k of CODES) {
    const f = m[k];
    const key = `${prefix} ${NAMES[k]}`;
    out[`${key}: P / R / F1`] = `${round(f.precision)} / ${round(f.recall)} / ${round(f.f1)} (tp ${f.tp}, fp ${f.fp}, fn ${f.fn})`;
    out[`${key}: direction on true positives`] = round(f.direction);
    if (judge) {
      out[`${key}: target P ≥ 0.8 at R ≥ 0.6`] = f.precision >= 0.8 && f.recall >= 0.6 ? 'pass' : 'miss';
      out[`${key}: target direction ≥ 0.9`] = f.direction >= 0.9 ? 'pass' : 'miss';
    }
  }
  return out;
}

/**
 * About `words` words of news prose from the labelled sentences, as
 * paragraphs. Each variant's sentences are its own (numbered), so that no
 * cache of an earlier article's reading helps: each is an article opened for
 * the first time.
 */
function article(words: number, variant: number): string {
  const all = loadLabelled();
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const t = all[(i * 7 + variant * 13) % all.length]!.text;
    const s = `${t.slice(0, -1)} (${variant}.${i})${t.slice(-1)}`;
    parts.push(s);
    n += s.split(/\s+/).length;
  }
  return parts.map((s, i) => (i % 5 === 4 ? `${s}\n\n` : `${s} `)).join('');
}

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const out: ScenarioResult = {};
  const labelled = loadLabelled();
  const train = labelled.filter((s) => s.split === 'train');
  const test = labelled.filter((s) => s.split === 'test');
  out['labelled sentences (train / test)'] = `${train.length} / ${test.length}`;
  Object.assign(out, figures('lexicon alone', measure(config(), test, { use: 'lexicon' }), true));
  for (const n of [25, 50, 100, 200]) {
    const model = trainOn(train, Math.min(n, train.length));
    const m = measure(config(model), test, { use: 'classifier' });
    for (const k of CODES)
      out[`classifier alone (${n} training sentences) ${NAMES[k]}: P / R / F1`] =
        `${round(m[k].precision)} / ${round(m[k].recall)} / ${round(m[k].f1)}`;
  }
  Object.assign(out, figures(`combined (${train.length} training sentences)`, measure(config(trainOn(train, train.length)), test), false));
  opts.log(`suggest: quality measured on ${test.length} test sentences`);

  // A 1,000-word article, opened and suggested for through the API as the reader asks.
  const dispatch = createDispatch(ctx, () => {});
  const runs = opts.quick ? 10 : 40;
  const opened: number[] = [];
  let text = '';
  for (let i = 0; i < runs + 2; i++) {
    text = article(1_000, i);
    const made = await dispatch('articles:create', { title: `Suggestion benchmark ${i}`, publishedOn: '2026-01-02', text });
    if (!made.ok) throw new Error(`articles:create failed in the benchmark: ${made.error.message}`);
    opened.push((made.value as { id: number }).id);
  }
  const times: number[] = [];
  // CPU time beside the wall time: on the shared machine the wall time is mostly waiting for a core.
  const cpuTimes: number[] = [];
  let count = 0;
  for (const [i, id] of opened.entries()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const got = await dispatch('articles:get', { id });
    const r = await dispatch('suggestions:list', { articleId: id });
    const dt = performance.now() - t0;
    if (!got.ok || !r.ok) throw new Error('suggestions:list failed in the benchmark');
    count = (r.value as unknown[]).length;
    const c = process.cpuUsage(c0);
    if (i >= 2) {
      times.push(dt);
      cpuTimes.push((c.user + c.system) / 1000);
    }
  }
  const open = summarize(times);
  Object.assign(
    out,
    metric('suggestions for a 1,000-word article after open', open, {
      unit: 'ms',
      target: '≤ 100 ms p95',
      pass: open.p95 <= 100,
      note: `${text.split(/\s+/).length} words, ${count} suggestions; articles:get + suggestions:list through the dispatcher, each of ${runs} articles opened once; CPU time median ${round(summarize(cpuTimes).median)} ms, p95 ${round(summarize(cpuTimes).p95)} ms`,
    }),
  );

  // Retraining on 10,000 tagged sentences in the worker.
  const { codes, actors } = defaultSetup();
  const cfg = config();
  const items: TrainingItem[] = [];
  for (let i = 0; items.length < 10_000; i++) {
    const s = labelled[i % labelled.length]!;
    items.push({ text: `${s.text.slice(0, -1)} (${i}).`, y: topIdOf(cfg, s.code), group: i });
  }
  // The first round starts the worker and reads every sentence; later rounds (after each answer) read only the new one.
  const trainTimes: number[] = [];
  let first = 0;
  const rounds = opts.quick ? 3 : 5;
  for (let i = 0; i < rounds; i++) {
    // Each round one more answer, as after each accept or reject.
    items.push({ text: `One more answer number ${i} was given by India to China.`, y: 0, group: -i });
    const t0 = performance.now();
    await trainInWorker({ codes, actors, items });
    if (i === 0) first = performance.now() - t0;
    else trainTimes.push(performance.now() - t0);
  }
  const retrain = summarize(trainTimes);
  Object.assign(
    out,
    metric('retrain on 10,000 tags in the worker', retrain, {
      unit: 'ms',
      target: '≤ 2,000 ms',
      pass: retrain.median <= 2_000,
      note: `model and held-out quality after one more answer (${rounds - 1} rounds); the first round, starting the worker and reading all 10,000 sentences, took ${Math.round(first)} ms`,
    }),
  );

  // The library's batch over the generated articles.
  const ids = (
    ctx.workspace.db.prepare('SELECT id FROM articles ORDER BY id LIMIT ?').all(Math.min(10_000, opts.articles)) as { id: number }[]
  ).map((r) => r.id);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const job = startBatch(ctx, ids);
  const ended = await batchFinished(ctx, job.jobId);
  const seconds = (performance.now() - t0) / 1000;
  const rate = ended.done / seconds;
  const cpu = process.cpuUsage(c0);
  const cpuRate = ended.done / ((cpu.user + cpu.system) / 1e6);
  Object.assign(
    out,
    metric(
      'batch suggestions',
      { median: rate, p95: rate },
      {
        unit: 'articles/s',
        target: '≥ 200 articles/s',
        pass: rate >= 200 && ended.phase === 'done',
        note: `${ids.length} generated articles as one server job (${ended.found} suggestions, ${round(seconds)} s, ${ended.phase}; ${Math.round(cpuRate)} articles per CPU second)`,
      },
    ),
  );
  return out;
}
