import type { Migration } from './types';

/**
 * The library's tag count per article follows a coder layer (issue 16):
 * `articles.annotation_count` counts the analyst's own passages only, no
 * longer a colleague's or the consensus (which made "3" of an article with one
 * passage in each). Other layers' counts are read on demand (main/db/articles.ts),
 * from the annotations_layer index. A passage enters its layer after its row
 * is inserted (insert, then move), so the move is counted too.
 *
 * `layer_articles` records the articles a colleague was given to code (every
 * article of their returned coding package), so that an article they read and
 * left untagged still counts in the agreement report: it is a disagreement
 * wherever the analyst tagged it, not an article they never saw.
 */
export const layerCounts: Migration = {
  version: 22,
  name: 'layer-counts',
  up(db) {
    db.exec(`
      DROP TRIGGER annotations_count_insert;
      DROP TRIGGER annotations_count_delete;
      CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations WHEN NEW.coder = '' AND NEW.consensus = 0 BEGIN
        UPDATE articles SET annotation_count = annotation_count + 1 WHERE id = NEW.article_id;
      END;
      CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations WHEN OLD.coder = '' AND OLD.consensus = 0 BEGIN
        UPDATE articles SET annotation_count = annotation_count - 1 WHERE id = OLD.article_id;
      END;
      CREATE TRIGGER annotations_count_layer AFTER UPDATE OF coder, consensus, article_id ON annotations BEGIN
        UPDATE articles SET annotation_count = annotation_count - 1
          WHERE id = OLD.article_id AND OLD.coder = '' AND OLD.consensus = 0;
        UPDATE articles SET annotation_count = annotation_count + 1
          WHERE id = NEW.article_id AND NEW.coder = '' AND NEW.consensus = 0;
      END;
      UPDATE articles SET annotation_count =
        (SELECT count(*) FROM annotations an WHERE an.article_id = articles.id AND an.coder = '' AND an.consensus = 0);

      CREATE TABLE layer_articles (
        id INTEGER PRIMARY KEY,
        coder TEXT NOT NULL CHECK (coder <> ''),
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        UNIQUE (coder, article_id)
      ) STRICT;
      CREATE INDEX layer_articles_article ON layer_articles (article_id);
    `);
  },
};
