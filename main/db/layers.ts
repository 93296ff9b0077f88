/** SQL of coder layers (migration 9): which layers exist, their passages, and the adjudicated articles. */
import { CONSENSUS_LAYER, layerColumns, layerKey, OWN_LAYER, type LayerKey } from '../../shared/agreement/layers';
import { ApiError } from '../../shared/api/errors';
import type { Db } from './connection';
import { stmt } from './statements';

export interface LayerSummaryRow {
  key: LayerKey;
  passages: number;
  articles: number;
}

export function listLayerSummaries(db: Db): LayerSummaryRow[] {
  const rows = stmt(
    db,
    `SELECT coder, consensus, count(*) AS passages, count(DISTINCT article_id) AS articles
     FROM annotations GROUP BY coder, consensus ORDER BY consensus DESC, coder`,
  ).all() as { coder: string; consensus: number; passages: number; articles: number }[];
  return rows.map((r) => ({ key: layerKey(r.coder, r.consensus), passages: r.passages, articles: r.articles }));
}

export function requireLayer(key: LayerKey): { coder: string; consensus: 0 | 1 } {
  const cols = layerColumns(key);
  if (!cols) throw new ApiError('BAD_INPUT', `“${key}” is not a coder layer. Use own, consensus or coder:<name>.`);
  return cols;
}

/** One passage of a layer with what its contribution to the score is made of. */
export interface LayerPassageRow {
  id: number;
  articleId: number;
  start: number;
  end: number;
  codeId: number;
  sourceActorId: number;
  targetActorId: number;
  eventDate: string;
  weight: number;
  confidence: number;
  reliability: number;
  exact: string;
  note: string;
  /** The event the passage is grouped into, with the event's own date, direction and weight (null when ungrouped). */
  eventId: number | null;
  evDate: string | null;
  evSourceActorId: number | null;
  evTargetActorId: number | null;
  evWeight: number | null;
}

/** Passages of one layer in the given articles (all its articles when `articleIds` is null). */
export function listLayerPassages(db: Db, key: LayerKey, articleIds: readonly number[] | null): LayerPassageRow[] {
  const { coder, consensus } = requireLayer(key);
  return stmt(
    db,
    `SELECT an.id, an.article_id AS articleId, an.start_offset AS start, an.end_offset AS end, an.code_id AS codeId,
            an.source_actor_id AS sourceActorId, an.target_actor_id AS targetActorId, an.event_date AS eventDate,
            c.weight, an.confidence, coalesce(rg.factor, 1) AS reliability, an.quote_exact AS exact, an.note,
            an.event_id AS eventId, ev.event_date AS evDate, ev.source_actor_id AS evSourceActorId,
            ev.target_actor_id AS evTargetActorId, ec.weight AS evWeight
     FROM annotations an
     JOIN codes c ON c.id = an.code_id
     LEFT JOIN events ev ON ev.id = an.event_id
     LEFT JOIN codes ec ON ec.id = ev.code_id
     JOIN articles ar ON ar.id = an.article_id
     LEFT JOIN outlet_grades og ON og.outlet = ar.outlet
     LEFT JOIN reliability_grades rg ON rg.grade = og.grade
     WHERE an.coder = @coder AND an.consensus = @consensus
       AND (@all = 1 OR an.article_id IN (SELECT value FROM json_each(@ids)))
     ORDER BY an.article_id, an.start_offset, an.end_offset, an.id`,
  ).all({ coder, consensus, all: articleIds === null ? 1 : 0, ids: JSON.stringify(articleIds ?? []) }) as LayerPassageRow[];
}

/**
 * The articles an agreement report compares by default: those a colleague's
 * layer among `keys` was given (every article of their returned coding
 * package, tagged or not) or has passages in; the analyst's own layer usually
 * spans far more. An article only one coder tagged is a disagreement and
 * counts. Without a colleague among `keys`, every article any of them tagged.
 */
