import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { apportion, generateWorkspace } from '../../bench/generate';
import { parseMetricKey, rowsOf } from '../../bench/report';
import { metric, quantile } from '../../bench/measure';
import { createRng } from '../../bench/rng';
import { rows as highlightRows } from '../../bench/scenarios/highlights';
import { FUNCTION_WORDS, randomPassage, syntheticArticle } from '../../bench/text';
import { tempDir } from '../helpers/workspace';

const dir = tempDir('parley-bench-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function contentOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      articles: db.prepare('SELECT title, outlet, published_on, text, relationship_id, annotation_count FROM articles ORDER BY id').all(),
      annotations: db
        .prepare(
          'SELECT article_id, code_id, source_actor_id, target_actor_id, start_offset, end_offset, quote_exact, confidence, event_date FROM annotations ORDER BY id',
        )
        .all(),
      relationships: (db.prepare('SELECT count(*) AS n FROM relationships').get() as { n: number }).n,
      actors: (db.prepare('SELECT count(*) AS n FROM actors').get() as { n: number }).n,
      changes: (db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('the benchmark workspace generator', () => {
  it('writes the same workspace for the same seed, through the services (change log included)', () => {
    const a = path.join(dir, 'a.sqlite');
    const b = path.join(dir, 'b.sqlite');
    const stats = generateWorkspace(a, { articles: 60, seed: 7, log: () => {} });
    generateWorkspace(b, { articles: 60, seed: 7, log: () => {} });
    const [x, y] = [contentOf(a), contentOf(b)];
    expect(x).toEqual(y);
    expect(x.articles).toHaveLength(60);
    expect(x.annotations).toHaveLength(600);
    expect(stats.annotations).toBe(600);
    expect(x.actors).toBe(8);
    expect(x.relationships).toBe(10);
    // One change-log entry per article and per annotation: the services' path, not a side door.
    expect(x.changes).toBe(660);
    // The most-tagged article is the first one, with a fifth of the tags at this size.
    expect((x.articles[0] as { annotation_count: number }).annotation_count).toBe(120);
    const other = path.join(dir, 'c.sqlite');
    generateWorkspace(other, { articles: 60, seed: 8, log: () => {} });
    expect(contentOf(other).articles).not.toEqual(x.articles);
  });

  it('apportions exactly the total, never above the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 500 }),
        (w, total) => {
          const weights = Float64Array.from(w);
          const cap = Math.max(1, Math.ceil(total / weights.length) + 3);
          const counts = apportion(weights, total, cap);
          expect(counts.reduce((s, c) => s + c, 0)).toBe(total);
          for (const c of counts) expect(c).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the synthetic text', () => {
  it('has the word frequencies of news text, and word spans on word boundaries', () => {
    const rng = createRng(5);
    const articles = 1000;
    const docs = new Map<string, number>();
    const badSpans: string[] = [];
    const stop = new Set(FUNCTION_WORDS.flatMap((w) => w.toLowerCase().split(' ')));
    for (let i = 0; i < articles; i++) {
      const a = syntheticArticle(rng, 500, ['United States', 'China'], i + 1);
      // (The first "word" is the dateline, "(Dispatch N)".)
      for (let k = 2; k < a.wordSpans.length; k += 2) {
        const [s, e] = [a.wordSpans[k]!, a.wordSpans[k + 1]!];
        const ok = /^\S+$/.test(a.text.slice(s, e)) && /\s/.test(a.text[s - 1]!) && (e === a.text.length || /\s/.test(a.text[e]!));
        if (!ok) badSpans.push(`${i}:${s}-${e}`);
      }
      const [ps, pe] = randomPassage(rng, a);
      if (a.text.slice(ps, pe).includes('\n')) badSpans.push(`passage ${i}:${ps}-${pe}`);
      for (const w of new Set(a.text.toLowerCase().match(/\p{L}+/gu)))
        if (!stop.has(w) && w !== 'dispatch' && w !== 'united' && w !== 'states' && w !== 'china') docs.set(w, (docs.get(w) ?? 0) + 1);
    }
    expect(badSpans).toEqual([]);
    const shares = [...docs.values()].map((n) => n / articles).sort((x, y) => y - x);
    // Tens of thousands of distinct content words; the commonest in about a third of the articles,
    // the 1,000th in a few per cent, the 10,000th in well under one per cent.
    expect(shares.length).toBeGreaterThan(30_000);
    expect(shares[0]).toBeGreaterThan(0.2);
    expect(shares[0]).toBeLessThan(0.5);
    expect(shares[999]).toBeGreaterThan(0.01);
    expect(shares[999]).toBeLessThan(0.08);
    expect(shares[9999]).toBeLessThan(0.01);
  });
});

describe('the highlight benchmark rows', () => {
  const base = {
    textChars: 91_000,
    annotations: 2000,
    paintMedianMs: 30,
    paintP95Ms: 35,
    emptyFrameMedianMs: 12,
    emptyFrameP95Ms: 13,
    clicks: 300,
    clicksCorrect: 300,
    clickMedianMs: 0.1,
    clickP95Ms: 0.2,
    clickMaxMs: 0.4,
    caretMedianMs: 0.09,
    caretP95Ms: 0.18,
    timerResolutionMs: 0.005,
    markMedianMs: 70,
  };
  it('judges a click on the slowest of them and a paint on its median', () => {
    const pass = rowsOf('highlights', highlightRows(base)).metrics;
    expect(pass.filter((m) => m.target).map((m) => m.result)).toEqual(['pass', 'pass']);
    const slow = rowsOf('highlights', highlightRows({ ...base, clickMaxMs: 1.2, paintMedianMs: 61 })).metrics;
    expect(slow.filter((m) => m.target).map((m) => [m.target, m.result])).toEqual([
      ['≤ 60 ms median', 'miss'],
      ['≤ 1 ms every click', 'miss'],
    ]);
  });
});

describe('the benchmark report', () => {
  it('reads metrics written with metric() and with looser key names', () => {
    expect(parseMetricKey('search top-20.median')).toEqual({ name: 'search top-20', field: 'median', ms: false });
    expect(parseMetricKey('paint_p95_ms')).toEqual({ name: 'paint', field: 'p95', ms: true });
    expect(parseMetricKey('incrementalMedianMs')).toEqual({ name: 'incremental', field: 'median', ms: true });
    expect(parseMetricKey('articles imported')).toBeNull();
    expect(parseMetricKey('medianMs')).toEqual({ name: '', field: 'median', ms: true });
    expect(rowsOf('search', { median_ms: 3, p95_ms: 9 }).metrics).toEqual([
      { scenario: 'search', metric: 'search', median: 3, p95: 9, unit: 'ms', target: '', ratio: null, result: '', note: '' },
    ]);
    const { metrics, details } = rowsOf('demo', {
      ...metric('list', { median: 1.234, p95: 4.5 }, { unit: 'ms', target: '≤ 5 ms', pass: true, ratio: 2 }),
      paint_median_ms: 40,
      paint_p95_ms: 70,
      paint_pass: 'miss',
      'articles imported': 500,
    });
    expect(metrics).toEqual([
      { scenario: 'demo', metric: 'list', median: 1.23, p95: 4.5, unit: 'ms', target: '≤ 5 ms', ratio: 2, result: 'pass', note: '' },
      { scenario: 'demo', metric: 'paint', median: 40, p95: 70, unit: 'ms', target: '', ratio: null, result: 'miss', note: '' },
    ]);
    expect(details).toEqual([{ scenario: 'demo', key: 'articles imported', value: 500 }]);
  });

  it('takes quantiles by nearest rank', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(10);
    expect(quantile(sorted, 0.95)).toBe(19);
    expect(quantile([3], 0.95)).toBe(3);
  });
});
