import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { initial } from '../../main/db/migrations/0001-initial';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

let w: TestWorkspace | null = null;
afterEach(() => w?.close());

describe('migration 2 on a workspace written by schema 1', () => {
  it('indexes the existing articles and notes for search, and keeps every tag (none orphaned)', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'workspace.sqlite'));
    initial.up(db);
    db.pragma('user_version = 1');
    db.exec(`
      INSERT INTO actors (id, code, name, created_at_ms) VALUES (1, 'USA', 'United States', 0), (2, 'IND', 'India', 0);
      INSERT INTO codes (id, key, name, parent_id, weight, color, sort_order, created_at_ms, updated_at_ms)
        VALUES (1, 'THREAT', 'Threat', NULL, -6, '#e5484d', 0, 0, 0);
      INSERT INTO articles (id, title, outlet, published_on, text, word_count, content_hash, created_at_ms, updated_at_ms)
        VALUES (1, 'Old dispatch', 'Wire', '2025-01-02', 'The envoy warned of a naval blockade.', 7, 'h1', 0, 0);
      INSERT INTO annotations (article_id, code_id, source_actor_id, target_actor_id, start_offset, end_offset, quote_exact,
        quote_prefix, quote_suffix, event_date, note, created_at_ms, updated_at_ms)
        VALUES (1, 1, 1, 2, 10, 16, 'warned', 'The envoy ', ' of a naval', '2025-01-02', 'compare the March drill', 0, 0);
    `);
    db.close();
    w = openTestWorkspace({ dir, now: new Date('2026-06-15T12:00:00') });
    const r = await w.ok('search:query', { text: 'blockade' });
    expect(r.articles.map((a: { articleId: number }) => a.articleId)).toEqual([1]);
    expect((await w.ok('search:query', { text: 'drill' })).notes).toHaveLength(1);
    expect(await w.ok('annotations:list', { articleId: 1 })).toMatchObject([{ exact: 'warned', orphaned: false }]);
    expect((await w.ok('history:state', {})).nextUndo).toBeNull();
  });
});
