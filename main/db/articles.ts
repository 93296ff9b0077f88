import type { Article, ArticleSummary } from '../../shared/api/schemas';
import type { Db } from './connection';
import { stmt } from './statements';
import { present } from '../../shared/domain/present';
import type { LayerColumns, LayerKey } from '../../shared/agreement/layers';
import { requireLayer } from './layers';

export interface NewArticle {
  title: string;
  outlet: string;
  author: string;
  url: string;
  publishedOn: string;
  text: string;
  wordCount: number;
  contentHash: string;
  relationshipId: number | null;
  isSample?: boolean;
}

interface ArticleRow {
  id: number;
  title: string;
  outlet: string;
  author: string;
  url: string;
  published_on: string;
  relationship_id: number | null;
  is_sample: number;
  annotation_count: number;
  word_count: number;
  created_at_ms: number;
  text?: string;
  content_hash?: string;
}

function rowToSummary(r: ArticleRow): ArticleSummary {
  return {
    id: r.id,
    title: r.title,
    outlet: r.outlet,
    author: r.author,
    url: r.url,
    publishedOn: r.published_on,
    relationshipId: r.relationship_id,
    isSample: r.is_sample === 1,
    annotationCount: r.annotation_count,
    wordCount: r.word_count,
    createdAtMs: r.created_at_ms,
  };
}

function rowToArticle(r: ArticleRow): Article {
  return { ...rowToSummary(r), text: r.text ?? '', contentHash: r.content_hash ?? '' };
}

const SUMMARY_COLUMNS =
  'id, title, outlet, author, url, published_on, relationship_id, is_sample, annotation_count, word_count, created_at_ms';

