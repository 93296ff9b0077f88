import type { Actor, Relationship } from '../../shared/api/schemas';
import type { Db } from './connection';
import { stmt } from './statements';
import { present } from '../../shared/domain/present';

interface ActorRow {
  id: number;
  code: string;
  name: string;
  aliases: string | null;
}

function rowToActor(r: ActorRow): Actor {
  return { id: r.id, code: r.code, name: r.name, aliases: r.aliases ? (JSON.parse(r.aliases) as string[]) : [] };
}

const ACTOR_SELECT = `
  SELECT a.id, a.code, a.name,
         (SELECT json_group_array(alias) FROM (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY id)) AS aliases
  FROM actors a`;

export function listActors(db: Db): Actor[] {
  return (stmt(db, `${ACTOR_SELECT} ORDER BY a.id`).all() as ActorRow[]).map(rowToActor);
}

export function getActor(db: Db, id: number): Actor | null {
  const row = stmt(db, `${ACTOR_SELECT} WHERE a.id = ?`).get(id) as ActorRow | undefined;
  return row ? rowToActor(row) : null;
}

export function insertActor(db: Db, a: { code: string; name: string; aliases: readonly string[] }, nowMs = Date.now()): number {
  const id = Number(stmt(db, 'INSERT INTO actors (code, name, created_at_ms) VALUES (?, ?, ?)').run(a.code, a.name, nowMs).lastInsertRowid);
  const addAlias = stmt(db, 'INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)');
  for (const alias of a.aliases) addAlias.run(id, alias);
  return id;
}

export function actorIdByCode(db: Db, code: string): number | null {
  const row = stmt(db, 'SELECT id FROM actors WHERE code = ?').get(code) as { id: number } | undefined;
  return row?.id ?? null;
}

interface RelationshipRow {
  id: number;
  actor_a_id: number;
  actor_b_id: number;
}

export function listRelationships(db: Db): Relationship[] {
  const actors = new Map(listActors(db).map((a) => [a.id, a]));
  const rows = stmt(db, 'SELECT id, actor_a_id, actor_b_id FROM relationships ORDER BY id').all() as RelationshipRow[];
  return rows.map((r) => {
    // The foreign keys keep both actors; a missing one means a damaged file.
    const actorA = present(actors.get(r.actor_a_id), `actor ${r.actor_a_id} of relationship ${r.id}`);
    const actorB = present(actors.get(r.actor_b_id), `actor ${r.actor_b_id} of relationship ${r.id}`);
    return { id: r.id, actorA, actorB, label: `${actorA.name} – ${actorB.name}` };
  });
}

export function getRelationship(db: Db, id: number): Relationship | null {
  return listRelationships(db).find((r) => r.id === id) ?? null;
}

export function insertRelationship(db: Db, actorAId: number, actorBId: number, nowMs = Date.now()): number {
  return Number(
    stmt(db, 'INSERT INTO relationships (actor_a_id, actor_b_id, created_at_ms) VALUES (?, ?, ?)').run(actorAId, actorBId, nowMs)
      .lastInsertRowid,
  );
}

// coding: the actors registry
export function updateActorRow(db: Db, id: number, a: { code: string; name: string }): void {
  stmt(db, 'UPDATE actors SET code = ?, name = ? WHERE id = ?').run(a.code, a.name, id);
}

export function insertAlias(db: Db, actorId: number, alias: string): number {
  return Number(stmt(db, 'INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?)').run(actorId, alias).lastInsertRowid);
}

/** Which actor already has this alias (case-insensitive), if any. */
export function aliasOwner(db: Db, alias: string): { aliasId: number; actorId: number } | null {
  const row = stmt(db, 'SELECT id, actor_id FROM actor_aliases WHERE alias = ? COLLATE NOCASE').get(alias) as
    { id: number; actor_id: number } | undefined;
  return row ? { aliasId: row.id, actorId: row.actor_id } : null;
}

export function aliasId(db: Db, actorId: number, alias: string): number | null {
  const row = stmt(db, 'SELECT id FROM actor_aliases WHERE actor_id = ? AND alias = ?').get(actorId, alias) as { id: number } | undefined;
  return row?.id ?? null;
}

export function deleteAliasRow(db: Db, id: number): void {
  stmt(db, 'DELETE FROM actor_aliases WHERE id = ?').run(id);
}

export function relationshipIdFor(db: Db, a: number, b: number): number | null {
  const row = stmt(
    db,
    'SELECT id FROM relationships WHERE min(actor_a_id, actor_b_id) = min(?, ?) AND max(actor_a_id, actor_b_id) = max(?, ?)',
  ).get(a, b, a, b) as { id: number } | undefined;
  return row?.id ?? null;
}
