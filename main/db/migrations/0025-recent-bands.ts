import type { Migration } from './types';

/**
 * A second, small band table for the near-duplicate index (issue 15, import speed).
 *
 * An import's band keys are random, so writing them into the one band table of a large workspace touched nearly
 * every leaf of it: 10,000 articles' 160,000 rows rewrote all ~6,300 pages (24.5 MB) of a 100,000-article
 * workspace's table, in the log and again in the database file; the save took a sixth less CPU without them (bench
 * `import`). New bands now go into article_bands_recent, which stays small, and are moved into article_bands in
 * slices at the start of a later import, once the recent table holds more than a quarter as many rows
 * (nearDuplicates.ts). A look-up reads both tables.
 */
export const recentBands: Migration = {
  version: 25,
  name: 'recent-bands',
  localOnly: true,
  up(db) {
    db.exec(`
      CREATE TABLE article_bands_recent (
        band_key INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (band_key, article_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