export function insertArticle(db: Db, a: NewArticle, nowMs = Date.now()): number {
  const info = stmt(
    db,
    `INSERT INTO articles (title, outlet, author, url, published_on, text, word_count, content_hash, relationship_id, is_sample, created_at_ms, updated_at_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.title,
    a.outlet,
    a.author,
    a.url,
    a.publishedOn,
    a.text,
    a.wordCount,
    a.contentHash,
    a.relationshipId,
    a.isSample ? 1 : 0,
    nowMs,
    nowMs,
  );
  return Number(info.lastInsertRowid);
}

export function getArticle(db: Db, id: number): Article | null {
  const row = stmt(db, `SELECT ${SUMMARY_COLUMNS}, text, content_hash FROM articles WHERE id = ?`).get(id) as ArticleRow | undefined;
  return row ? rowToArticle(row) : null;
}

export function getArticleSummary(db: Db, id: number): ArticleSummary | null {
  const row = stmt(db, `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE id = ?`).get(id) as ArticleRow | undefined;
  return row ? rowToSummary(row) : null;
}

export function findArticleByHash(db: Db, contentHash: string): ArticleSummary | null {
  const row = stmt(db, `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE content_hash = ?`).get(contentHash) as ArticleRow | undefined;
  return row ? rowToSummary(row) : null;
}

export type ArticleSort = 'date-desc' | 'date-asc' | 'title' | 'outlet' | 'tags-desc';

const ORDER_BY: Record<ArticleSort, string> = {
  'date-desc': 'published_on DESC, id DESC',
  'date-asc': 'published_on ASC, id ASC',
  title: 'title COLLATE NOCASE, id',
  outlet: 'outlet COLLATE NOCASE, published_on DESC, id DESC',
  'tags-desc': 'annotation_count DESC, published_on DESC, id DESC',
};

export interface ArticleQuery {
  limit: number;
  offset: number;
  sort: ArticleSort;
  relationshipId?: number | undefined;
  codeId?: number | undefined;
  actorId?: number | undefined;
  outlet?: string | undefined;
  fromDate?: string | undefined;
  toDate?: string | undefined;
  /** The coder layer whose tags are counted and filtered on (default: the analyst's own, which the row keeps). */
  layer?: LayerKey | undefined;
}

const OWN: LayerColumns = { coder: '', consensus: 0 };
const IN_LAYER = 'an.coder = @coder AND an.consensus = @consensus';
/** Another layer's tag count of an article (annotations_layer index); the own layer's is kept on the row. */
const LAYER_COUNT = `(SELECT count(*) FROM annotations an WHERE an.article_id = articles.id AND ${IN_LAYER})`;

/** The WHERE clause and named parameters of a library query (only the filters that are set). */
function articleFilter(q: ArticleQuery): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const layer = q.layer === undefined ? OWN : requireLayer(q.layer);
  const params: Record<string, unknown> = { coder: layer.coder, consensus: layer.consensus };
  if (q.relationshipId !== undefined) {
    clauses.push('relationship_id = @relationshipId');
    params.relationshipId = q.relationshipId;
  }
  if (q.codeId !== undefined) {
    clauses.push(
      `EXISTS (SELECT 1 FROM annotations an JOIN codes c ON c.id = an.code_id WHERE an.article_id = articles.id AND ${IN_LAYER} AND (c.id = @codeId OR c.parent_id = @codeId))`,
    );
    params.codeId = q.codeId;
  }
  if (q.actorId !== undefined) {
    clauses.push(
      `EXISTS (SELECT 1 FROM annotations an WHERE an.article_id = articles.id AND ${IN_LAYER} AND (an.source_actor_id = @actorId OR an.target_actor_id = @actorId))`,
    );
    params.actorId = q.actorId;
  }
  if (q.outlet !== undefined) {
    clauses.push('outlet = @outlet');
    params.outlet = q.outlet;
  }
  if (q.fromDate !== undefined) {
    clauses.push('published_on >= @fromDate');
    params.fromDate = q.fromDate;
  }
  if (q.toDate !== undefined) {
    clauses.push('published_on <= @toDate');
    params.toDate = q.toDate;
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * One page of summaries. The page's ids are found first on the ordering
 * index alone (an index-only scan, so skipping 90,000 entries costs about a
 * millisecond), then only those rows are read: OFFSET over full rows would
 * read every skipped row, several kilobytes of text each.
 */
export function listArticles(db: Db, q: ArticleQuery): { items: ArticleSummary[]; total: number } {
  const { where, params } = articleFilter(q);
  const own = params.coder === OWN.coder && params.consensus === OWN.consensus;
  const order = q.sort === 'tags-desc' && !own ? `${LAYER_COUNT} DESC, published_on DESC, id DESC` : ORDER_BY[q.sort];
  const ids = stmt(db, `SELECT id FROM articles ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({
    ...params,
    limit: q.limit,
    offset: q.offset,
  }) as { id: number }[];
  const total = (stmt(db, `SELECT count(*) AS n FROM articles ${where}`).get(params) as { n: number }).n;
  const countSql = `SELECT ${LAYER_COUNT} AS n FROM articles WHERE id = @id`;
  const items = ids.map((r) => {
    const summary = present(getArticleSummary(db, r.id), `article ${r.id}, just listed`);
    if (own) return summary;
    const n = (stmt(db, countSql).get({ ...params, id: r.id }) as { n: number }).n;
    return { ...summary, annotationCount: n };
  });
  return { items, total };
}

export function listOutlets(db: Db): { outlet: string; count: number }[] {
  return stmt(
    db,
    "SELECT outlet, count(*) AS count FROM articles WHERE outlet <> '' GROUP BY outlet ORDER BY outlet COLLATE NOCASE",
  ).all() as {
    outlet: string;
    count: number;
  }[];
}

export function deleteArticle(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM articles WHERE id = ?').run(id).changes === 1;
}

export function sampleArticleIds(db: Db): number[] {
  return (stmt(db, 'SELECT id FROM articles WHERE is_sample = 1 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

export function countArticles(db: Db): { all: number; sample: number } {
  // Two counts, each served by an index (the smallest one, and articles_sample), never by reading the articles' rows.
  const row = stmt(
    db,
    'SELECT (SELECT count(*) FROM articles) AS all_n, (SELECT count(*) FROM articles WHERE is_sample = 1) AS sample_n',
  ).get() as {
    all_n: number;
    sample_n: number;
  };
  return { all: row.all_n, sample: row.sample_n };
}

/** The details an analyst corrects (the text has a function of its own, see setArticleText). */
export interface ArticleMeta {
  title: string;
  outlet: string;
  author: string;
  url: string;
  publishedOn: string;
}

export function updateArticleMeta(db: Db, id: number, m: ArticleMeta, nowMs: number): void {
  stmt(db, 'UPDATE articles SET title = ?, outlet = ?, author = ?, url = ?, published_on = ?, updated_at_ms = ? WHERE id = ?').run(
    m.title,
    m.outlet,
    m.author,
    m.url,
    m.publishedOn,
    nowMs,
    id,
  );
}

/** Replaces an article's text with its word count and hash; the caller re-anchors its annotations. */
export function setArticleText(db: Db, id: number, t: { text: string; wordCount: number; contentHash: string }, nowMs: number): void {
  stmt(db, 'UPDATE articles SET text = ?, word_count = ?, content_hash = ?, updated_at_ms = ? WHERE id = ?').run(
    t.text,
    t.wordCount,
    t.contentHash,
    nowMs,
    id,
  );
}

/** The articles that carry annotations, with their text, in id order (a colleague's workspace read for a merge). */
export function listAnnotatedArticles(db: Db): Article[] {
  return (
    stmt(
      db,
      `SELECT ${SUMMARY_COLUMNS}, text, content_hash FROM articles WHERE id IN (SELECT article_id FROM annotations) ORDER BY id`,
    ).all() as ArticleRow[]
  ).map(rowToArticle);
}
