import type { Migration } from './types';

/**
 * Coder layers (issue 16). Every annotation belongs to one layer:
 * - the workspace's own analyst (`coder = ''`, `consensus = 0`): what this
 *   analyst tags; it follows the analyst's name (setting `analyst.name`), so
 *   renaming oneself keeps one's layer;
 * - a colleague's (`coder = <their name>`): brought in by merging their
 *   package, never mixed into the analyst's own;
 * - the consensus (`consensus = 1`): what adjudication settled.
 * Every annotation that existed before belongs to the workspace's analyst.
 *
 * `scored` says whether the default score reads the passage: the analyst's
 * own passages and the consensus count; a colleague's never do; and in an
 * article that has been adjudicated the consensus replaces the analyst's own
 * (adjudication flips the flags, through the change log). The flag is the
 * last column of the covering scoring index, so the score's scans stay on the
 * index.
 */
export const coderLayers: Migration = {
  version: 9,
  name: 'coder-layers',
  up(db) {
    db.exec(`
      ALTER TABLE annotations ADD COLUMN coder TEXT NOT NULL DEFAULT '';
      ALTER TABLE annotations ADD COLUMN consensus INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1));
      ALTER TABLE annotations ADD COLUMN scored INTEGER NOT NULL DEFAULT 1 CHECK (scored IN (0, 1));
      DROP INDEX annotations_scoring;
      CREATE INDEX annotations_scoring ON annotations (source_actor_id, target_actor_id, event_date, code_id, confidence, event_id, scored);
      CREATE INDEX annotations_layer ON annotations (coder, consensus, article_id);
      -- Moving a passage between layers, or in and out of the score, changes the score: the cache must know.
      CREATE TRIGGER score_gen_annotation_layer AFTER UPDATE OF coder, consensus, scored ON annotations BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;

      -- Articles whose consensus replaces the analyst's own coding in the score (an id of its own, so that
      -- the change log can track the rows).
      CREATE TABLE adjudicated_articles (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL
      ) STRICT;

      -- Each settled disagreement between two layers' passages (either may be absent: a passage only one
      -- coder tagged), with what was decided; what it put into the consensus are annotations of their own.
      -- Plain ids, no foreign keys: a decision outlives the passages it was about.
      CREATE TABLE adjudications (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        a_annotation_id INTEGER,
        b_annotation_id INTEGER,
        decision TEXT NOT NULL CHECK (decision IN ('take-a', 'take-b', 'both', 'neither', 'edit', 'agreed')),
        at_ms INTEGER NOT NULL,
        CHECK (a_annotation_id IS NOT NULL OR b_annotation_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX adjudications_article ON adjudications (article_id);
    `);
  },
};
