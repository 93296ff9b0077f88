import type { Db } from './connection';
import { stmt } from './statements';

export type ChangeAction = 'create' | 'update' | 'delete';

export interface ChangeRow {
  id: number;
  atMs: number;
  entity: string;
  entityId: number;
  action: ChangeAction;
  before: unknown;
  after: unknown;
}

/** Appends one entry; call inside the transaction that makes the change. */
export function logChange(
  db: Db,
  entry: { entity: string; entityId: number; action: ChangeAction; before?: unknown; after?: unknown; atMs?: number },
): void {
  stmt(db, 'INSERT INTO change_log (at_ms, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)').run(
    entry.atMs ?? Date.now(),
    entry.entity,
    entry.entityId,
    entry.action,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}

interface RawChange {
  id: number;
  at_ms: number;
  entity: string;
  entity_id: number;
  action: ChangeAction;
  before_json: string | null;
  after_json: string | null;
}

function rowToChange(r: RawChange): ChangeRow {
  return {
    id: r.id,
    atMs: r.at_ms,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  };
}

export function recentChanges(db: Db, limit: number): ChangeRow[] {
  return (stmt(db, 'SELECT * FROM change_log ORDER BY id DESC LIMIT ?').all(limit) as RawChange[]).map(rowToChange);
}
