import type { Migration } from './types';

/**
 * Who made each change: the history panel lists who changed what and when.
 * A change set records the workspace's analyst (setting `analyst.name`) at
 * the time it was made; sets made before this migration have no name ('').
 */
export const changeAnalyst: Migration = {
  version: 7,
  name: 'change-analyst',
  up(db) {
    db.exec(`ALTER TABLE change_sets ADD COLUMN analyst TEXT NOT NULL DEFAULT '';`);
  },
};
