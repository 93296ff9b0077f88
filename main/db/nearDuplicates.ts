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
 * article; bench `import`).
 */
export function saveFingerprints(db: Db, list: readonly { articleId: number; signature: Uint32Array }[]): void {
  insertPairs(
    db,
    'INSERT OR REPLACE INTO article_fingerprints (article_id, signature) VALUES',
    list.map((f) => [f.articleId, toBlob(f.signature)] as const),
  );
  const rows = list.flatMap((f) => bandKeys(f.signature).map((key) => [key, f.articleId] as const));
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  insertPairs(db, 'INSERT OR IGNORE INTO article_bands (band_key, article_id) VALUES', rows);
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
  db.transaction(() => {
    for (const a of missing) saveFingerprint(db, a.id, signatureOf(a.text));
  })();
  return missing.length;
}

/** An article's saved fingerprint, or null when it has none yet. */
export function fingerprintOf(db: Db, articleId: number): Uint32Array | null {
  const blob = stmt(db, 'SELECT signature FROM article_fingerprints WHERE article_id = ?').pluck().get(articleId) as Buffer | undefined;
  return blob ? fromBlob(blob) : null;
}

const IN_BANDS = `(${Array.from({ length: BANDS }, () => '?').join(', ')})`;

/** The saved article most like this text, if any is alike enough to be the same article. */
export function nearestArticle(db: Db, sig: Uint32Array, text: string): (ArticleRef & { similarity: number; text: string }) | null {
  const candidates = stmt(
    db,
    `SELECT DISTINCT b.article_id AS id, f.signature AS signature FROM article_bands b
     JOIN article_fingerprints f ON f.article_id = b.article_id WHERE b.band_key IN ${IN_BANDS}`,
  ).all(...bandKeys(sig)) as { id: number; signature: Buffer }[];
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
