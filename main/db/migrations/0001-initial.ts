import type { Migration } from './types';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 1 AND 12),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE actor_aliases (
        id INTEGER PRIMARY KEY,
        actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        alias TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 200),
        UNIQUE (actor_id, alias)
      ) STRICT;

      CREATE TABLE relationships (
        id INTEGER PRIMARY KEY,
        actor_a_id INTEGER NOT NULL REFERENCES actors(id),
        actor_b_id INTEGER NOT NULL REFERENCES actors(id),
        created_at_ms INTEGER NOT NULL,
        CHECK (actor_a_id <> actor_b_id)
      ) STRICT;
      CREATE UNIQUE INDEX relationships_pair ON relationships (min(actor_a_id, actor_b_id), max(actor_a_id, actor_b_id));

      CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        parent_id INTEGER REFERENCES codes(id),
        weight REAL NOT NULL CHECK (weight BETWEEN -10 AND 10),
        color TEXT NOT NULL,
        cameo TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        shortcut TEXT,
        sort_order INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        outlet TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        published_on TEXT NOT NULL CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        text TEXT NOT NULL CHECK (length(text) > 0),
        word_count INTEGER NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        relationship_id INTEGER REFERENCES relationships(id) ON DELETE SET NULL,
        is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
        annotation_count INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX articles_published ON articles (published_on, id);
      CREATE INDEX articles_relationship ON articles (relationship_id, published_on);

      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id),
        source_actor_id INTEGER NOT NULL REFERENCES actors(id),
        target_actor_id INTEGER NOT NULL REFERENCES actors(id),
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset INTEGER NOT NULL,
        quote_exact TEXT NOT NULL,
        quote_prefix TEXT NOT NULL,
        quote_suffix TEXT NOT NULL,
        confidence REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
        event_date TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        note TEXT NOT NULL DEFAULT '',
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        CHECK (end_offset > start_offset),
        CHECK (source_actor_id <> target_actor_id)
      ) STRICT;
      CREATE INDEX annotations_article ON annotations (article_id, start_offset);
      CREATE INDEX annotations_direction ON annotations (source_actor_id, target_actor_id, event_date);
      CREATE INDEX annotations_code ON annotations (code_id);

      -- The article list shows tag counts for 100,000 articles; keep them with the row.
      CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations BEGIN
        UPDATE articles SET annotation_count = annotation_count + 1 WHERE id = NEW.article_id;
      END;
      CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations BEGIN
        UPDATE articles SET annotation_count = annotation_count - 1 WHERE id = OLD.article_id;
      END;

      -- Append-only: what changed, when. Rows are never updated or deleted.
      CREATE TABLE change_log (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        before_json TEXT,
        after_json TEXT
      ) STRICT;
      CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN
        SELECT RAISE(ABORT, 'the change log is append-only');
      END;
      CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN
        SELECT RAISE(ABORT, 'the change log is append-only');
      END;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
