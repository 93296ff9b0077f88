/** The rows a backup preview compares: identities (id and creation time, so a reused id is not taken for the same row) and labels. */
import type Database from 'better-sqlite3';

export interface Identity {
  id: number;
  createdAtMs: number;
  hash: string;
}

export function articleIdentities(db: Database.Database): Identity[] {
  return db.prepare('SELECT id, created_at_ms AS createdAtMs, content_hash AS hash FROM articles').all() as Identity[];
}

export function tagIdentities(db: Database.Database): Identity[] {
  return db.prepare("SELECT id, created_at_ms AS createdAtMs, '' AS hash FROM annotations").all() as Identity[];
}

export function articleLabels(db: Database.Database, ids: number[]): { id: number; title: string; publishedOn: string }[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT id, title, published_on AS publishedOn FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY created_at_ms DESC, id DESC`,
    )
    .all(JSON.stringify(ids)) as { id: number; title: string; publishedOn: string }[];
}

export function tagLabels(db: Database.Database, ids: number[]): { id: number; articleTitle: string; codeName: string; exact: string }[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT n.id, a.title AS articleTitle, c.name AS codeName, n.quote_exact AS exact
         FROM annotations n JOIN articles a ON a.id = n.article_id JOIN codes c ON c.id = n.code_id
        WHERE n.id IN (SELECT value FROM json_each(?)) ORDER BY n.created_at_ms DESC, n.id DESC`,
    )
    .all(JSON.stringify(ids)) as { id: number; articleTitle: string; codeName: string; exact: string }[];
}
