/**
 * Full-text search with FTS5 over article titles and text (articles_fts) and
 * annotation notes (notes_fts); both are external-content tables kept in sync
 * by triggers (migration 2). Snippets mark matches with \u0002 … \u0003, which
 * cannot occur in normalized text, and are split into parts for the renderer.
 */
import type { Db } from './connection';
import { stmt } from './statements';

export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

/**
 * Turns what the analyst typed into an FTS5 query that cannot be a syntax
 * error: "quoted phrases" stay phrases, every other word is quoted on its own,
 * and all must match. Null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|([\p{L}\p{N}]+)/gu;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    const words = (m[1] ?? m[2] ?? '').match(/[\p{L}\p{N}]+/gu);
    if (words && words.length > 0) parts.push(`"${words.join(' ')}"`);
  }
  return parts.length > 0 ? parts.join(' AND ') : null;
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of marked.split(MARK_OPEN)) {
    const close = piece.indexOf(MARK_CLOSE);
    if (close < 0) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, close), match: true });
    if (close + 1 < piece.length) parts.push({ text: piece.slice(close + 1), match: false });
  }
  return parts;
}

export interface ArticleHitRow {
  id: number;
  title: string;
  outlet: string;
  publishedOn: string;
  snippet: string;
  titleMarked: string;
  score: number;
}

/** Title matches weigh more than text matches. */
export const ARTICLE_SEARCH_SQL = `
  SELECT a.id, a.title, a.outlet, a.published_on AS publishedOn,
         snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snippet,
         highlight(articles_fts, 0, char(2), char(3)) AS titleMarked,
         bm25(articles_fts, 8.0, 1.0) AS score
  FROM articles_fts
  JOIN articles a ON a.id = articles_fts.rowid
  WHERE articles_fts MATCH ?
  ORDER BY score
  LIMIT ?`;

export function searchArticles(db: Db, query: string, limit: number): ArticleHitRow[] {
  return stmt(db, ARTICLE_SEARCH_SQL).all(query, limit) as ArticleHitRow[];
}

export interface NoteHitRow {
  annotationId: number;
  articleId: number;
  title: string;
  snippet: string;
  score: number;
}

export function searchNotes(db: Db, query: string, limit: number): NoteHitRow[] {
  return stmt(
    db,
    `SELECT an.id AS annotationId, an.article_id AS articleId, ar.title,
            snippet(notes_fts, 0, char(2), char(3), '…', 24) AS snippet, bm25(notes_fts) AS score
     FROM notes_fts
     JOIN annotations an ON an.id = notes_fts.rowid
     JOIN articles ar ON ar.id = an.article_id
     WHERE notes_fts MATCH ?
     ORDER BY score
     LIMIT ?`,
  ).all(query, limit) as NoteHitRow[];
}

/** The bare FTS5 query the benchmark compares Parley's API against. */
export const BARE_ARTICLE_SEARCH = `
  SELECT rowid, snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snippet
  FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 8.0, 1.0) LIMIT ?`;
