/** The near-duplicate index (migration 14): fingerprints of saved articles and look-ups by band key. */
import { bandKeys, BANDS, sameArticle, signatureOf } from '../../shared/text/fingerprint';
import type { Db } from './connection';
import type { ArticleRef } from './importLookups';
import { stmt } from './statements';

const toBlob = (sig: Uint32Array) => Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
const fromBlob = (b: Buffer) => new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** Keeps an article's fingerprint (a new article, or one whose text changed). */
export function saveFingerprint(db: Db, articleId: number, signature: Uint32Array): void {
  saveFingerprints(db, [{ articleId, signature }]);
}

/** Rows per multi-row INSERT: one statement step binds an array of 2 × ROWS values (no spread), a third cheaper than a step per row. */
const ROWS = 64;
const values = (n: number) => Array.from({ length: n }, () => '(?, ?)').join(', ');

/** Inserts [a, b] pairs with `head` ("INSERT … (a, b) VALUES"), ROWS to a statement. */
function insertPairs(db: Db, head: string, pairs: readonly (readonly [unknown, unknown])[]): void {
  const many = stmt(db, `${head} ${values(ROWS)}`);
  const one = stmt(db, `${head} ${values(1)}`);
  const args: unknown[] = new Array<unknown>(2 * ROWS);
  let i = 0;
  for (; i + ROWS <= pairs.length; i += ROWS) {
    for (let j = 0; j < ROWS; j++) {
      const [a, b] = pairs[i + j] ?? [null, null];
      args[2 * j] = a;
      args[2 * j + 1] = b;
    }
    many.run(args);
  }
  for (; i < pairs.length; i++) one.run(pairs[i]);
}

/**
 * Keeps the fingerprints of many articles (an import's batch). Band keys are
 * random, so they are inserted in key order: the index is walked once rather
 * than jumped about (half the work of sixteen-row statements article by
 * article; bench `import`). They go into the small recent table (migration 25),
 * whose pages they fill one after another, rather than into every leaf of the
 * large one; moveRecentBands brings them over later, many imports' at a time.
 */
export function saveFingerprints(db: Db, list: readonly { articleId: number; signature: Uint32Array }[]): void {
  insertPairs(
    db,
    'INSERT OR REPLACE INTO article_fingerprints (article_id, signature) VALUES',
    list.map((f) => [f.articleId, toBlob(f.signature)] as const),
  );
  const rows = list.flatMap((f) => bandKeys(f.signature).map((key) => [key, f.articleId] as const));
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  insertPairs(db, 'INSERT OR IGNORE INTO article_bands_recent (band_key, article_id) VALUES', rows);
}

/**
 * Whether any article lacks a fingerprint. Every fingerprint belongs to an article (a foreign key), so equal counts
 * mean none is missing: two counts take some 25 ms at 100,000 articles, where looking for a missing one took 300 ms
 * (a probe per article) and held every import's start.
 */
export function anyFingerprintMissing(db: Db): boolean {
  return (
    (stmt(db, 'SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM article_fingerprints)').pluck().get() as number) > 0
  );
}

/** Fingerprints up to `limit` articles that have none yet (older workspaces, restored backups, corrected texts); returns how many. */
export function fingerprintMissing(db: Db, limit: number): number {
  const missing = stmt(
    db,
    'SELECT a.id, a.text FROM articles a LEFT JOIN article_fingerprints f ON f.article_id = a.id WHERE f.article_id IS NULL LIMIT ?',
  ).all(limit) as { id: number; text: string }[];
  db.transaction(() => saveFingerprints(db, missing.map((a) => ({ articleId: a.id, signature: signatureOf(a.text) }))))();
  return missing.length;
}

/**
 * The recent band table is moved into the large one once it holds more than a quarter as many rows (and more than
 * a few thousand articles' worth): each row is then moved a few times over the workspace's life, not once per
 * import, and a look-up reads two small ranges instead of one.
 */
const RECENT_SHARE = 0.25;
const MIN_RECENT_ROWS = 5_000 * BANDS;

