/**
 * SQL for the score: per-day totals of a relationship, the scored items behind
 * them (annotations on their own, or grouped into events), source reliability
 * and events. The score itself is computed in shared/scoring.
 */
import type { Db } from './connection';
import { stmt } from './statements';

export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** s_e of the ungrouped annotations and the events of one direction, summed per day. */
export interface DayTotalRow {
  eventDate: string;
  sourceActorId: number;
  s: number;
  n: number;
}

// Reliability of an annotation: the factor of its outlet's grade, 1 when ungraded.
const RELIABILITY_JOINS = `
  JOIN articles ar ON ar.id = an.article_id
  LEFT JOIN outlet_grades og ON og.outlet = ar.outlet
  LEFT JOIN reliability_grades rg ON rg.grade = og.grade`;

/**
 * Day totals of the pair, in three index-driven parts whose sums make s_e = w·c·r:
 * - per direction, Σ w·c of ungrouped annotations, read in event-date order from
 *   the covering index annotations_scoring (no article is read);
 * - for annotations from graded outlets only, Σ w·c·(r − 1), driven by the few
 *   graded outlets through articles_outlet_exact (ungraded outlets count 1 and need no
 *   correction);
 * - events: each counts once, its code's weight times the best confidence ×
 *   reliability among its passages (it is as credible as its best-attested
 *   report); an event whose passages were all deleted has no weight.
 */
export function listDayTotals(db: Db, a: number, b: number): DayTotalRow[] {
  const base = stmt(
    db,
    `SELECT an.event_date AS eventDate, @a AS sourceActorId, sum(c.weight * an.confidence) AS s, count(*) AS n
     FROM annotations an JOIN codes c ON c.id = an.code_id
     WHERE an.source_actor_id = @a AND an.target_actor_id = @b AND an.event_id IS NULL AND an.scored = 1
     GROUP BY an.event_date`,
  );
  const correction = stmt(
    db,
    `SELECT an.event_date AS eventDate, an.source_actor_id AS sourceActorId, sum(c.weight * an.confidence * (rg.factor - 1)) AS s, 0 AS n
     FROM outlet_grades og
     JOIN reliability_grades rg ON rg.grade = og.grade
     CROSS JOIN articles ar ON ar.outlet = og.outlet
     CROSS JOIN annotations an ON an.article_id = ar.id
     JOIN codes c ON c.id = an.code_id
     WHERE rg.factor <> 1 AND an.event_id IS NULL AND an.scored = 1
       AND ((an.source_actor_id = @a AND an.target_actor_id = @b) OR (an.source_actor_id = @b AND an.target_actor_id = @a))
     GROUP BY an.event_date, an.source_actor_id`,
  );
  const events = stmt(
    db,
    `SELECT eventDate, sourceActorId, sum(s) AS s, count(*) AS n FROM (
       SELECT ev.event_date AS eventDate, ev.source_actor_id AS sourceActorId,
              c.weight * max(an.confidence * coalesce(rg.factor, 1)) AS s
       FROM events ev
       JOIN codes c ON c.id = ev.code_id
       JOIN annotations an ON an.event_id = ev.id AND an.scored = 1 ${RELIABILITY_JOINS}
       WHERE (ev.source_actor_id = @a AND ev.target_actor_id = @b) OR (ev.source_actor_id = @b AND ev.target_actor_id = @a)
       GROUP BY ev.id
     ) GROUP BY eventDate, sourceActorId`,
  );
  return [
    ...(base.all({ a, b }) as DayTotalRow[]),
    ...(base.all({ a: b, b: a }) as DayTotalRow[]),
    ...(correction.all({ a, b }) as DayTotalRow[]),
    ...(events.all({ a, b }) as DayTotalRow[]),
  ];
}

/** Like listDayTotals, per code as well: for calendar buckets (sum of s, count per code). */
export interface DayCodeTotalRow extends DayTotalRow {
  codeId: number;
}

