/**
 * The scored items of a relationship: each ungrouped passage on its own, and
 * each event once (its code's weight times the best confidence × reliability
 * among its passages), with every passage kept as evidence.
 */
import type { Relationship } from '../../shared/api/schemas';
import { isoToDay } from '../../shared/domain/dates';
import type { ScoredItem } from '../../shared/scoring/analysis';
import type { Direction, ScoreEvent } from '../../shared/scoring/score';
import { listCodes } from '../db/codebook';
import type { Db } from '../db/connection';
import type { Grade } from '../db/reliability';
import { listScoredPassages, type ScoredPassageRow } from '../db/scoring';

export interface PassageDetail {
  annotationId: number;
  articleId: number;
  articleTitle: string;
  outlet: string;
  publishedOn: string;
  eventDate: string;
  exact: string;
  note: string;
  confidence: number;
  grade: Grade | null;
  reliability: number;
}

export interface ItemDetail extends ScoredItem {
  eventId: number | null;
  date: string;
  codeName: string;
  sourceActorId: number;
  targetActorId: number;
  weight: number;
  /** The confidence and reliability that count: the item's own, or its event's best passage's. */
  confidence: number;
  reliability: number;
  grade: Grade | null;
  /** The passage that counts first; every passage of an event after it. */
  passages: PassageDetail[];
}

/** A grouped passage's event columns, which the query fills whenever the passage has an event. */
function eventColumns(r: ScoredPassageRow) {
  const { evDate, evSourceActorId, evTargetActorId, evCodeId, evCodeKey, evCodeName, evWeight } = r;
  if (evDate === null || evSourceActorId === null || evTargetActorId === null || evCodeId === null || evCodeKey === null)
    throw new Error(`Passage ${r.id} names event ${r.eventId}, which the workspace does not hold.`);
  if (evCodeName === null || evWeight === null) throw new Error(`Event ${r.eventId} names a code the codebook does not hold.`);
  return { evDate, evSourceActorId, evTargetActorId, evCodeId, evCodeKey, evCodeName, evWeight };
}

function passage(r: ScoredPassageRow): PassageDetail {
  return {
    annotationId: r.id,
    articleId: r.articleId,
    articleTitle: r.articleTitle,
    outlet: r.outlet,
    publishedOn: r.publishedOn,
    eventDate: r.eventDate,
    exact: r.exact,
    note: r.note,
    confidence: r.confidence,
    grade: r.grade,
    reliability: r.reliability,
  };
}

export function rootKeys(db: Db): Map<number, string> {
  const codes = listCodes(db);
  const byId = new Map(codes.map((c) => [c.id, c]));
  const root = (id: number): string => {
    let c = byId.get(id);
    while (c && c.parentId !== null) c = byId.get(c.parentId);
    return c?.key ?? '';
  };
  return new Map(codes.map((c) => [c.id, root(c.id)]));
}

/** The scored items whose date lies in [fromDate, toDate] (default: all). */
export function relationshipItems(db: Db, relationship: Relationship, fromDate?: string, toDate?: string): ItemDetail[] {
  const rows = listScoredPassages(db, relationship.actorA.id, relationship.actorB.id, fromDate, toDate);
  const roots = rootKeys(db);
  const dir = (sourceActorId: number): Direction => (sourceActorId === relationship.actorA.id ? 'ab' : 'ba');
  const items: ItemDetail[] = [];
  const events = new Map<number, ItemDetail>();
  for (const r of rows) {
    if (r.eventId === null) {
      items.push({
        id: `a${r.id}`,
        eventId: null,
        day: isoToDay(r.eventDate),
        date: r.eventDate,
        direction: dir(r.sourceActorId),
        s: r.weight * r.confidence * r.reliability,
        codeKey: r.codeKey,
        codeName: r.codeName,
        rootKey: roots.get(r.codeId) ?? '',
        sourceActorId: r.sourceActorId,
        targetActorId: r.targetActorId,
        weight: r.weight,
        confidence: r.confidence,
        reliability: r.reliability,
        grade: r.grade,
        passages: [passage(r)],
      });
      continue;
    }
    const credibility = r.confidence * r.reliability;
    let ev = events.get(r.eventId);
    if (!ev) {
      const e = eventColumns(r);
      ev = {
        id: `e${r.eventId}`,
        eventId: r.eventId,
        day: isoToDay(e.evDate),
        date: e.evDate,
        direction: dir(e.evSourceActorId),
        s: e.evWeight * credibility,
        codeKey: e.evCodeKey,
        codeName: e.evCodeName,
        rootKey: roots.get(e.evCodeId) ?? '',
        sourceActorId: e.evSourceActorId,
        targetActorId: e.evTargetActorId,
        weight: e.evWeight,
        confidence: r.confidence,
        reliability: r.reliability,
        grade: r.grade,
        passages: [passage(r)],
      };
      events.set(r.eventId, ev);
      items.push(ev);
    } else if (credibility > ev.confidence * ev.reliability) {
      ev.confidence = r.confidence;
      ev.reliability = r.reliability;
      ev.grade = r.grade;
      ev.s = ev.weight * credibility;
      ev.passages.unshift(passage(r));
    } else {
      ev.passages.push(passage(r));
    }
  }
  return items;
}

export function itemsAsEvents(items: readonly ItemDetail[]): ScoreEvent[] {
  return items.map((i) => ({ day: i.day, direction: i.direction, s: i.s }));
}
