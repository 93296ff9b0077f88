/**
 * SQL for the score: per-day totals of a relationship and the scored items behind
 * them (annotations on their own, or grouped into events). Grades and outlets are in
 * reliability.ts, events in events.ts; the score itself is computed in shared/scoring.
 */
import type { Db } from './connection';
import type { Grade } from './reliability';
import { stmt } from './statements';

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
 * Per code as well when `perCode` (calendar buckets): the same three parts, grouped by code too.
 */
function dayTotalQueries(perCode: boolean): { base: string; correction: string; events: string } {
  const an = perCode ? ', an.code_id AS codeId' : '';
  const anBy = perCode ? ', an.code_id' : '';
  return {
    base: `SELECT an.event_date AS eventDate, @a AS sourceActorId${an}, sum(c.weight * an.confidence) AS s, count(*) AS n
     FROM annotations an JOIN codes c ON c.id = an.code_id
     WHERE an.source_actor_id = @a AND an.target_actor_id = @b AND an.event_id IS NULL AND an.scored = 1
     GROUP BY an.event_date${anBy}`,
    correction: `SELECT an.event_date AS eventDate, an.source_actor_id AS sourceActorId${an},
            sum(c.weight * an.confidence * (rg.factor - 1)) AS s, 0 AS n
     FROM outlet_grades og
     JOIN reliability_grades rg ON rg.grade = og.grade
     CROSS JOIN articles ar ON ar.outlet = og.outlet
     CROSS JOIN annotations an ON an.article_id = ar.id
     JOIN codes c ON c.id = an.code_id
     WHERE rg.factor <> 1 AND an.event_id IS NULL AND an.scored = 1
       AND ((an.source_actor_id = @a AND an.target_actor_id = @b) OR (an.source_actor_id = @b AND an.target_actor_id = @a))
     GROUP BY an.event_date, an.source_actor_id${anBy}`,
    events: `SELECT eventDate, sourceActorId${perCode ? ', codeId' : ''}, sum(s) AS s, count(*) AS n FROM (
       SELECT ev.event_date AS eventDate, ev.source_actor_id AS sourceActorId${perCode ? ', ev.code_id AS codeId' : ''},
              c.weight * max(an.confidence * coalesce(rg.factor, 1)) AS s
       FROM events ev
       JOIN codes c ON c.id = ev.code_id
       JOIN annotations an ON an.event_id = ev.id AND an.scored = 1 ${RELIABILITY_JOINS}
       WHERE (ev.source_actor_id = @a AND ev.target_actor_id = @b) OR (ev.source_actor_id = @b AND ev.target_actor_id = @a)
       GROUP BY ev.id
     ) GROUP BY eventDate, sourceActorId${perCode ? ', codeId' : ''}`,
  };
}

const DAY_TOTALS = dayTotalQueries(false);
const DAY_CODE_TOTALS = dayTotalQueries(true);

function dayTotals<Row>(db: Db, q: { base: string; correction: string; events: string }, a: number, b: number): Row[] {
  const base = stmt(db, q.base);
  return [
    ...(base.all({ a, b }) as Row[]),
    ...(base.all({ a: b, b: a }) as Row[]),
    ...(stmt(db, q.correction).all({ a, b }) as Row[]),
    ...(stmt(db, q.events).all({ a, b }) as Row[]),
  ];
}

export function listDayTotals(db: Db, a: number, b: number): DayTotalRow[] {
  return dayTotals<DayTotalRow>(db, DAY_TOTALS, a, b);
}

/** Like listDayTotals, per code as well: for calendar buckets (sum of s, count per code). */
export interface DayCodeTotalRow extends DayTotalRow {
  codeId: number;
}

export function listDayCodeTotals(db: Db, a: number, b: number): DayCodeTotalRow[] {
  return dayTotals<DayCodeTotalRow>(db, DAY_CODE_TOTALS, a, b);
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
