import type { Migration } from './types';

/**
 * Import flags an article whose URL or title is already in the workspace with
 * different text; these indexes keep that check fast for a batch of thousands.
 */
export const importLookups: Migration = {
  version: 4,
  name: 'import-lookups',
  up(db) {
    db.exec(`
      CREATE INDEX articles_url ON articles (url) WHERE url <> '';
      -- articles_title (title COLLATE NOCASE, id), from migration 2, already serves look-ups by title.
      CREATE INDEX IF NOT EXISTS articles_title ON articles (title COLLATE NOCASE);
    `);
  },
};
