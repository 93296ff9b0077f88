import type { Migration } from './types';

/**
 * Suggestions (issue 17): the analyst's rejections, so a rejected suggestion
 * does not come back and the classifier learns from it, and the confidence
 * below which each code is not suggested. Suggestions themselves are not
 * stored: they are recomputed, and count in no score until accepted as tags.
 */
export const suggestions: Migration = {
  version: 13,
  name: 'suggestions',
  up(db) {
    db.exec(`
      CREATE TABLE suggestion_rejections (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        source_actor_id INTEGER,
        target_actor_id INTEGER,
        exact TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX suggestion_rejections_article ON suggestion_rejections(article_id);
      CREATE TABLE suggestion_thresholds (
        id INTEGER PRIMARY KEY,
        code_id INTEGER NOT NULL UNIQUE REFERENCES codes(id) ON DELETE CASCADE,
        threshold REAL NOT NULL CHECK (threshold >= 0 AND threshold <= 1)
      ) STRICT;
    `);
  },
};
