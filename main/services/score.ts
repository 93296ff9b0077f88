import type { OpParsedInput, OpOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Relationship } from '../../shared/api/schemas';
import { dayToIso, isoToDay, localToday } from '../../shared/domain/dates';
import { calendarBuckets, reciprocatedThreats, thresholdCrossings, type ScoredItem } from '../../shared/scoring/analysis';
import { dailySeries, decay, figuresAt, figuresOfDay, type ScoreEvent, type ScoreSeries } from '../../shared/scoring/score';
import { getRelationship } from '../db/actors';
import { listRelationshipAnnotations, type ScoredAnnotationRow } from '../db/annotations';
import { listCodes } from '../db/codebook';
import type { Db } from '../db/connection';
import { listDayCodeTotals, listItemDays, listPassageBriefs } from '../db/scoring';
import type { AppContext } from './context';
import { cachedSeries, defaultRange, relationshipTotals } from './scoreCache';
import { itemsAsEvents, relationshipItems, rootKeys, type ItemDetail } from './scoreItems';
import { present } from '../../shared/domain/present';

export function requireRelationship(db: Db, id: number): Relationship {
  const rel = getRelationship(db, id);
  if (!rel) throw new ApiError('NOT_FOUND', `There is no relationship with id ${id}. Pick one from the list.`);
  return rel;
}

function copySeries(s: ScoreSeries): ScoreSeries {
  const dir = (d: ScoreSeries['ab']) => ({ R: d.R.slice(), A: d.A.slice(), M: d.M.slice() });
  return { ...s, ab: dir(s.ab), ba: dir(s.ba), combined: dir(s.combined), asymmetry: s.asymmetry.slice(), index: s.index.slice() };
}

/**
 * The daily series of a relationship. The default range (first event or 90
 * days back, to today) comes from the incremental cache; any other range is
 * computed from the cached day totals in O(days).
 */
export function scoreSeries(ctx: AppContext, input: OpParsedInput<'score:series'>): OpOutput<'score:series'> {
  const { db } = ctx.workspace;
  const relationship = requireRelationship(db, input.relationshipId);
  const today = localToday(ctx.now());
  let series: ScoreSeries;
  let annotationCount: number;
  if (!input.fromDate && !input.toDate) {
    const cached = cachedSeries(db, relationship, input.halfLifeDays, today);
    series = copySeries(cached.series);
    annotationCount = cached.eventCount;
  } else {
    const totals = relationshipTotals(db, relationship);
    const range = defaultRange(totals, today);
    const toDay = input.toDate ? isoToDay(input.toDate) : range.toDay;
    const fromDay = input.fromDate ? isoToDay(input.fromDate) : Math.min(range.fromDay, toDay - 90);
    if (fromDay > toDay) throw new ApiError('BAD_INPUT', 'The start of the range is after its end. Swap the two dates.');
    series = dailySeries(totals.events, { fromDay, toDay, halfLifeDays: input.halfLifeDays });
    annotationCount = totals.eventCount;
  }
  const shownDay = Math.min(today, series.toDay);
  // "Now" is today whatever range the chart shows.
  const current = figuresOfDay(series, shownDay) ?? figuresAt(relationshipTotals(db, relationship).events, today, input.halfLifeDays);
  return { relationship, ...series, current, annotationCount };
}

function actorCode(rel: Relationship, id: number): string {
  return id === rel.actorA.id ? rel.actorA.code : id === rel.actorB.id ? rel.actorB.code : String(id);
}

/** Passages older than this many half-lives weigh less than 2^−20 ≈ 1e−6 each; they are summed, not listed. */
export const EVIDENCE_HALF_LIVES = 20;

/**
 * What weighs on one day, most weight first: every scored item (a passage, or
 * an event with all its passages) with s_e, its decay and its contribution;
 * the figures of that day; and `rest`, what the items not listed add (older
 * than 20 half-lives, or beyond the limit), so that the table adds up exactly.
 */
