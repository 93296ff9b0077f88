import type { Migration } from './types';

/**
 * The complete score: source reliability per outlet (graded A–F, each grade a
 * factor the analyst can change), events that group several annotations so
 * that they count once, and a generation counter that every change the score
 * depends on bumps, so that the in-memory score cache can tell when a write
 * it was not told about (an import, an undo, a cascade) made it stale.
 */
export const scoreModel: Migration = {
  version: 3,
  name: 'score',
  up(db) {
    db.exec(`
      CREATE TABLE reliability_grades (
        grade TEXT PRIMARY KEY CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
        label TEXT NOT NULL,
        factor REAL NOT NULL CHECK (factor BETWEEN 0 AND 1),
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      INSERT INTO reliability_grades (grade, label, factor, updated_at_ms) VALUES
        ('A', 'Completely reliable', 1.0, 0),
        ('B', 'Usually reliable', 0.8, 0),
        ('C', 'Fairly reliable', 0.6, 0),
        ('D', 'Not usually reliable', 0.4, 0),
        ('E', 'Unreliable', 0.2, 0),
        ('F', 'Reliability cannot be judged', 0.5, 0);

      -- Outlets are the articles' outlet names; an outlet without a row is ungraded and counts 1.
      CREATE TABLE outlet_grades (
        outlet TEXT PRIMARY KEY CHECK (length(outlet) BETWEEN 1 AND 200),
        grade TEXT NOT NULL REFERENCES reliability_grades(grade),
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        source_actor_id INTEGER NOT NULL REFERENCES actors(id),
        target_actor_id INTEGER NOT NULL REFERENCES actors(id),
        code_id INTEGER NOT NULL REFERENCES codes(id),
        event_date TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        created_at_ms INTEGER NOT NULL,
        CHECK (source_actor_id <> target_actor_id)
      ) STRICT;
      CREATE INDEX events_direction ON events (source_actor_id, target_actor_id, event_date);

      ALTER TABLE annotations ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE SET NULL;
      CREATE INDEX articles_outlet_exact ON articles (outlet);
      CREATE INDEX annotations_event ON annotations (event_id) WHERE event_id IS NOT NULL;
      -- The series query reads these columns only, per direction in date order, straight from the index.
      CREATE INDEX annotations_scoring ON annotations (source_actor_id, target_actor_id, event_date, code_id, confidence, event_id);
      -- A prefix of annotations_scoring, which serves every query it served.
      DROP INDEX annotations_direction;

      CREATE TABLE score_generation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
      ) STRICT;
      INSERT INTO score_generation (id, generation) VALUES (1, 0);

      CREATE TRIGGER score_gen_annotation_insert AFTER INSERT ON annotations BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_annotation_delete AFTER DELETE ON annotations BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_annotation_update
        AFTER UPDATE OF code_id, source_actor_id, target_actor_id, confidence, event_date, article_id, event_id ON annotations BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_code_weight AFTER UPDATE OF weight, parent_id, key ON codes BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_article_outlet AFTER UPDATE OF outlet ON articles BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_grade_factor AFTER UPDATE ON reliability_grades BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_outlet_insert AFTER INSERT ON outlet_grades BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_outlet_update AFTER UPDATE ON outlet_grades BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_outlet_delete AFTER DELETE ON outlet_grades BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_event_insert AFTER INSERT ON events BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_event_update AFTER UPDATE ON events BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
      CREATE TRIGGER score_gen_event_delete AFTER DELETE ON events BEGIN
        UPDATE score_generation SET generation = generation + 1;
      END;
    `);
  },
};
