/**
 * The benchmark workspace: seeded and reproducible, written through Parley's
 * own services (createArticle, createAnnotation) — the same checks, triggers
 * and change log as an analyst's work — batched in one outer transaction per
 * chunk so that each call is a savepoint rather than a synced commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isoToDay, dayToIso } from '../shared/domain/dates';
import { normalizeArticleText } from '../shared/domain/text';
import { actorIdByCode, insertActor, insertRelationship, listRelationships } from '../main/db/actors';
import { listCodes } from '../main/db/codebook';
import { createAnnotation } from '../main/services/annotations';
import { createArticle } from '../main/services/articles';
import type { AppContext } from '../main/services/context';
import { startWorkspace } from '../main/services/workspace';
import { createRng, cumulativeOf, type Rng } from './rng';
import { OUTLETS, randomPassage, syntheticArticle } from './text';

/** Bump when the generated content changes, so cached workspaces are not reused. */
export const GENERATOR_VERSION = 3;
export const ANNOTATIONS_PER_ARTICLE = 10;
/** The one article that carries many tags (for the highlight-painting scenario). */
export const HEAVY_ARTICLE_ANNOTATIONS = 2000;
export const ARTICLE_CHUNK = 1000;
/** The generated workspace's "today": every date lies in the five years before it. */
export const GENERATION_NOW = new Date('2026-07-01T12:00:00Z');
const YEARS = 5;

const EXTRA_ACTORS = [
  { code: 'JPN', name: 'Japan', aliases: ['Japan', 'Tokyo'] },
  { code: 'BRA', name: 'Brazil', aliases: ['Brazil', 'Brasilia'] },
];
/** With the three defaults, ten relationships among eight actors. */
const EXTRA_RELATIONSHIPS: readonly (readonly [string, string])[] = [
  ['USA', 'RUS'],
  ['IND', 'PAK'],
  ['CHN', 'RUS'],
  ['EUR', 'RUS'],
  ['USA', 'EUR'],
  ['CHN', 'JPN'],
  ['IND', 'BRA'],
];
/**
 * Share of articles per relationship, in relationship-id order: a few busy
 * relationships and many quiet ones. Busy ones are also tagged more densely.
 */
const RELATIONSHIP_SHARE = [0.24, 0.08, 0.3, 0.14, 0.09, 0.05, 0.04, 0.03, 0.02, 0.01];
const RELATIONSHIP_DENSITY = [1.3, 0.8, 1.5, 1.1, 1.0, 0.7, 0.6, 0.5, 0.5, 0.4];

export interface GenerationStats {
  articles: number;
  annotations: number;
  seconds: number;
  articleSeconds: number;
  annotationSeconds: number;
  articlesPerSecond: number;
  annotationsPerSecond: number;
  heavyArticleId: number;
}

export interface GenerateOptions {
  articles: number;
  seed: number;
  log(line: string): void;
}

function addActorsAndRelationships(ctx: AppContext): void {
  const { db } = ctx.workspace;
  const nowMs = ctx.now().getTime();
  db.transaction(() => {
    for (const actor of EXTRA_ACTORS) insertActor(db, actor, nowMs);
    for (const [a, b] of EXTRA_RELATIONSHIPS) insertRelationship(db, actorIdByCode(db, a)!, actorIdByCode(db, b)!, nowMs);
  }).immediate();
}

/**
 * Splits `total` among items in proportion to `weights` (largest remainder),
 * none above `cap` (items whose share would exceed it are pinned at the cap and
 * the rest share what is left). Items of zero weight share only what nothing
 * else can take. Assumes cap × items ≥ total.
 */
export function apportion(weights: Float64Array, total: number, cap: number): Int32Array {
  const n = weights.length;
  const counts = new Int32Array(n);
  const pinned = new Uint8Array(n);
  let remaining = total;
  for (;;) {
    let sum = 0;
    let open = 0;
    for (let i = 0; i < n; i++) {
      if (pinned[i]) continue;
      sum += weights[i]!;
      open++;
    }
    if (open === 0 || remaining === 0) return counts;
    const share = (i: number) => (sum > 0 ? weights[i]! / sum : 1 / open) * remaining;
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (!pinned[i] && share(i) >= cap) {
        pinned[i] = 1;
        counts[i] = cap;
        changed = true;
      }
    }
    if (changed) {
      remaining = total - counts.reduce((a, c, i) => a + (pinned[i] ? c : 0), 0);
      continue;
    }
    const fractions: [number, number][] = [];
    let given = 0;
    for (let i = 0; i < n; i++) {
      if (pinned[i]) continue;
      const exact = share(i);
      counts[i] = Math.floor(exact);
      given += counts[i]!;
      fractions.push([exact - counts[i]!, i]);
    }
    fractions.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
    for (let k = 0; given < remaining; k = (k + 1) % fractions.length) {
      const i = fractions[k]![1];
      if (counts[i]! < cap) {
        counts[i]! += 1;
        given++;
      }
    }
    return counts;
  }
}

interface ArticlePlan {
  relationship: Uint8Array;
  day: Int32Array;
  annotations: Int32Array;
}

