/**
 * Measures the suggestion engine on the labelled sentences of labelled.tsv
 * (written for Parley, split once into train and test): precision, recall
 * and F1 per code and direction accuracy on true positives, for the lexicon
 * alone, the classifier alone at several training sizes, and both combined.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Actor, Code } from '../../shared/api/schemas';
import { DEFAULT_ACTORS, DEFAULT_CODES } from '../../shared/domain/codebook';
import { actorIndex } from '../../main/services/suggest/actors';
import { train, type Model } from '../../main/services/suggest/classifier';
import { codeMapper } from '../../main/services/suggest/codeMap';
import { readSentence, scoreReading, type EngineConfig, type ScoreOptions } from '../../main/services/suggest/engine';
import { shippedLexicon } from '../../main/services/suggest/lexicon';

export interface Labelled {
  code: 'T' | 'O' | 'C' | 'N';
  source: string | null;
  target: string | null;
  split: 'train' | 'test';
  text: string;
}

export function loadLabelled(file = path.join(__dirname, '..', '..', 'bench', 'suggest', 'labelled.tsv')): Labelled[] {
  const here = fs.existsSync(file) ? file : path.join(process.cwd(), 'bench', 'suggest', 'labelled.tsv');
  return fs
    .readFileSync(here, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [code, dir, split, text] = l.split('\t') as [Labelled['code'], string, Labelled['split'], string];
      const [source, target] = dir === '-' ? [null, null] : dir.split('>');
      return { code, source: source ?? null, target: target ?? null, split, text };
    });
}

const KEY = { T: 'THREAT', O: 'OVERTURE', C: 'CONCESSION' } as const;

/** The default codebook and actors with ids, as a new workspace has them. */
export function defaultSetup(): { codes: Code[]; actors: Actor[] } {
  const codes: Code[] = [];
  DEFAULT_CODES.forEach((c, i) => {
    const parent = c.parentKey ? codes.find((p) => p.key === c.parentKey) : null;
    codes.push({
      id: i + 1,
      key: c.key,
      name: c.name,
      parentId: parent?.id ?? null,
      weight: c.weight,
      color: c.color,
      cameo: c.cameo,
      description: c.description,
      shortcut: c.shortcut ?? null,
    });
  });
  const actors = DEFAULT_ACTORS.map((a, i) => ({ id: i + 1, code: a.code, name: a.name, aliases: [...a.aliases] }));
  return { codes, actors };
}

export function config(model: Model | null = null): EngineConfig {
  const { codes, actors } = defaultSetup();
  const lexicon = shippedLexicon();
  return { lexicon, actors: actorIndex(actors, lexicon.data), codes, mapper: codeMapper(codes), model, thresholds: new Map() };
}

export function topIdOf(cfg: EngineConfig, code: Labelled['code']): number {
  return code === 'N' ? 0 : cfg.codes.find((c) => c.key === KEY[code])!.id;
}

export interface CodeFigures {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  /** Share of true positives whose direction is right. */
  direction: number;
}

export function measure(cfg: EngineConfig, set: readonly Labelled[], opts: ScoreOptions = {}): Record<'T' | 'O' | 'C', CodeFigures> {
  const out = {} as Record<'T' | 'O' | 'C', CodeFigures>;
  const rows = set.map((s) => ({ s, got: scoreReading(cfg, readSentence(cfg, s.text, 0, s.text.length), opts) }));
  for (const k of ['T', 'O', 'C'] as const) {
    const id = topIdOf(cfg, k);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let dir = 0;
    for (const { s, got } of rows) {
      const predicted = got?.topId === id;
      if (predicted && s.code === k) {
        tp++;
        if (got.source.code === s.source && got.target.code === s.target) dir++;
      } else if (predicted) fp++;
      else if (s.code === k) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    out[k] = {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      tp,
      fp,
      fn,
      direction: tp ? dir / tp : 0,
    };
  }
  return out;
}

/** A classifier trained on the first n labelled sentences (in a fixed shuffled order). */
export function trainOn(set: readonly Labelled[], n: number): Model {
  const cfg = config();
  const order = [...set].sort((a, b) => hash(a.text) - hash(b.text)).slice(0, n);
  return train(order.map((s) => ({ x: readSentence(cfg, s.text, 0, s.text.length).features, y: topIdOf(cfg, s.code) })));
}

function hash(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h;
}