export function listDayCodeTotals(db: Db, a: number, b: number): DayCodeTotalRow[] {
  const base = stmt(
    db,
    `SELECT an.event_date AS eventDate, @a AS sourceActorId, an.code_id AS codeId, sum(c.weight * an.confidence) AS s, count(*) AS n
     FROM annotations an JOIN codes c ON c.id = an.code_id
     WHERE an.source_actor_id = @a AND an.target_actor_id = @b AND an.event_id IS NULL AND an.scored = 1
     GROUP BY an.event_date, an.code_id`,
  );
  const correction = stmt(
    db,
    `SELECT an.event_date AS eventDate, an.source_actor_id AS sourceActorId, an.code_id AS codeId,
            sum(c.weight * an.confidence * (rg.factor - 1)) AS s, 0 AS n
     FROM outlet_grades og
     JOIN reliability_grades rg ON rg.grade = og.grade
     CROSS JOIN articles ar ON ar.outlet = og.outlet
     CROSS JOIN annotations an ON an.article_id = ar.id
     JOIN codes c ON c.id = an.code_id
     WHERE rg.factor <> 1 AND an.event_id IS NULL AND an.scored = 1
       AND ((an.source_actor_id = @a AND an.target_actor_id = @b) OR (an.source_actor_id = @b AND an.target_actor_id = @a))
     GROUP BY an.event_date, an.source_actor_id, an.code_id`,
  );
  const events = stmt(
    db,
    `SELECT eventDate, sourceActorId, codeId, sum(s) AS s, count(*) AS n FROM (
       SELECT ev.event_date AS eventDate, ev.source_actor_id AS sourceActorId, ev.code_id AS codeId,
              c.weight * max(an.confidence * coalesce(rg.factor, 1)) AS s
       FROM events ev
       JOIN codes c ON c.id = ev.code_id
       JOIN annotations an ON an.event_id = ev.id AND an.scored = 1 ${RELIABILITY_JOINS}
       WHERE (ev.source_actor_id = @a AND ev.target_actor_id = @b) OR (ev.source_actor_id = @b AND ev.target_actor_id = @a)
       GROUP BY ev.id
     ) GROUP BY eventDate, sourceActorId, codeId`,
  );
  return [
    ...(base.all({ a, b }) as DayCodeTotalRow[]),
    ...(base.all({ a: b, b: a }) as DayCodeTotalRow[]),
    ...(correction.all({ a, b }) as DayCodeTotalRow[]),
    ...(events.all({ a, b }) as DayCodeTotalRow[]),
  ];
}

/** Date and direction of each item (ungrouped passage, or event by one of its passages) with one of these codes. */
export interface ItemDayRow {
  annotationId: number;
  eventId: number | null;
  eventDate: string;
  sourceActorId: number;
}

export function listItemDays(db: Db, a: number, b: number, codeIds: readonly number[]): ItemDayRow[] {
  const ungrouped = stmt(
    db,
    `SELECT an.id AS annotationId, NULL AS eventId, an.event_date AS eventDate, an.source_actor_id AS sourceActorId
     FROM annotations an
     WHERE an.source_actor_id = @a AND an.target_actor_id = @b AND an.event_id IS NULL AND an.scored = 1
       AND an.code_id IN (SELECT value FROM json_each(@codes))`,
  );
  const events = stmt(
    db,
    `SELECT min(an.id) AS annotationId, ev.id AS eventId, ev.event_date AS eventDate, ev.source_actor_id AS sourceActorId
     FROM events ev JOIN annotations an ON an.event_id = ev.id AND an.scored = 1
     WHERE ((ev.source_actor_id = @a AND ev.target_actor_id = @b) OR (ev.source_actor_id = @b AND ev.target_actor_id = @a))
       AND ev.code_id IN (SELECT value FROM json_each(@codes))
     GROUP BY ev.id`,
  );
  const codes = JSON.stringify(codeIds);
  return [
    ...(ungrouped.all({ a, b, codes }) as ItemDayRow[]),
    ...(ungrouped.all({ a: b, b: a, codes }) as ItemDayRow[]),
    ...(events.all({ a, b, codes }) as ItemDayRow[]),
  ];
}

/** What a list of marks shows of a passage: its (event's) date, direction and code, its quote and article. */
export interface PassageBriefRow {
  annotationId: number;
  articleId: number;
  exact: string;
  date: string;
  sourceActorId: number;
  targetActorId: number;
  codeName: string;
}

