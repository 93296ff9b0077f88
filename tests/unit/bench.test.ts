import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { apportion, generateWorkspace } from '../../bench/generate';
import { parseMetricKey, rowsOf } from '../../bench/report';
import { metric, quantile } from '../../bench/measure';
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