export function articlesCodedByLayers(db: Db, keys: readonly LayerKey[]): number[] {
  const colleagues = keys.filter((k) => k !== OWN_LAYER && k !== CONSENSUS_LAYER);
  const cols = (colleagues.length > 0 ? colleagues : keys).map(requireLayer);
  const rows = stmt(
    db,
    `SELECT an.article_id AS id FROM annotations an
     JOIN json_each(@layers) l ON an.coder = json_extract(l.value, '$[0]') AND an.consensus = json_extract(l.value, '$[1]')
     UNION
     SELECT la.article_id FROM layer_articles la JOIN json_each(@layers) l ON la.coder = json_extract(l.value, '$[0]')
     ORDER BY 1`,
  ).all({ layers: JSON.stringify(cols.map((c) => [c.coder, c.consensus])) }) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Records that a colleague was given this article to code; returns the new row's id, or null if already recorded. */
export function recordLayerArticle(db: Db, coder: string, articleId: number): number | null {
  const info = stmt(db, 'INSERT OR IGNORE INTO layer_articles (coder, article_id) VALUES (?, ?)').run(coder, articleId);
  return info.changes === 1 ? Number(info.lastInsertRowid) : null;
}

export function isAdjudicated(db: Db, articleId: number): boolean {
  return stmt(db, 'SELECT 1 FROM adjudicated_articles WHERE article_id = ?').get(articleId) !== undefined;
}

export function listAdjudicated(db: Db): number[] {
  return (stmt(db, 'SELECT article_id AS id FROM adjudicated_articles ORDER BY article_id').all() as { id: number }[]).map((r) => r.id);
}

/** Marks the article adjudicated; returns the new row's id, or null if it already was. */
export function markAdjudicated(db: Db, articleId: number, nowMs: number): number | null {
  const info = stmt(db, 'INSERT OR IGNORE INTO adjudicated_articles (article_id, at_ms) VALUES (?, ?)').run(articleId, nowMs);
  return info.changes === 1 ? Number(info.lastInsertRowid) : null;
}

/** Ids of the analyst's own passages in an article (the ones the consensus replaces in the score). */
export function ownPassageIds(db: Db, articleId: number): number[] {
  return (
    stmt(db, `SELECT id FROM annotations WHERE article_id = ? AND coder = '' AND consensus = 0 ORDER BY id`).all(articleId) as { id: number }[]
  ).map((r) => r.id);
}

export function setScored(db: Db, id: number, scored: boolean): void {
  stmt(db, 'UPDATE annotations SET scored = ? WHERE id = ?').run(scored ? 1 : 0, id);
}

/** Puts a new annotation in a layer; `scored` as the default score should read it. */
export function setLayer(db: Db, id: number, key: LayerKey, scored: boolean): void {
  const { coder, consensus } = requireLayer(key);
  stmt(db, 'UPDATE annotations SET coder = ?, consensus = ?, scored = ? WHERE id = ?').run(coder, consensus, scored ? 1 : 0, id);
}

/** The pairs of passages (layer A's, layer B's; null where one side had none) already settled in an article. */
export function listAdjudicationPairs(db: Db, articleId: number): { a: number | null; b: number | null }[] {
  return stmt(db, 'SELECT a_annotation_id AS a, b_annotation_id AS b FROM adjudications WHERE article_id = ?').all(articleId) as {
    a: number | null;
    b: number | null;
  }[];
}

/** Records one decision; returns its id. */
export function insertAdjudication(
  db: Db,
  d: { articleId: number; a: number | null; b: number | null; decision: string },
  nowMs: number,
): number {
  const info = stmt(
    db,
    'INSERT INTO adjudications (article_id, a_annotation_id, b_annotation_id, decision, at_ms) VALUES (?, ?, ?, ?, ?)',
  ).run(d.articleId, d.a, d.b, d.decision, nowMs);
  return Number(info.lastInsertRowid);
}

/** A passage the default score does not read (a colleague's, or the analyst's own where the consensus replaced it), with its layer. */
export interface UnscoredPassageRow {
  id: number;
  articleId: number;
  codeId: number;
  codeKey: string;
  sourceActorId: number;
  targetActorId: number;
  eventDate: string;
  eventId: number | null;
  layer: LayerKey;
}

/** Every passage of a relationship's two directions outside the default score (so that an export can carry every layer). */
export function listUnscoredPassages(db: Db, a: number, b: number): UnscoredPassageRow[] {
  const rows = stmt(
    db,
    `SELECT an.id, an.article_id AS articleId, an.code_id AS codeId, c.key AS codeKey, an.source_actor_id AS sourceActorId,
            an.target_actor_id AS targetActorId, an.event_date AS eventDate, an.event_id AS eventId, an.coder, an.consensus
     FROM annotations an JOIN codes c ON c.id = an.code_id
     WHERE ((an.source_actor_id = @a AND an.target_actor_id = @b) OR (an.source_actor_id = @b AND an.target_actor_id = @a))
       AND an.scored = 0
     ORDER BY an.article_id, an.start_offset, an.id`,
  ).all({ a, b }) as (Omit<UnscoredPassageRow, 'layer'> & { coder: string; consensus: number })[];
  return rows.map(({ coder, consensus, ...r }) => ({ ...r, layer: layerKey(coder, consensus) }));
}

/** The layer of each of the given passages (for those outside the analyst's own). */
export function layersOf(db: Db, ids: readonly number[]): Map<number, LayerKey> {
  const rows = stmt(
    db,
    `SELECT id, coder, consensus FROM annotations WHERE id IN (SELECT value FROM json_each(?)) AND (coder <> '' OR consensus = 1)`,
  ).all(JSON.stringify(ids)) as { id: number; coder: string; consensus: number }[];
  return new Map(rows.map((r) => [r.id, layerKey(r.coder, r.consensus)]));
}

/** Takes the analyst's own passages of an adjudicated article out of the default score; returns the ids it changed. */
export function unscoreOwnPassages(db: Db, articleId: number): number[] {
  return (
    stmt(db, `UPDATE annotations SET scored = 0 WHERE article_id = ? AND coder = '' AND consensus = 0 AND scored = 1 RETURNING id`).all(
      articleId,
    ) as { id: number }[]
  ).map((r) => r.id);
}

/** Puts the given consensus passages that lie in adjudicated articles into the default score; returns the ids it changed. */
export function scoreAdjudicatedConsensus(db: Db, ids: readonly number[]): number[] {
  return (
    stmt(
      db,
      `UPDATE annotations SET scored = 1
       WHERE id IN (SELECT value FROM json_each(?)) AND consensus = 1 AND scored = 0
         AND article_id IN (SELECT article_id FROM adjudicated_articles)
       RETURNING id`,
    ).all(JSON.stringify(ids)) as { id: number }[]
  ).map((r) => r.id);
}