export function scoreEvidence(ctx: AppContext, input: OpParsedInput<'score:evidence'>): OpOutput<'score:evidence'> {
  const { db } = ctx.workspace;
  const relationship = requireRelationship(db, input.relationshipId);
  const T = isoToDay(input.date);
  const oldest = T - Math.ceil(EVIDENCE_HALF_LIVES * input.halfLifeDays);
  // The heaviest items are found without reading every passage: widen a window back from T until
  // `limit` items are in it and the lightest of them outweighs anything older could (|s| ≤ 10).
  let weighed: OpOutput<'score:evidence'>['items'] = [];
  for (let width = 7; ; width *= 2) {
    const from = Math.max(oldest, T - width);
    weighed = relationshipItems(db, relationship, dayToIso(from), input.date)
      .map((item) => evidenceOf(relationship, item, decay(T - item.day, input.halfLifeDays)))
      .filter((e) => e.decay > 0)
      .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || y.annotationId - x.annotationId);
    const lightest = weighed[input.limit - 1];
    const heaviestOlder = 10 * decay(T - from + 1, input.halfLifeDays);
    if (from === oldest || (lightest && Math.abs(lightest.contribution) >= heaviestOlder)) break;
  }
  const totals = relationshipTotals(db, relationship);
  const figures = figuresAt(totals.events, T, input.halfLifeDays);
  const listed = weighed.slice(0, input.limit);
  const sum = (dir: 'ab' | 'ba', key: 'contribution' | 'decay') =>
    listed.filter((e) => e.direction === dir).reduce((acc, e) => acc + e[key], 0);
  const weighingCount = totals.events.filter((e) => e.day <= T).reduce((n, e) => n + (e.n ?? 1), 0);
  return {
    date: input.date,
    items: listed,
    total: weighingCount,
    figures,
    rest: {
      count: weighingCount - listed.length,
      ab: { R: figures.ab.R - sum('ab', 'contribution'), A: figures.ab.A - sum('ab', 'decay') },
      ba: { R: figures.ba.R - sum('ba', 'contribution'), A: figures.ba.A - sum('ba', 'decay') },
    },
  };
}

function evidenceOf(rel: Relationship, item: ItemDetail, d: number): OpOutput<'score:evidence'>['items'][number] {
  const first = present(item.passages[0], `a passage of score item ${item.id}`);
  return {
    annotationId: first.annotationId,
    articleId: first.articleId,
    articleTitle: first.articleTitle,
    outlet: first.outlet,
    publishedOn: first.publishedOn,
    eventDate: item.date,
    codeKey: item.codeKey,
    codeName: item.codeName,
    sourceCode: actorCode(rel, item.sourceActorId),
    targetCode: actorCode(rel, item.targetActorId),
    direction: item.direction,
    exact: first.exact,
    note: first.note,
    weight: item.weight,
    confidence: item.confidence,
    reliability: item.reliability,
    grade: item.grade,
    eventId: item.eventId,
    passages: item.passages.map((p) => ({ ...p })),
    s: item.s,
    decay: d,
    contribution: item.s * d,
  };
}

/**
 * Calendar buckets from per-day-and-code totals (one grouped query per part,
 * not one row per passage), so that five years of a busy relationship bucket at once.
 */
export function scoreBuckets(ctx: AppContext, input: OpParsedInput<'score:buckets'>): OpOutput<'score:buckets'> {
  const { db } = ctx.workspace;
  const relationship = requireRelationship(db, input.relationshipId);
  const codes = new Map(listCodes(db).map((c) => [c.id, c]));
  const items: ScoredItem[] = listDayCodeTotals(db, relationship.actorA.id, relationship.actorB.id)
    .map((r): ScoredItem => ({
      id: '',
      day: isoToDay(r.eventDate),
      direction: r.sourceActorId === relationship.actorA.id ? 'ab' : 'ba',
      s: r.s,
      n: r.n,
      codeKey: codes.get(r.codeId)?.key ?? '',
      rootKey: '',
    }))
    .filter((i) => input.direction === 'both' || i.direction === input.direction);
  const today = localToday(ctx.now());
  const counted = items.filter((i) => (i.n ?? 1) > 0);
  const firstDay = counted.reduce((m, i) => Math.min(m, i.day), Infinity);
  const lastDay = counted.reduce((m, i) => Math.max(m, i.day), -Infinity);
  const toDay = input.toDate ? isoToDay(input.toDate) : Math.max(today, lastDay);
  const fromDay = input.fromDate ? isoToDay(input.fromDate) : Math.min(firstDay, toDay - 90);
  if (fromDay > toDay) throw new ApiError('BAD_INPUT', 'The start of the range is after its end. Swap the two dates.');
  if ((toDay - fromDay) / (input.unit === 'week' ? 7 : 28) > 5000)
    throw new ApiError('BAD_INPUT', 'That range holds more than 5,000 buckets. Choose a shorter range or monthly buckets.');
  const codeKeys = [...new Set(counted.map((i) => i.codeKey))].sort();
  return { unit: input.unit, codes: codeKeys, buckets: calendarBuckets(items, input.unit, fromDay, toDay) };
}

