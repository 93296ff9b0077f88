import type { Migration } from './types';

/**
 * Near-duplicate index (issue 15): each article's MinHash signature and its
 * band keys, so an import finds the same article in another format among
 * 100,000 with a few index look-ups. Derived data: an article without a row
 * here (older workspaces, restored backups, edited text) gets one at the next
 * import, so nothing is computed inside the migration.
 */
export const nearDuplicates: Migration = {
  version: 14,
  name: 'near-duplicates',
  up(db) {
    db.exec(`
      CREATE TABLE article_fingerprints (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        signature BLOB NOT NULL
      ) STRICT;
      CREATE TABLE article_bands (
        band_key INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES article_fingerprints(article_id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, article_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX article_bands_article ON article_bands (article_id);
      -- A corrected text needs a new fingerprint; the next import makes it.
      CREATE TRIGGER article_fingerprints_stale AFTER UPDATE OF text ON articles BEGIN
        DELETE FROM article_fingerprints WHERE article_id = old.id;
      END;
    `);
  },
};
