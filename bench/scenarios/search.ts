/**
 * Full-text search benchmark: top 20 articles with snippets through Parley's
 * API (the dispatcher, zod and all, as the renderer calls it) against the bare
 * FTS5 query on the same connection. Targets (issue 3): ≤ 10 ms median and
 * ≤ 120 ms 95th percentile at 100,000 articles.
 *
 * The search words are drawn from the workspace's own articles, so the
 * scenario works on whatever data the harness generated: a spread of rare and
 * common words, plus two-word queries.
 */
import { createDispatch } from '../../main/api/dispatch';
import { BARE_ARTICLE_SEARCH, ftsQuery } from '../../main/db/search';
import type { AppContext } from '../../main/services/context';

const QUERY_COUNT = 40;
const ROUNDS = 5;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A deterministic pseudo-random sequence, so that runs search the same words. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function pickQueries(ctx: AppContext): string[] {
  const db = ctx.workspace.db;
  const { maxId } = db.prepare('SELECT coalesce(max(id), 0) AS maxId FROM articles').get() as { maxId: number };
  const rand = lcg(20260615);
  const words: string[] = [];
  const byId = db.prepare('SELECT text FROM articles WHERE id >= ? ORDER BY id LIMIT 1');
  for (let tries = 0; words.length < QUERY_COUNT && tries < QUERY_COUNT * 10; tries++) {
    const row = byId.get(1 + Math.floor(rand() * maxId)) as { text: string } | undefined;
    const candidates = row?.text.match(/\p{L}{4,}/gu) ?? [];
    if (candidates.length === 0) continue;
    const w = candidates[Math.floor(rand() * candidates.length)]!;
    // Every fourth query has two words (both must match).
    words.push(words.length % 4 === 3 ? `${w} ${candidates[Math.floor(rand() * candidates.length)]!}` : w);
  }
  return words;
}

export async function run(ctx: AppContext, opts: { log(line: string): void }): Promise<Record<string, number>> {
  const db = ctx.workspace.db;
  const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  const queries = pickQueries(ctx);
  if (queries.length === 0) {
    opts.log('search: the workspace has no article text to draw search words from; nothing measured');
    return { articles, queries: 0 };
  }
  const dispatch = createDispatch(ctx, () => {});
  const bare = db.prepare(BARE_ARTICLE_SEARCH);
  const api: number[] = [];
  const raw: number[] = [];
  let hits = 0;

  // Warm the page cache and the statement cache once; every query is then timed ROUNDS times each way.
  for (const q of queries) {
    await dispatch('search:query', { text: q, limit: 20 });
    bare.all(ftsQuery(q), 20);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      let t = performance.now();
      const r = await dispatch('search:query', { text: q, limit: 20 });
      api.push(performance.now() - t);
      if (!r.ok) throw new Error(`search:query failed for "${q}": ${r.error.message}`);
      if (round === 0) hits += (r.value as { articles: unknown[] }).articles.length;
      const fts = ftsQuery(q);
      t = performance.now();
      bare.all(fts, 20);
      raw.push(performance.now() - t);
    }
  }
  api.sort((a, b) => a - b);
  raw.sort((a, b) => a - b);
  const result = {
    articles,
    queries: queries.length,
    samples: api.length,
    meanHitsPerQuery: hits / queries.length,
    apiMedianMs: percentile(api, 50),
    apiP95Ms: percentile(api, 95),
    apiMaxMs: api[api.length - 1]!,
    bareMedianMs: percentile(raw, 50),
    bareP95Ms: percentile(raw, 95),
  };
  opts.log(
    `search: ${articles.toLocaleString('en')} articles, ${queries.length} queries × ${ROUNDS}: ` +
      `API median ${result.apiMedianMs.toFixed(2)} ms, p95 ${result.apiP95Ms.toFixed(2)} ms ` +
      `(bare FTS5 median ${result.bareMedianMs.toFixed(2)} ms, p95 ${result.bareP95Ms.toFixed(2)} ms); ` +
      `targets ≤ 10 ms median, ≤ 120 ms p95`,
  );
  return result;
}
