import type { Migration } from './types';

/**
 * Coding workbench: undo/redo grouped in change sets, orphaned annotations
 * after text edits, and full-text search (FTS5, external content kept in sync
 * by triggers) over article titles and text and annotation notes.
 */
export const coding: Migration = {
  version: 2,
  name: 'coding',
  up(db) {
    db.exec(`
      -- One analyst action (which may touch several rows) is one change set; undo and
      -- redo are change sets too, so the history is replayed, never rewritten.
      CREATE TABLE change_sets (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('do', 'undo', 'redo')),
        reverses_set_id INTEGER REFERENCES change_sets(id),
        label TEXT NOT NULL,
        CHECK ((kind = 'do') = (reverses_set_id IS NULL))
      ) STRICT;
      CREATE TRIGGER change_sets_no_update BEFORE UPDATE ON change_sets BEGIN
        SELECT RAISE(ABORT, 'the change log is append-only');
      END;
      CREATE TRIGGER change_sets_no_delete BEFORE DELETE ON change_sets BEGIN
        SELECT RAISE(ABORT, 'the change log is append-only');
      END;

      -- Entries of a change set carry full row snapshots of the named table, so that
      -- they can be reversed without knowing what kind of row they hold.
      ALTER TABLE change_log ADD COLUMN table_name TEXT;
      ALTER TABLE change_log ADD COLUMN set_id INTEGER REFERENCES change_sets(id);
      CREATE INDEX change_log_set ON change_log (set_id) WHERE set_id IS NOT NULL;

      -- An annotation whose passage could not be found again after the text was edited.
      -- It keeps its last offsets (clamped to the text) and its quote until placed by hand.
      ALTER TABLE annotations ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1));
      CREATE INDEX annotations_orphaned ON annotations (article_id) WHERE orphaned = 1;

      -- The library sorts 100,000 articles by title, outlet or number of tags: one index per order.
      CREATE INDEX articles_title ON articles (title COLLATE NOCASE, id);
      CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE, published_on DESC, id DESC);
      CREATE INDEX articles_tags ON articles (annotation_count DESC, published_on DESC, id DESC);

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content = 'articles', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', OLD.id, OLD.title, OLD.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', OLD.id, OLD.title, OLD.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
      END;
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

      CREATE VIRTUAL TABLE notes_fts USING fts5(
        note, content = 'annotations', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER notes_fts_insert AFTER INSERT ON annotations BEGIN
        INSERT INTO notes_fts (rowid, note) VALUES (NEW.id, NEW.note);
      END;
      CREATE TRIGGER notes_fts_delete AFTER DELETE ON annotations BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, note) VALUES ('delete', OLD.id, OLD.note);
      END;
      CREATE TRIGGER notes_fts_update AFTER UPDATE OF note ON annotations BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, note) VALUES ('delete', OLD.id, OLD.note);
        INSERT INTO notes_fts (rowid, note) VALUES (NEW.id, NEW.note);
      END;
      INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
    `);
  },
};
