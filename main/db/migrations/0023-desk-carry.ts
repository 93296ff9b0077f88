import type { Migration } from './types';

/**
 * What a desk carries beyond migration 16's rows (issue 18): adjudication.
 * An article's adjudicated flag and each decision get a uid, as the shared
 * rows did, so that they travel by name rather than by local id:
 * - adjudicated_articles: its article's uid (one flag per article, so the same
 *   article adjudicated on two laptops is one flag);
 * - adjudications: random (each decision is its own).
 * Outlet grades and grade factors need none: their text key (the outlet's name,
 * the grade's letter) is the same on every laptop already.
 *
 * And the articles a pull brought that nearly duplicate one this laptop
 * imported itself (a byline, whitespace, a corrected typo apart): never merged
 * by the desk, since a colleague's tags are anchored to their text; listed for
 * the analyst until they dismiss the pair (found by a pull, unlogged; dismissing is
 * an undoable change).
 */
const IDENTITY: ReadonlyArray<[table: string, expression: string]> = [
  ['adjudicated_articles', `'adjudicated:' || (SELECT uid FROM articles WHERE id = NEW.article_id)`],
  ['adjudications', 'lower(hex(randomblob(16)))'],
];

export const deskCarry: Migration = {
  version: 23,
  name: 'desk-carry',
  up(db) {
    for (const [table, expression] of IDENTITY) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN uid TEXT;
        CREATE TRIGGER ${table}_uid AFTER INSERT ON ${table} WHEN NEW.uid IS NULL BEGIN
          UPDATE ${table} SET uid = ${expression} WHERE id = NEW.id;
        END;
      `);
      db.exec(`UPDATE ${table} AS NEW SET uid = ${expression}`);
      db.exec(`CREATE UNIQUE INDEX ${table}_by_uid ON ${table} (uid)`);
    }
    db.exec(`
      CREATE TABLE desk_near_duplicates (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
        other_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        similarity REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1),
        found_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX desk_near_duplicates_other ON desk_near_duplicates (other_id);
    `);
  },
};
