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

/**
 * Title matches weigh more than text matches. Ranking first and making
 * snippets only for the top rows matters: in one ORDER BY … LIMIT query SQLite
 * would build a snippet for every matching article before sorting.
 *
 * Measured at 100,000 articles (bench/scenarios/search.ts), and kept this
 * shape because nothing else was faster: the cost is FTS5 scoring every match
 * with bm25 (about half a microsecond per matching article, so ~50 ms for a
 * word in every article) plus snippets for the 20 kept (~1–2 ms); the second
 * MATCH that the snippets need costs under 0.5 ms. `ORDER BY rank` with
 * `rank MATCH 'bm25(8.0, 1.0)'` took twice as long (FTS5 sorts through an
 * internal SQL statement); snippets by a second statement over
 * `rowid IN (…)` or one per rowid were no faster; merging the index into one
 * segment ('optimize', 2.3 s at 100,000 articles) and a 64 MB page cache or
 * memory-mapping changed nothing measurable.
 *
 * A trap for whoever changes this: with better-sqlite3 a JavaScript number is
 * bound as REAL, and FTS5 ignores `rowid = ?` bound to a REAL when the query
 * also has a MATCH — it returns every match. Join on a rowid read from SQLite
 * (as here) or bind a BigInt.
 */
export const ARTICLE_SEARCH_SQL = `
  WITH top AS (
    SELECT rowid AS id, bm25(articles_fts, 8.0, 1.0) AS score
    FROM articles_fts WHERE articles_fts MATCH @query ORDER BY score LIMIT @limit
  )
  SELECT a.id, a.title, a.outlet, a.published_on AS publishedOn,
         snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snippet,
         highlight(articles_fts, 0, char(2), char(3)) AS titleMarked,
         top.score
  FROM top
  CROSS JOIN articles_fts ON articles_fts.rowid = top.id
  JOIN articles a ON a.id = top.id
  WHERE articles_fts MATCH @query
  ORDER BY top.score`;

export function searchArticles(db: Db, query: string, limit: number): ArticleHitRow[] {
  return stmt(db, ARTICLE_SEARCH_SQL).all({ query, limit }) as ArticleHitRow[];
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
    `WITH top AS (SELECT rowid AS id, bm25(notes_fts) AS score FROM notes_fts WHERE notes_fts MATCH @query ORDER BY score LIMIT @limit)
     SELECT an.id AS annotationId, an.article_id AS articleId, ar.title,
            snippet(notes_fts, 0, char(2), char(3), '…', 24) AS snippet, top.score
     FROM top
     CROSS JOIN notes_fts ON notes_fts.rowid = top.id
     JOIN annotations an ON an.id = top.id
     JOIN articles ar ON ar.id = an.article_id
     WHERE notes_fts MATCH @query
     ORDER BY top.score`,
  ).all({ query, limit }) as NoteHitRow[];
}

/**
 * The benchmark's floor: the bare FTS5 ranking, top N rowids by the same bm25
 * weights, without snippets or article columns.
 */
export const BARE_ARTICLE_RANKING = `
  SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 8.0, 1.0) LIMIT ?`;

/** The naive one-statement query (a snippet made for every match before sorting), for comparison in the benchmark. */
export const BARE_ARTICLE_SEARCH = `
  SELECT rowid, snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snippet
  FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 8.0, 1.0) LIMIT ?`;