/** At most this many reciprocations are listed (the most recent); the count says how many there are. */
export const MAX_MARKS_LISTED = 200;

export function scoreMarks(ctx: AppContext, input: OpParsedInput<'score:marks'>): OpOutput<'score:marks'> {
  const { db } = ctx.workspace;
  const relationship = requireRelationship(db, input.relationshipId);
  const roots = rootKeys(db);
  const threatCodes = [...roots].filter(([, root]) => root === 'THREAT').map(([id]) => id);
  // Only threats can be reciprocated threats: read their dates and directions alone, then the details of those listed.
  const items: ScoredItem[] = listItemDays(db, relationship.actorA.id, relationship.actorB.id, threatCodes).map((r) => ({
    id: String(r.annotationId),
    day: isoToDay(r.eventDate),
    direction: r.sourceActorId === relationship.actorA.id ? 'ab' : 'ba',
    s: 0,
    codeKey: '',
    rootKey: 'THREAT',
  }));
  const all = reciprocatedThreats(items, input.windowDays);
  const listed = all.slice(-MAX_MARKS_LISTED).reverse();
  const briefs = new Map(
    listPassageBriefs(db, [...new Set(listed.flatMap((r) => [Number(r.threat.id), Number(r.answer.id)]))]).map((b) => [b.annotationId, b]),
  );
  const brief = (item: ScoredItem) => {
    const b = present(briefs.get(Number(item.id)), `passage ${item.id}, just listed`);
    return {
      date: b.date,
      sourceCode: actorCode(relationship, b.sourceActorId),
      targetCode: actorCode(relationship, b.targetActorId),
      codeName: b.codeName,
      annotationId: b.annotationId,
      articleId: b.articleId,
      exact: b.exact,
    };
  };
  const reciprocations = listed.map((r) => ({ threat: brief(r.threat), answer: brief(r.answer), lagDays: r.lagDays }));
  const { series } = cachedSeries(db, relationship, input.halfLifeDays, localToday(ctx.now()));
  const values = input.metric === 'M' ? series.combined.M : input.metric === 'R' ? series.combined.R : series.index;
  const crossings = thresholdCrossings(values, series.fromDay, input.thresholds).map((c) => ({ ...c, date: dayToIso(c.day) }));
  return {
    reciprocationCount: all.length,
    reciprocations,
    crossingCount: crossings.length,
    crossings: crossings.slice(-MAX_MARKS_LISTED).reverse(),
  };
}

export interface RelationshipEvidence {
  relationship: Relationship;
  rows: ScoredAnnotationRow[];
  /** One score event per scored item: an event grouping several passages counts once. */
  events: ScoreEvent[];
  /** s_e each passage stands for (its event's, when grouped). */
  sOf: Map<number, number>;
}

/** The relationship's passages and the score events they make, for reports. */
export function relationshipEvidence(db: Db, relationshipId: number): RelationshipEvidence {
  const relationship = requireRelationship(db, relationshipId);
  const rows = listRelationshipAnnotations(db, relationship.actorA.id, relationship.actorB.id);
  const items = relationshipItems(db, relationship);
  const sOf = new Map<number, number>();
  for (const item of items) for (const p of item.passages) sOf.set(p.annotationId, item.s);
  return { relationship, rows, events: itemsAsEvents(items), sOf };
}