/** Whether the recent band rows are due to be moved into article_bands (see moveRecentBands). */
export function recentBandsDue(db: Db): boolean {
  const recent = stmt(db, 'SELECT count(*) FROM article_bands_recent').pluck().get() as number;
  // Every saved article has one fingerprint and BANDS rows, so the largest article id bounds all rows cheaply (no count).
  const all = ((stmt(db, 'SELECT max(article_id) FROM article_fingerprints').pluck().get() as number | null) ?? 0) * BANDS;
  return recent > Math.max(MIN_RECENT_ROWS, RECENT_SHARE * Math.max(0, all - recent));
}

/** Band rows moved per transaction by an import (moveRecentBands): a fraction of a second of the workspace thread. */
export const BAND_SLICE_ROWS = 50_000;

/**
 * Moves about `rows` recent band rows (the lowest keys) into article_bands, in one transaction; returns how many.
 * A row is in one table or the other at every commit, so look-ups between slices find everything.
 */
export function moveRecentBands(db: Db, rows: number): number {
  // The key of the slice's last row; fewer rows left than a slice: all of them (keys are below 2^37).
  const last =
    (stmt(db, 'SELECT band_key FROM article_bands_recent ORDER BY band_key LIMIT 1 OFFSET ?')
      .pluck()
      .get(Math.max(0, rows - 1)) as number | undefined) ?? Number.MAX_SAFE_INTEGER;
  return db.transaction(() => {
    // Rows of an article deleted (or whose text changed) since are left behind: they would never be a match.
    stmt(
      db,
      `INSERT OR IGNORE INTO article_bands (band_key, article_id) SELECT band_key, article_id FROM article_bands_recent r
       WHERE band_key <= ? AND EXISTS (SELECT 1 FROM article_fingerprints f WHERE f.article_id = r.article_id)`,
    ).run(last);
    return stmt(db, 'DELETE FROM article_bands_recent WHERE band_key <= ?').run(last).changes;
  })();
}

/** An article's saved fingerprint, or null when it has none yet. */
export function fingerprintOf(db: Db, articleId: number): Uint32Array | null {
  const blob = stmt(db, 'SELECT signature FROM article_fingerprints WHERE article_id = ?').pluck().get(articleId) as Buffer | undefined;
  return blob ? fromBlob(blob) : null;
}

const IN_BANDS = `(${Array.from({ length: BANDS }, () => '?').join(', ')})`;
/** A signature's band keys for the look-up's two tables. */
const keysTwice = (sig: Uint32Array) => {
  const keys = bandKeys(sig);
  return [...keys, ...keys];
};

/** The saved article most like this text, if any is alike enough to be the same article. */
export function nearestArticle(db: Db, sig: Uint32Array, text: string): (ArticleRef & { similarity: number; text: string }) | null {
  const candidates = stmt(
    db,
    `SELECT DISTINCT b.article_id AS id, f.signature AS signature FROM (
       SELECT article_id FROM article_bands WHERE band_key IN ${IN_BANDS}
       UNION ALL SELECT article_id FROM article_bands_recent WHERE band_key IN ${IN_BANDS}
     ) b JOIN article_fingerprints f ON f.article_id = b.article_id`,
  ).all(...keysTwice(sig)) as { id: number; signature: Buffer }[];
  let best: (ArticleRef & { similarity: number; text: string }) | null = null;
  for (const c of candidates) {
    let row: (ArticleRef & { text: string }) | undefined;
    const textOf = () => {
      row ??= stmt(
        db,
        'SELECT id, title, published_on AS publishedOn, annotation_count AS annotationCount, content_hash AS contentHash, text FROM articles WHERE id = ?',
      ).get(c.id) as (ArticleRef & { text: string }) | undefined;
      return row?.text ?? '';
    };
    const s = sameArticle(sig, fromBlob(c.signature), () => text, textOf);
    if (s !== null && row && (!best || s > best.similarity)) best = { ...row, similarity: s };
  }
  return best;
}
