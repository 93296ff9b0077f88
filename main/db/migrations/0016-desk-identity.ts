import type { Migration } from './types';

/**
 * A desk (issue 18): rows that laptops share need a name that is the same on
 * every laptop, since local integer ids differ between them. Each shared
 * table gets a `uid`, given by a trigger when a row is inserted without one
 * (so no insert in the app has to know about it). Where the row has a natural
 * identity, the uid is made from it, so that the same thing made on two
 * laptops while apart is one thing on the desk:
 * - an article: its content hash (the same text imported twice is one article);
 * - a code: its key (keys are made once, at creation, and never change);
 * - an actor: its code; an alias: its actor and its text;
 * - a relationship: its two actors, in either order.
 * Passages, events and everything else get a random uid.
 *
 * And the laptop's side of the desk: which of the desk's change sets have been
 * applied here (so applying one twice changes nothing), and which local change
 * sets came from the desk (so they are never sent back).
 */
const RANDOM = 'lower(hex(randomblob(16)))';

const IDENTITY: ReadonlyArray<[table: string, expression: string]> = [
  ['actors', `'actor:' || upper(NEW.code)`],
  ['actor_aliases', `'alias:' || (SELECT uid FROM actors WHERE id = NEW.actor_id) || ':' || NEW.alias`],
  [
    'relationships',
    `'rel:' || min((SELECT uid FROM actors WHERE id = NEW.actor_a_id), (SELECT uid FROM actors WHERE id = NEW.actor_b_id))
      || '|' || max((SELECT uid FROM actors WHERE id = NEW.actor_a_id), (SELECT uid FROM actors WHERE id = NEW.actor_b_id))`,
  ],
  ['codes', `'code:' || NEW.key`],
  ['articles', `'article:' || NEW.content_hash`],
  ['events', RANDOM],
  ['annotations', RANDOM],
];

/**
 * A natural uid can already be taken by a row that has changed since (an article whose text was corrected, then
 * the old text imported again): the new row is then a different thing and gets a random uid.
 */
function freeOrRandom(table: string, expression: string): string {
  if (expression === RANDOM) return RANDOM;
  return `CASE WHEN EXISTS (SELECT 1 FROM ${table} WHERE uid = (${expression})) THEN ${RANDOM} ELSE (${expression}) END`;
}

export const deskIdentity: Migration = {
  version: 16,
  name: 'desk-identity',
  up(db) {
    for (const [table, expression] of IDENTITY) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN uid TEXT;
        CREATE TRIGGER ${table}_uid AFTER INSERT ON ${table} WHEN NEW.uid IS NULL BEGIN
          UPDATE ${table} SET uid = ${freeOrRandom(table, expression)} WHERE id = NEW.id;
        END;
      `);
      // Existing rows, through the same expression (NEW.x read as the row's own column), in table order so that
      // aliases and relationships find their actors' uids.
      db.exec(`UPDATE ${table} AS NEW SET uid = ${expression}`);
      db.exec(`CREATE UNIQUE INDEX ${table}_by_uid ON ${table} (uid)`);
    }
    db.exec(`
      -- Each change set of the desk applied here: its uid, its place in the desk's order, and the local change set
      -- that recorded it (null when it changed nothing here).
      CREATE TABLE desk_applied (
        uid TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        set_id INTEGER REFERENCES change_sets(id)
      ) STRICT;
      CREATE INDEX desk_applied_set ON desk_applied (set_id) WHERE set_id IS NOT NULL;
    `);
  },
};
