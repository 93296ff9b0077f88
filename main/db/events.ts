/** Events: passages grouped as one reported happening, scored once (see docs/scoring.md). */
import type { Db } from './connection';
import { stmt } from './statements';

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

export function listEvents(db: Db): EventRow[] {
  return stmt(db, `SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`).all() as EventRow[];
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
