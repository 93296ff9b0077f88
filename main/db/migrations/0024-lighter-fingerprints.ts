import type { Migration } from './types';

/**
 * Lighter near-duplicate fingerprints (issue 15, import speed).
 *
 * - Signatures are now made by one permutation hashing (shared/text/fingerprint.ts): a sixty-fourth of the hashing of
 *   64 separate hash functions. Old and new signatures do not compare, so every saved fingerprint is dropped here; the
 *   next import (or a desk pull's near-duplicate check) makes them again, as for a workspace from before migration 14.
 * - The band index loses its foreign key and its index by article. Each saved band row cost a look-up of its parent
 *   and a second index entry: about 60 % of writing an import's fingerprints at 100,000 articles (bench `import`).
 *   A look-up joins the bands to article_fingerprints, so band rows left by a deleted article or an edited text are
 *   never candidates; they are a few hundred bytes an article, and a re-fingerprinted article's are ignored (INSERT
 *   OR IGNORE).
 */
export const lighterFingerprints: Migration = {
  version: 24,
  name: 'lighter-fingerprints',
  localOnly: true,
  up(db) {
    db.exec(`
      DROP TABLE article_bands;
      DELETE FROM article_fingerprints;
      CREATE TABLE article_bands (
        band_key INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (band_key, article_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
