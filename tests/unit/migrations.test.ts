/**
 * Every earlier schema version migrates: a workspace is built at each version
 * (only the migrations up to it), given data, and opened by this Parley.
 */
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/db/connection';
import { MIGRATIONS, SCHEMA_VERSION } from '../../main/db/migrations';
import { tempDir } from '../helpers/workspace';

function buildAt(version: number, file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    m.up(db);
    db.pragma(`user_version = ${m.version}`);
  }
  // Data that every version since the first can hold.
  const now = Date.now();
  db.prepare("INSERT INTO actors (code, name, created_at_ms) VALUES ('AAA', 'Alpha', ?), ('BBB', 'Beta', ?)").run(now, now);
  db.prepare(
    "INSERT INTO codes (key, name, weight, color, sort_order, created_at_ms, updated_at_ms) VALUES ('THREAT', 'Threat', -6, '#ff0000', 0, ?, ?)",
  ).run(now, now);
  db.prepare(
    "INSERT INTO articles (title, published_on, text, word_count, content_hash, created_at_ms, updated_at_ms) VALUES ('Old article', '2025-01-02', 'Alpha warned Beta.', 3, 'h1', ?, ?)",
  ).run(now, now);
  db.prepare(
    `INSERT INTO annotations (article_id, code_id, source_actor_id, target_actor_id, start_offset, end_offset, quote_exact, quote_prefix, quote_suffix, event_date, created_at_ms, updated_at_ms)
     VALUES (1, 1, 1, 2, 6, 12, 'warned', 'Alpha ', ' Beta.', '2025-01-02', ?, ?)`,
  ).run(now, now);
  db.close();
}

describe('migrations from every earlier schema version', () => {
  const earlier = MIGRATIONS.filter((m) => m.version < SCHEMA_VERSION).map((m) => m.version);
  it('there is a list of versions to test (the first migration at least)', () => {
    expect(MIGRATIONS[0]!.version).toBe(1);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
  });
  for (const version of [...earlier, SCHEMA_VERSION]) {
    it(`from version ${version} to ${SCHEMA_VERSION}, keeping the data`, () => {
      const dir = tempDir();
      const file = path.join(dir, 'w.sqlite');
      buildAt(version, file);
      const w = openWorkspace(file);
      try {
        expect(w.foundVersion).toBe(version);
        expect(w.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(w.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(w.db.pragma('foreign_key_check')).toEqual([]);
        expect(w.db.prepare('SELECT quote_exact FROM annotations').pluck().all()).toEqual(['warned']);
        expect(w.db.prepare('SELECT title FROM articles').pluck().all()).toEqual(['Old article']);
      } finally {
        w.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
