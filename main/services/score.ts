import type { OpParsedInput, OpOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Relationship } from '../../shared/api/schemas';
import { isoToDay, localToday } from '../../shared/domain/dates';
import { dailySeries, decay, eventScore, figuresAt, type ScoreEvent } from '../../shared/scoring/score';
import { getRelationship } from '../db/actors';
import { listRelationshipAnnotations, type ScoredAnnotationRow } from '../db/annotations';
import type { Db } from '../db/connection';
import type { AppContext } from './context';

const DEFAULT_WINDOW_DAYS = 90;

export function requireRelationship(db: Db, id: number): Relationship {
  const rel = getRelationship(db, id);
  if (!rel) throw new ApiError('NOT_FOUND', `There is no relationship with id ${id}. Pick one from the list.`);
  return rel;
}

export interface RelationshipEvidence {
  relationship: Relationship;
  rows: ScoredAnnotationRow[];
  events: ScoreEvent[];
}

/** The relationship's annotations and the score events they make (same order). */
export function relationshipEvidence(db: Db, relationshipId: number): RelationshipEvidence {
  const relationship = requireRelationship(db, relationshipId);
  const rows = listRelationshipAnnotations(db, relationship.actorA.id, relationship.actorB.id);
  const events = rows.map<ScoreEvent>((r) => ({
    day: isoToDay(r.eventDate),
    direction: r.sourceActorId === relationship.actorA.id ? 'ab' : 'ba',
    s: eventScore(r.weight, r.confidence),
  }));
  return { relationship, rows, events };
}

export function scoreSeries(ctx: AppContext, input: OpParsedInput<'score:series'>): OpOutput<'score:series'> {
  const { relationship, events } = relationshipEvidence(ctx.workspace.db, input.relationshipId);
  const today = localToday(ctx.now());
  const lastEventDay = events.reduce((max, e) => Math.max(max, e.day), -Infinity);
  const firstEventDay = events.reduce((min, e) => Math.min(min, e.day), Infinity);
  const toDay = input.toDate ? isoToDay(input.toDate) : Math.max(today, lastEventDay);
  const fromDay = input.fromDate ? isoToDay(input.fromDate) : Math.min(firstEventDay, toDay - DEFAULT_WINDOW_DAYS);
  if (fromDay > toDay) throw new ApiError('BAD_INPUT', 'The start of the range is after its end. Swap the two dates.');
  const series = dailySeries(events, { fromDay, toDay, halfLifeDays: input.halfLifeDays });
  // "Now" is today whatever range the chart shows.
  const current = figuresAt(events, today, input.halfLifeDays);
  return { relationship, ...series, current, annotationCount: events.length };
}

export function scoreEvidence(ctx: AppContext, input: OpParsedInput<'score:evidence'>): OpOutput<'score:evidence'> {
  const { relationship, rows, events } = relationshipEvidence(ctx.workspace.db, input.relationshipId);
  const T = isoToDay(input.date);
  const codeOf = (actorId: number) => (actorId === relationship.actorA.id ? relationship.actorA.code : relationship.actorB.code);
  const weighed = rows
    .map((r, i) => {
      const e = events[i]!;
      const d = decay(T - e.day, input.halfLifeDays);
      return {
        annotationId: r.id,
        articleId: r.articleId,
        articleTitle: r.articleTitle,
        outlet: r.outlet,
        publishedOn: r.publishedOn,
        eventDate: r.eventDate,
        codeKey: r.codeKey,
        codeName: r.codeName,
        sourceCode: codeOf(r.sourceActorId),
        targetCode: codeOf(r.targetActorId),
        exact: r.exact,
        note: r.note,
        s: e.s,
        decay: d,
        contribution: e.s * d,
      };
    })
    .filter((x) => x.decay > 0)
    .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || y.annotationId - x.annotationId);
  return { date: input.date, items: weighed.slice(0, input.limit), total: weighed.length };
}
