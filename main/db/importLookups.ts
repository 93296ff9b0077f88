/** Queries the importer needs to find duplicates and look-alikes (indexes from migration 4). */
import type { Db } from './connection';
import { stmt } from './statements';

export interface ArticleRef {
  id: number;
  title: string;
  publishedOn: string;
  annotationCount: number;
  contentHash: string;
}

const REF = 'id, title, published_on AS publishedOn, annotation_count AS annotationCount, content_hash AS contentHash';

export function articleByHash(db: Db, contentHash: string): ArticleRef | null {
  return (stmt(db, `SELECT ${REF} FROM articles WHERE content_hash = ?`).get(contentHash) as ArticleRef | undefined) ?? null;
}

/**
 * `url <> ''` lets SQLite use the partial index articles_url (WHERE url <> ''): without it every
 * look-up scanned the whole table, ~3 s each in a workspace of 100,000 articles (import-lookups.test.ts).
 */
export const BY_URL_SQL = `SELECT ${REF} FROM articles WHERE url = ? AND url <> '' AND content_hash <> ? ORDER BY id LIMIT 1`;

/** An article with the same URL, or else the same title (ignoring case), but other text. */
export function lookAlike(db: Db, url: string, title: string, contentHash: string): (ArticleRef & { by: 'url' | 'title' }) | null {
  if (url) {
    const byUrl = stmt(db, BY_URL_SQL).get(url, contentHash) as ArticleRef | undefined;
    if (byUrl) return { ...byUrl, by: 'url' };
  }
  const byTitle = stmt(db, `SELECT ${REF} FROM articles WHERE title = ? COLLATE NOCASE AND content_hash <> ? ORDER BY id LIMIT 1`).get(
    title,
    contentHash,
  ) as ArticleRef | undefined;
  return byTitle ? { ...byTitle, by: 'title' } : null;
}
