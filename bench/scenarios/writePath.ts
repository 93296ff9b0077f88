/**
 * Parley's write path (createArticle, createAnnotation: validation,
 * normalization, hashing, duplicate checks, change log, savepoints) for a batch
 * in one transaction, against the floor: a bare better-sqlite3 INSERT of the
 * very same rows in one transaction into a workspace of the same schema.
 * Each repetition starts from an empty workspace beside the benchmark one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { wordCount } from '../../shared/domain/text';
import { quoteSelector } from '../../shared/domain/anchoring';
import { listRelationships } from '../../main/db/actors';
import { listCodes } from '../../main/db/codebook';
import { createAnnotation } from '../../main/services/annotations';
import { contentHash, createArticle } from '../../main/services/articles';
import type { AppContext } from '../../main/services/context';
import { startWorkspace } from '../../main/services/workspace';
import { GENERATION_NOW } from '../generate';
import { metric, reps, summarize } from '../measure';
import { createRng } from '../rng';
import { OUTLETS, randomPassage, syntheticArticle } from '../text';
import type { ScenarioOptions, ScenarioResult } from '../types';

const ARTICLES_TARGET_PER_S = 1000;
const TAGS_PER_ARTICLE = 10;

interface Batch {
  articles: { title: string; outlet: string; publishedOn: string; text: string; hash: string; words: number }[];
  /** Per article: [start, end, codeIndex, forward] × TAGS_PER_ARTICLE. */
  tags: [number, number, number, boolean][][];
}

