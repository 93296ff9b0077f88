import type { Migration } from './types';

/**
 * Who coded what, and what a merge could not decide alone. Annotations made in
 * this workspace have no `annotation_origins` row: their analyst is the
 * workspace's own (setting `analyst.name`). Imported and merged annotations
 * keep their coder. A merge conflict keeps both annotations until the
 * analyst chooses one, so nothing of either side is lost.
 */
export const exchange: Migration = {
  version: 5,
  name: 'exchange',
  up(db) {
    db.exec(`
      CREATE TABLE annotation_origins (
        annotation_id INTEGER PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        analyst TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT '',
        imported_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE merge_conflicts (
        id INTEGER PRIMARY KEY,
        ours_annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        theirs_annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        origin TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        UNIQUE (ours_annotation_id, theirs_annotation_id)
      ) STRICT;
    `);
  },
};