export function listPassageBriefs(db: Db, annotationIds: readonly number[]): PassageBriefRow[] {
  return stmt(
    db,
    `SELECT an.id AS annotationId, an.article_id AS articleId, an.quote_exact AS exact,
            coalesce(ev.event_date, an.event_date) AS date, coalesce(ev.source_actor_id, an.source_actor_id) AS sourceActorId,
            coalesce(ev.target_actor_id, an.target_actor_id) AS targetActorId, coalesce(ec.name, c.name) AS codeName
     FROM annotations an
     JOIN codes c ON c.id = an.code_id
     LEFT JOIN events ev ON ev.id = an.event_id
     LEFT JOIN codes ec ON ec.id = ev.code_id
     WHERE an.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(annotationIds)) as PassageBriefRow[];
}

/** One tagged passage of a relationship with everything its contribution is made of. */
export interface ScoredPassageRow {
  id: number;
  articleId: number;
  articleTitle: string;
  outlet: string;
  publishedOn: string;
  eventDate: string;
  codeId: number;
  codeKey: string;
  codeName: string;
  weight: number;
  confidence: number;
  grade: Grade | null;
  reliability: number;
  sourceActorId: number;
  targetActorId: number;
  exact: string;
  note: string;
  eventId: number | null;
  /** The event's own date, direction and code when grouped. */
  evDate: string | null;
  evSourceActorId: number | null;
  evTargetActorId: number | null;
  evCodeId: number | null;
  evCodeKey: string | null;
  evCodeName: string | null;
  evWeight: number | null;
}

const PASSAGE_COLUMNS = `an.id, an.article_id AS articleId, ar.title AS articleTitle, ar.outlet, ar.published_on AS publishedOn,
  an.event_date AS eventDate, an.code_id AS codeId, c.key AS codeKey, c.name AS codeName, c.weight,
  an.confidence, og.grade, coalesce(rg.factor, 1) AS reliability,
  an.source_actor_id AS sourceActorId, an.target_actor_id AS targetActorId,
  an.quote_exact AS exact, an.note, an.event_id AS eventId`;

/**
 * Passages of the pair whose (event's) date lies in [fromDate, toDate]:
 * ungrouped ones per direction through the direction index, grouped ones
 * under their event's date and direction.
 */
export function listScoredPassages(db: Db, a: number, b: number, fromDate = '0000-01-01', toDate = '9999-12-31'): ScoredPassageRow[] {
  const ungrouped = stmt(
    db,
    `SELECT ${PASSAGE_COLUMNS}, NULL AS evDate, NULL AS evSourceActorId, NULL AS evTargetActorId,
            NULL AS evCodeId, NULL AS evCodeKey, NULL AS evCodeName, NULL AS evWeight
     FROM annotations an
     JOIN codes c ON c.id = an.code_id ${RELIABILITY_JOINS}
     WHERE an.source_actor_id = @a AND an.target_actor_id = @b AND an.event_date BETWEEN @from AND @to AND an.event_id IS NULL AND an.scored = 1`,
  );
  const grouped = stmt(
    db,
    `SELECT ${PASSAGE_COLUMNS}, ev.event_date AS evDate, ev.source_actor_id AS evSourceActorId, ev.target_actor_id AS evTargetActorId,
            ev.code_id AS evCodeId, ec.key AS evCodeKey, ec.name AS evCodeName, ec.weight AS evWeight
     FROM events ev
     JOIN codes ec ON ec.id = ev.code_id
     JOIN annotations an ON an.event_id = ev.id AND an.scored = 1
     JOIN codes c ON c.id = an.code_id ${RELIABILITY_JOINS}
     WHERE ((ev.source_actor_id = @a AND ev.target_actor_id = @b) OR (ev.source_actor_id = @b AND ev.target_actor_id = @a))
       AND ev.event_date BETWEEN @from AND @to`,
  );
  const p = (x: number, y: number) => ({ a: x, b: y, from: fromDate, to: toDate });
  const rows = [
    ...(ungrouped.all(p(a, b)) as ScoredPassageRow[]),
    ...(ungrouped.all(p(b, a)) as ScoredPassageRow[]),
    ...(grouped.all(p(a, b)) as ScoredPassageRow[]),
  ];
  const date = (r: ScoredPassageRow) => r.evDate ?? r.eventDate;
  return rows.sort((x, y) => (date(x) < date(y) ? -1 : date(x) > date(y) ? 1 : x.id - y.id));
}

/** What one ungrouped annotation adds to the score, for the incremental cache. */
export interface PassageScoreRow {
  id: number;
  eventDate: string;
  sourceActorId: number;
  targetActorId: number;
  eventId: number | null;
  s: number;
}

export function getPassageScore(db: Db, annotationId: number): PassageScoreRow | null {
  return (
    (stmt(
      db,
      `SELECT an.id, an.event_date AS eventDate, an.source_actor_id AS sourceActorId, an.target_actor_id AS targetActorId,
              an.event_id AS eventId, c.weight * an.confidence * coalesce(rg.factor, 1) AS s
       FROM annotations an JOIN codes c ON c.id = an.code_id ${RELIABILITY_JOINS}
       WHERE an.id = ? AND an.scored = 1`,
    ).get(annotationId) as PassageScoreRow | undefined) ?? null
  );
}

export function scoreGeneration(db: Db): number {
  return (stmt(db, 'SELECT generation FROM score_generation WHERE id = 1').get() as { generation: number }).generation;
}

// --- source reliability -------------------------------------------------------

export interface GradeRow {
  grade: Grade;
  label: string;
  factor: number;
}

export function listGrades(db: Db): GradeRow[] {
  return stmt(db, 'SELECT grade, label, factor FROM reliability_grades ORDER BY grade').all() as GradeRow[];
}

export function setGradeFactor(db: Db, grade: Grade, factor: number, nowMs: number): void {
  stmt(db, 'UPDATE reliability_grades SET factor = ?, updated_at_ms = ? WHERE grade = ?').run(factor, nowMs, grade);
}

export interface OutletRow {
  outlet: string;
  articleCount: number;
  annotationCount: number;
  grade: Grade | null;
}

/** Every outlet named by an article or graded, with its grade. */
export function listOutlets(db: Db): OutletRow[] {
  return stmt(
    db,
    `SELECT o.outlet, coalesce(n.articles, 0) AS articleCount, coalesce(n.annotations, 0) AS annotationCount, og.grade
     FROM (SELECT outlet FROM articles WHERE outlet <> '' UNION SELECT outlet FROM outlet_grades) o
     LEFT JOIN (SELECT outlet, count(*) AS articles, sum(annotation_count) AS annotations FROM articles GROUP BY outlet) n ON n.outlet = o.outlet
     LEFT JOIN outlet_grades og ON og.outlet = o.outlet
     ORDER BY o.outlet COLLATE NOCASE`,
  ).all() as OutletRow[];
}

export function getOutletGrade(db: Db, outlet: string): Grade | null {
  return (stmt(db, 'SELECT grade FROM outlet_grades WHERE outlet = ?').get(outlet) as { grade: Grade } | undefined)?.grade ?? null;
}

export function setOutletGrade(db: Db, outlet: string, grade: Grade | null, nowMs: number): void {
  if (grade === null) stmt(db, 'DELETE FROM outlet_grades WHERE outlet = ?').run(outlet);
  else
    stmt(
      db,
      `INSERT INTO outlet_grades (outlet, grade, updated_at_ms) VALUES (?, ?, ?)
       ON CONFLICT (outlet) DO UPDATE SET grade = excluded.grade, updated_at_ms = excluded.updated_at_ms`,
    ).run(outlet, grade, nowMs);
}

// --- events -------------------------------------------------------------------

export interface EventRow {
  id: number;
  sourceActorId: number;
  targetActorId: number;
  codeId: number;
  eventDate: string;
  createdAtMs: number;
}

const EVENT_COLUMNS =
  'id, source_actor_id AS sourceActorId, target_actor_id AS targetActorId, code_id AS codeId, event_date AS eventDate, created_at_ms AS createdAtMs';

export function getEvent(db: Db, id: number): EventRow | null {
  return (stmt(db, `SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`).get(id) as EventRow | undefined) ?? null;
}

/** Inserts an event; `id` is given when an undo restores one with its old id. */
export function insertEvent(db: Db, e: Omit<EventRow, 'id'> & { id?: number }): number {
  return Number(
    stmt(db, 'INSERT INTO events (id, source_actor_id, target_actor_id, code_id, event_date, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)').run(
      e.id ?? null,
      e.sourceActorId,
      e.targetActorId,
      e.codeId,
      e.eventDate,
      e.createdAtMs,
    ).lastInsertRowid,
  );
}

export function deleteEvent(db: Db, id: number): void {
  stmt(db, 'DELETE FROM events WHERE id = ?').run(id);
}

export function eventMemberIds(db: Db, eventId: number): number[] {
  return (stmt(db, 'SELECT id FROM annotations WHERE event_id = ? ORDER BY id').all(eventId) as { id: number }[]).map((r) => r.id);
}

/** The event annotation `annotationId` belongs to: null when none, undefined when there is no such annotation. */
export function eventIdOfAnnotation(db: Db, annotationId: number): number | null | undefined {
  const row = stmt(db, 'SELECT event_id FROM annotations WHERE id = ?').get(annotationId) as { event_id: number | null } | undefined;
  return row?.event_id;
}

export function setAnnotationEvent(db: Db, annotationId: number, eventId: number | null, nowMs: number): void {
  stmt(db, 'UPDATE annotations SET event_id = ?, updated_at_ms = ? WHERE id = ?').run(eventId, nowMs, annotationId);
}