function planArticles(rng: Rng, n: number, totalAnnotations: number, heavy: number): ArticlePlan {
  const shares = cumulativeOf(RELATIONSHIP_SHARE);
  const relationship = new Uint8Array(n);
  const day = new Int32Array(n);
  const weights = new Float64Array(n);
  const lastDay = isoToDay(dayToIso(Math.floor(GENERATION_NOW.getTime() / 86_400_000)));
  const span = Math.round(YEARS * 365.25);
  for (let i = 0; i < n; i++) {
    relationship[i] = rng.weighted(shares);
    // Coverage grows over the years: more articles in recent months.
    day[i] = lastDay - Math.floor(span * (1 - Math.pow(rng.next(), 0.8)));
    // Heavy-tailed tag counts: most articles get a few tags, some get dozens.
    weights[i] = RELATIONSHIP_DENSITY[relationship[i]!]! * Math.pow(-Math.log(1 - rng.next()), 1.6);
  }
  weights[0] = 0;
  const annotations = apportion(weights, totalAnnotations - heavy, 150);
  annotations[0] = heavy;
  return { relationship, day, annotations };
}

/** Generates the workspace into `file` (replacing it). */
export function generateWorkspace(file: string, opts: GenerateOptions): GenerationStats {
  for (const suffix of ['', '-wal', '-shm', '.lock']) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const started = performance.now();
  const ctx = startWorkspace(file, { sampleFile: null, now: () => GENERATION_NOW, noLock: true });
  try {
    const { db } = ctx.workspace;
    addActorsAndRelationships(ctx);
    const relationships = listRelationships(db);
    const codes = listCodes(db);
    // Every code is used; subtypes more than their generic parents, overtures most of all.
    const codeShares = cumulativeOf(codes.map((c, i) => (c.parentId === null ? 0.5 : 1) * (c.weight > 0 ? 1.4 : 1) * (1 + (i % 3))));
    const rng = createRng(opts.seed);
    const total = opts.articles * ANNOTATIONS_PER_ARTICLE;
    const heavy = Math.min(HEAVY_ARTICLE_ANNOTATIONS, Math.floor(total / 5));
    const plan = planArticles(rng, opts.articles, total, heavy);
    let articleMs = 0;
    let annotationMs = 0;
    let annotationCount = 0;
    let heavyArticleId = 0;
    const confidences = [1, 1, 1, 1, 0.9, 0.8, 0.6];
    for (let from = 0; from < opts.articles; from += ARTICLE_CHUNK) {
      const to = Math.min(opts.articles, from + ARTICLE_CHUNK);
      db.transaction(() => {
        for (let i = from; i < to; i++) {
          const rel = relationships[plan.relationship[i]!]!;
          const names = [rel.actorA.name, rel.actorB.name];
          const article = syntheticArticle(rng, i === 0 ? 3000 : rng.int(420, 580), names, i + 1);
          if (i === 0 && normalizeArticleText(article.text) !== article.text) {
            throw new Error('The synthetic text is not in normalized form; annotation offsets would not match.');
          }
          const publishedOn = dayToIso(plan.day[i]!);
          let t = performance.now();
          const summary = createArticle(ctx, {
            title: article.title,
            outlet: rng.pick(OUTLETS),
            author: rng.next() < 0.7 ? `Staff reporter ${rng.int(1, 60)}` : '',
            url: rng.next() < 0.8 ? `https://news.example/${publishedOn}/${i + 1}` : '',
            publishedOn,
            relationshipId: rel.id,
            text: article.text,
          });
          articleMs += performance.now() - t;
          if (i === 0) heavyArticleId = summary.id;
          const used = new Set<string>();
          t = performance.now();
          for (let k = 0; k < plan.annotations[i]!; k++) {
            let start: number;
            let end: number;
            let codeId: number;
            let forward: boolean;
            let key: string;
            do {
              [start, end] = randomPassage(rng, article);
              codeId = codes[rng.weighted(codeShares)]!.id;
              forward = rng.next() < 0.6;
              key = `${start}:${end}:${codeId}:${forward ? 1 : 0}`;
            } while (used.has(key));
            used.add(key);
            const lag = rng.next() < 0.8 ? 0 : rng.int(1, 5);
            createAnnotation(ctx, {
              articleId: summary.id,
              start,
              end,
              codeId,
              sourceActorId: forward ? rel.actorA.id : rel.actorB.id,
              targetActorId: forward ? rel.actorB.id : rel.actorA.id,
              confidence: rng.pick(confidences),
              eventDate: dayToIso(plan.day[i]! - lag),
              note: rng.next() < 0.1 ? 'Check against the official readout.' : '',
            });
          }
          annotationMs += performance.now() - t;
          annotationCount += plan.annotations[i]!;
        }
      }).immediate();
      if (to % (ARTICLE_CHUNK * 10) === 0 || to === opts.articles) {
        const s = (performance.now() - started) / 1000;
        opts.log(
          `  generated ${to.toLocaleString('en')} articles, ${annotationCount.toLocaleString('en')} annotations (${s.toFixed(0)} s)`,
        );
      }
    }
    db.pragma('optimize');
    const seconds = (performance.now() - started) / 1000;
    return {
      articles: opts.articles,
      annotations: annotationCount,
      seconds,
      articleSeconds: articleMs / 1000,
      annotationSeconds: annotationMs / 1000,
      articlesPerSecond: opts.articles / (articleMs / 1000),
      annotationsPerSecond: annotationCount / (annotationMs / 1000),
      heavyArticleId,
    };
  } finally {
    ctx.workspace.close();
  }
}
