import type { Migration } from './types';

/**
 * A desk's conflicts (issue 18) wait in the merge review beside a merge's: two
 * laptops changed the same column of the same shared row (a code's name, an
 * actor's name, …) while apart. Kind 'desk-row' joins the kinds of migration
 * 10 (SQLite cannot widen a CHECK in place: the table is rebuilt, rows kept).
 *
 * Whether a shared row was changed here decides between taking a colleague's
 * value quietly (never changed here) and listing a conflict: an index on the
 * change log's rows answers that without reading the whole log.
 */
export const deskConflicts: Migration = {
  version: 17,
  name: 'desk-conflicts',
  up(db) {
    db.exec(`
      CREATE TABLE merge_setting_conflicts_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('code-weight', 'grade-factor', 'outlet-grade', 'event', 'desk-row')),
        subject TEXT NOT NULL,
        ours_json TEXT NOT NULL,
        theirs_json TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      ) STRICT;
      INSERT INTO merge_setting_conflicts_new (id, kind, subject, ours_json, theirs_json, origin, created_at_ms)
        SELECT id, kind, subject, ours_json, theirs_json, origin, created_at_ms FROM merge_setting_conflicts;
      DROP TABLE merge_setting_conflicts;
      ALTER TABLE merge_setting_conflicts_new RENAME TO merge_setting_conflicts;
      CREATE INDEX merge_setting_conflicts_subject ON merge_setting_conflicts (kind, subject);
      CREATE INDEX change_log_row ON change_log (table_name, entity_id) WHERE set_id IS NOT NULL;
    `);
  },
};
