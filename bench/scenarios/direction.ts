/**
 * The direction proposal of the tag popover (issue 13), measured on labelled
 * passages written for Parley in news style (bench/direction/passages.txt:
 * subject and object positions, quotations, pronouns, passive voice,
 * headlines, two relationships in one sentence). For each passage the
 * proposal must give the expected source and target with the passage's
 * relationship open; the old heuristic (shared/domain/direction.ts: the first
 * actor named is the source) is measured on the same passages in the same run
 * as the baseline. Target: ≥ 90 % right. Also the time one proposal takes.
 */
import { proposeDirection as firstNamed } from '../../shared/domain/direction';
import { proposeDirection } from '../../shared/nlp';
import passagesFile from '../direction/passages.txt';
import { BENCH_ACTORS, parsePassages } from '../direction/labelled';
import { metric, round, summarize } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const TARGET = 0.9;

export async function run(_ctx: unknown, opts: Pick<ScenarioOptions, 'log'>): Promise<ScenarioResult> {
  const passages = parsePassages(passagesFile);
  const kinds = [...new Set(passages.map((p) => p.kind))];
  const right = { nlp: new Map<string, number>(), old: new Map<string, number>() };
  const times: number[] = [];
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const p of passages) {
    const t0 = performance.now();
    const got = proposeDirection(p.text, p.start, p.end, BENCH_ACTORS, p.pair);
    times.push(performance.now() - t0);
    const old = firstNamed(p.text, p.start, p.end, BENCH_ACTORS, p.pair);
    const ok = got?.sourceActorId === p.expected.source && got.targetActorId === p.expected.target;
    if (ok) bump(right.nlp, p.kind);
    else
      opts.log(
        `direction: line ${p.line} (${p.kind}) proposed ${got ? `${got.sourceActorId}>${got.targetActorId}` : 'nothing'}: ${p.text.slice(p.start, p.end)}`,
      );
    if (old?.sourceActorId === p.expected.source && old.targetActorId === p.expected.target) bump(right.old, p.kind);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const share = total(right.nlp) / passages.length;
  const baseline = total(right.old) / passages.length;
  const out: ScenarioResult = {
    'direction.passages': passages.length,
    'direction.accuracy': round(share * 100),
    'direction.accuracy.target': TARGET * 100,
    'direction.accuracy.pass': share >= TARGET ? 'pass' : 'miss',
    'direction.baseline accuracy (first actor named)': round(baseline * 100),
  };
  for (const k of kinds) {
    const n = passages.filter((p) => p.kind === k).length;
    out[`direction.${k} (${n}): right % / baseline %`] =
      `${round(((right.nlp.get(k) ?? 0) / n) * 100)} / ${round(((right.old.get(k) ?? 0) / n) * 100)}`;
  }
  Object.assign(
    out,
    metric('direction.proposal', summarize(times.slice(5)), {
      unit: 'ms',
      note: 'one proposal (sentence, the one before, roles), the model warm',
    }),
  );
  opts.log(`direction: ${round(share * 100)} % right on ${passages.length} passages (first actor named: ${round(baseline * 100)} %)`);
  return out;
}
