/**
 * What the classifier learns from: the workspace's own answers. Each tagged
 * sentence is an example of its tag's top-level code; each rejected
 * suggestion, and each untagged sentence of an article the analyst has
 * tagged in (read and left), an example of "none of these".
 */
import type { Actor, Code } from '../../../shared/api/schemas';
import type { Db } from '../../db/connection';
import { listActors } from '../../db/actors';
import { listCodes } from '../../db/codebook';
import { getArticle } from '../../db/articles';
import { allRejections, tagSpans } from '../../db/suggestions';
import { actorIndex } from './actors';
import { train, type Model } from './classifier';
import { codeMapper, topLevel } from './codeMap';
import { readSentence, type EngineConfig, type SentenceReading } from './engine';
import { shippedLexicon } from './lexicon';
import { sentenceSpans } from './sentences';

export interface TrainingItem {
  text: string;
  /** Top-level code id, 0 for none of these. */
  y: number;
  /** Article id, for the held-out split. */
  group: number;
}

export interface TrainingPayload {
  codes: Code[];
  actors: Actor[];
  items: TrainingItem[];
}

export function engineConfig(
  codes: readonly Code[],
  actors: readonly Actor[],
  model: Model | null,
  thresholds: ReadonlyMap<number, number>,
): EngineConfig {
  const lexicon = shippedLexicon();
  return { lexicon, actors: actorIndex(actors, lexicon.data), codes, mapper: codeMapper(codes), model, thresholds };
}

export function trainingPayload(db: Db): TrainingPayload {
  const codes = listCodes(db);
  const actors = listActors(db);
  const tags = tagSpans(db);
  const rejected = allRejections(db);
  const byArticle = new Map<number, { s: number; e: number; y: number }[]>();
  const top = (codeId: number) => {
    const c = codes.find((x) => x.id === codeId);
    return c ? topLevel(codes, c).id : 0;
  };
  for (const t of tags) byArticle.set(t.articleId, [...(byArticle.get(t.articleId) ?? []), { s: t.start, e: t.end, y: top(t.codeId) }]);
  const rejectedIn = new Map<number, { s: number; e: number }[]>();
  for (const r of rejected) rejectedIn.set(r.articleId, [...(rejectedIn.get(r.articleId) ?? []), { s: r.start, e: r.end }]);
  const items: TrainingItem[] = [];

  for (const articleId of new Set([...byArticle.keys(), ...rejectedIn.keys()])) {
    const text = getArticle(db, articleId)?.text;
    if (!text) continue;
    const marks = byArticle.get(articleId) ?? [];
    for (const span of sentenceSpans(text)) {
      const hit = marks.find((m) => m.s < span.end && m.e > span.start);
      items.push({ text: text.slice(span.start, span.end), y: hit ? hit.y : 0, group: articleId });
    }
  }
  return { codes, actors, items };
}

/**
 * Readings of sentences already read, kept between rounds (in the worker), so
 * that retraining after one more answer reads only the new sentences: the
 * features of every sentence, the whole reading of held-out ones (they are
 * scored each round). Valid while the codebook and actors are the same (`key`).
 */
export interface FeatureCache {
  key: string;
  byText: Map<string, Uint32Array>;
  readings: Map<string, SentenceReading>;
}

export const newCache = (): FeatureCache => ({ key: '', byText: new Map(), readings: new Map() });

const CACHE_LIMIT = 200_000;

/** The engine for training and a reader of sentences through the cache. */
export function reader(p: TrainingPayload, cache: FeatureCache = newCache()) {
  const cfg = engineConfig(p.codes, p.actors, null, new Map());
  const key = JSON.stringify([p.codes.map((c) => [c.id, c.cameo, c.parentId]), p.actors]);
  if (cache.key !== key || cache.byText.size > CACHE_LIMIT) {
    cache.key = key;
    cache.byText.clear();
    cache.readings.clear();
  }
  const reading = (text: string): SentenceReading => {
    let r = cache.readings.get(text);
    if (!r) {
      r = readSentence(cfg, text, 0, text.length);
      cache.readings.set(text, r);
    }
    return r;
  };
  const features = (text: string): Uint32Array => {
    let x = cache.byText.get(text);
    if (!x) {
      x = readSentence(cfg, text, 0, text.length).features;
      cache.byText.set(text, x);
    }
    return x;
  };
  return { cfg, reading, features };
}

export function trainFromItems(p: TrainingPayload, items: readonly TrainingItem[] = p.items, cache?: FeatureCache): Model {
  const { features } = reader(p, cache);
  return train(items.map((it) => ({ x: features(it.text), y: it.y })));
}

/** Held-out split by article (as INCEpTION evaluates its recommenders): one article in five is held out. */
export const heldOut = (group: number): boolean => group % 5 === 0;
