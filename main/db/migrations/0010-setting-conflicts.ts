import type { Migration } from './types';

/**
 * What a merge found different in the things the score depends on but that
 * have one copy per workspace (a code's weight, a grade's factor, an outlet's
 * grade, how passages are grouped into events). Each row waits for the
 * analyst to keep this workspace's value or take the colleague's; until then
 * this workspace's value counts, and the colleague's is kept here, not lost.
 */
export const settingConflicts: Migration = {
  version: 10,
  name: 'setting-conflicts',
  up(db) {
    db.exec(`
      CREATE TABLE merge_setting_conflicts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('code-weight', 'grade-factor', 'outlet-grade', 'event')),
        subject TEXT NOT NULL,
        ours_json TEXT NOT NULL,
        theirs_json TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