function makeBatch(n: number, codes: number): Batch {
  const rng = createRng(4242);
  const batch: Batch = { articles: [], tags: [] };
  for (let i = 0; i < n; i++) {
    const a = syntheticArticle(rng, rng.int(420, 580), ['India', 'Pakistan'], 900_000 + i);
    const publishedOn = `2025-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
    batch.articles.push({
      title: a.title,
      outlet: rng.pick(OUTLETS),
      publishedOn,
      text: a.text,
      hash: contentHash(a.text),
      words: wordCount(a.text),
    });
    const seen = new Set<string>();
    const tags: [number, number, number, boolean][] = [];
    while (tags.length < TAGS_PER_ARTICLE) {
      const [s, e] = randomPassage(rng, a);
      const t: [number, number, number, boolean] = [s, e, rng.int(0, codes - 1), rng.next() < 0.5];
      const key = t.join(':');
      if (!seen.has(key)) {
        tags.push(t);
        seen.add(key);
      }
    }
    batch.tags.push(tags);
  }
  return batch;
}

function freshWorkspace(dir: string, name: string): AppContext {
  const file = path.join(dir, `${name}.sqlite`);
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  return startWorkspace(file, { sampleFile: null, now: () => GENERATION_NOW, noLock: true });
}

function dispose(ctx: AppContext): void {
  const file = ctx.workspace.path;
  ctx.workspace.close();
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
}

/** Milliseconds for the articles and for their tags, through the services. */
function throughParley(ctx: AppContext, batch: Batch): [number, number] {
  const { db } = ctx.workspace;
  const rel = listRelationships(db)[0]!;
  const codes = listCodes(db);
  const ids: number[] = [];
  let t = performance.now();
  db.transaction(() => {
    for (const a of batch.articles) {
      ids.push(
        createArticle(ctx, {
          title: a.title,
          outlet: a.outlet,
          author: '',
          url: '',
          publishedOn: a.publishedOn,
          relationshipId: rel.id,
          text: a.text,
        }).id,
      );
    }
  }).immediate();
  const articlesMs = performance.now() - t;
  t = performance.now();
  db.transaction(() => {
    batch.tags.forEach((tags, i) => {
      for (const [start, end, code, forward] of tags) {
        createAnnotation(ctx, {
          articleId: ids[i]!,
          start,
          end,
          codeId: codes[code]!.id,
          sourceActorId: forward ? rel.actorA.id : rel.actorB.id,
          targetActorId: forward ? rel.actorB.id : rel.actorA.id,
          confidence: 1,
          note: '',
        });
      }
    });
  }).immediate();
  return [articlesMs, performance.now() - t];
}

/** The same rows with bare prepared INSERTs (quotes, hashes and counts computed beforehand, outside the timing). */
function rawInsert(ctx: AppContext, batch: Batch): [number, number] {
  const { db } = ctx.workspace;
  const rel = listRelationships(db)[0]!;
  const codes = listCodes(db);
  const nowMs = GENERATION_NOW.getTime();
  const quotes = batch.tags.map((tags, i) => tags.map(([s, e]) => quoteSelector(batch.articles[i]!.text, s, e)));
  const insertArticle = db.prepare(
    `INSERT INTO articles (title, outlet, author, url, published_on, text, word_count, content_hash, relationship_id, is_sample, created_at_ms, updated_at_ms)
     VALUES (?, ?, '', '', ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertTag = db.prepare(
    `INSERT INTO annotations (article_id, code_id, source_actor_id, target_actor_id, start_offset, end_offset,
       quote_exact, quote_prefix, quote_suffix, confidence, event_date, note, created_at_ms, updated_at_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, '', ?, ?)`,
  );
  const ids: number[] = [];
  let t = performance.now();
  db.transaction(() => {
    for (const a of batch.articles) {
      ids.push(Number(insertArticle.run(a.title, a.outlet, a.publishedOn, a.text, a.words, a.hash, rel.id, nowMs, nowMs).lastInsertRowid));
    }
  }).immediate();
  const articlesMs = performance.now() - t;
  t = performance.now();
  db.transaction(() => {
    batch.tags.forEach((tags, i) => {
      tags.forEach(([start, end, code, forward], k) => {
        const q = quotes[i]![k]!;
        const [src, tgt] = forward ? [rel.actorA.id, rel.actorB.id] : [rel.actorB.id, rel.actorA.id];
        insertTag.run(
          ids[i],
          codes[code]!.id,
          src,
          tgt,
          start,
          end,
          q.exact,
          q.prefix,
          q.suffix,
          batch.articles[i]!.publishedOn,
          nowMs,
          nowMs,
        );
      });
    });
  }).immediate();
  return [articlesMs, performance.now() - t];
}

export async function run(_ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const n = opts.quick ? 200 : 2000;
  const dir = path.join(path.dirname(opts.workspaceFile), 'write-path');
  fs.mkdirSync(dir, { recursive: true });
  const probe = freshWorkspace(dir, 'probe');
  const codeCount = listCodes(probe.workspace.db).length;
  dispose(probe);
  const batch = makeBatch(n, codeCount);
  const rates = { parleyArticles: [] as number[], rawArticles: [] as number[], parleyTags: [] as number[], rawTags: [] as number[] };
  const repetitions = reps(opts.quick, 5, 2);
  for (let r = 0; r < repetitions; r++) {
    // Alternate which goes first so that neither always meets a warmer cache.
    for (const which of r % 2 === 0 ? (['parley', 'raw'] as const) : (['raw', 'parley'] as const)) {
      const ctx = freshWorkspace(dir, which);
      try {
        const [articlesMs, tagsMs] = which === 'parley' ? throughParley(ctx, batch) : rawInsert(ctx, batch);
        rates[`${which}Articles`].push(n / (articlesMs / 1000));
        rates[`${which}Tags`].push((n * TAGS_PER_ARTICLE) / (tagsMs / 1000));
      } finally {
        dispose(ctx);
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  // Rates: the "p95" is the slow side (the rate the slowest 5 % of runs fall below).
  const rate = (values: number[]) => {
    const s = summarize(values.map((v) => -v));
    return { median: -s.median, p95: -s.p95, runs: s.runs };
  };
  const pa = rate(rates.parleyArticles);
  const ra = rate(rates.rawArticles);
  const pt = rate(rates.parleyTags);
  const rt = rate(rates.rawTags);
  opts.log(
    `  articles: Parley ${pa.median.toFixed(0)}/s, raw ${ra.median.toFixed(0)}/s; tags: Parley ${pt.median.toFixed(0)}/s, raw ${rt.median.toFixed(0)}/s`,
  );
  return {
    'write path batch': `${n.toLocaleString('en')} articles of ~500 words, ${TAGS_PER_ARTICLE} tags each, one transaction per batch`,
    ...metric('article write path (createArticle)', pa, {
      unit: 'articles/s',
      target: `≥ ${ARTICLES_TARGET_PER_S}/s and ≥ 0.5 × raw`,
      ratio: pa.median / ra.median,
      pass: pa.median >= ARTICLES_TARGET_PER_S && pa.median / ra.median >= 0.5,
      note: 'floor: bare INSERT of the same rows in one transaction',
    }),
    ...metric('raw INSERT of the same articles (floor)', ra, { unit: 'articles/s' }),
    ...metric('tag write path (createAnnotation)', pt, {
      unit: 'tags/s',
      ratio: pt.median / rt.median,
      note: 'floor: bare INSERT of the same rows in one transaction',
    }),
    ...metric('raw INSERT of the same tags (floor)', rt, { unit: 'tags/s' }),
  };
}
