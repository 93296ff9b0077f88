import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/db/connection';
import { MIGRATIONS, SCHEMA_VERSION } from '../../main/db/migrations';
import { ApiError } from '../../shared/api/errors';
import { DEFAULT_CODES } from '../../shared/domain/codebook';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

const open: TestWorkspace[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
function ws(opts: Parameters<typeof openTestWorkspace>[0] = {}) {
  const w = openTestWorkspace(opts);
  open.push(w);
  return w;
}

describe('migrations', () => {
  it('bring an empty file to the current schema with STRICT tables', () => {
    const w = ws();
    const db = w.ctx.workspace.db;
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(w.ctx.workspace.foundVersion).toBe(0);
    // FTS5 virtual tables and their shadow tables are SQLite's own and cannot be STRICT.
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT GLOB '*_fts_*'",
      )
      .all() as {
      name: string;
      sql: string;
    }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'actor_aliases',
        'actors',
        'adjudicated_articles',
        'adjudications',
        'annotation_origins',
        'annotations',
        'article_bands',
        'article_bands_recent',
        'article_fingerprints',
        'articles',
        'change_log',
        'change_sets',
        'codes',
        'desk_applied',
        'desk_near_duplicates',
        'events',
        'layer_articles',
        'merge_conflicts',
        'merge_setting_conflicts',
        'outlet_grades',
        'relationships',
        'reliability_grades',
        'score_generation',
        'settings',
        'suggestion_rejections',
        'suggestion_thresholds',
      ].sort(),
    );
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT(,\s*WITHOUT ROWID)?$/);
  });

  it('set WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = ws().ctx.workspace.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('seed the codebook of scoring.md, actors and relationships once', () => {
    const w = ws();
    const codes = w.ctx.workspace.db.prepare('SELECT key, weight FROM codes').all() as { key: string; weight: number }[];
    expect(codes).toHaveLength(DEFAULT_CODES.length);
    expect(codes.find((c) => c.key === 'THREAT')?.weight).toBe(-6);
    expect(codes.find((c) => c.key === 'CONCESSION.DEESCALATE')?.weight).toBe(9);
    const file = w.file;
    w.ctx.workspace.close();
    const again = openWorkspace(file);
    expect((again.db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number }).n).toBe(DEFAULT_CODES.length);
    expect(again.foundVersion).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuse a workspace written by a newer Parley and leave its bytes untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'newer.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future (x INTEGER) STRICT');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      openWorkspace(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NEWER_SCHEMA');
    expect((error as ApiError).message).toMatch(/newer Parley.*not been touched/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });

  it('roll back every step when one fails', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const dir = tempDir();
    const file = path.join(dir, 'broken.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE actors (x INTEGER) STRICT'); // collides with the first migration
    db.close();
    expect(() => openWorkspace(file)).toThrow(/already exists/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'articles'").get()).toEqual({ n: 0 });
    check.close();
    fs.rmSync(dir, { recursive: true });
  });
});

describe('single instance', () => {
  it('refuses a second Parley on the same workspace and frees it on close', () => {
    const w = ws();
    expect(() => openWorkspace(w.file)).toThrow(/already open in another Parley/);
    w.ctx.workspace.close();
    const again = openWorkspace(w.file);
    again.close();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = tempDir();
    const file = path.join(dir, 'w.sqlite');
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));
    const w = openWorkspace(file);
    w.close();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('repositories against real SQLite', () => {
  it('store, list and count articles and annotations, and log every change', async () => {
    const w = ws({ now: new Date('2026-06-15T12:00:00') });
    const rel = (await w.ok('relationships:list', {}))[0]!;
    const article = await w.ok('articles:create', {
      title: 'Ministers meet',
      outlet: 'Test Wire',
      publishedOn: '2026-06-10',
      relationshipId: rel.id,
      text: 'First paragraph here.\n\nSecond paragraph with a threat in it.',
    });
    expect(article.wordCount).toBe(10);
    const codes = await w.ok('codebook:list', {});
    const threat = codes.find((c: { key: string }) => c.key === 'THREAT')!;
    const text = (await w.ok('articles:get', { id: article.id })).text as string;
    const start = text.indexOf('a threat');
    const created = await w.ok('annotations:create', {
      articleId: article.id,
      start,
      end: start + 'a threat'.length,
      codeId: threat.id,
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });
    expect(created).toMatchObject({
      exact: 'a threat',
      prefix: 'First paragraph here.\n\nSecond paragraph with '.slice(-32),
      suffix: ' in it.',
      eventDate: '2026-06-10',
    });
    const list = await w.ok('articles:list', {});
    expect(list.items[0]!.annotationCount).toBe(1);
    await w.ok('annotations:delete', { id: created.id });
    expect((await w.ok('articles:list', {})).items[0]!.annotationCount).toBe(0);
    const history = await w.ok('history:state', {});
    expect(history.recent.map((h: { label: string }) => h.label)).toEqual([
      'Delete tag on “a threat”',
      'Tag “a threat” as Threat',
      expect.stringMatching(/^Add article “/),
    ]);
    expect(() => w.ctx.workspace.db.prepare('DELETE FROM change_log').run()).toThrow(/append-only/);
  });

  it('deleting an article removes its annotations with it', async () => {
    const w = ws({ sample: true, now: new Date('2026-06-15T12:00:00') });
    const info = await w.ok('workspace:info', {});
    expect(info.sampleArticleCount).toBe(6);
    expect(info.annotationCount).toBe(4);
    await w.ok('sample:remove', {});
    const after = await w.ok('workspace:info', {});
    expect(after).toMatchObject({ articleCount: 0, annotationCount: 0, sampleArticleCount: 0 });
  });

  it('uses an index for the hot queries', () => {
    const db = ws().ctx.workspace.db;
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM annotations WHERE article_id = 1 ORDER BY start_offset')).toMatch(
      /USING (COVERING )?INDEX annotations_article/,
    );
    expect(plan('SELECT id FROM articles ORDER BY published_on DESC, id DESC LIMIT 50')).toMatch(
      /USING (COVERING )?INDEX articles_published/,
    );
    expect(plan('SELECT * FROM annotations WHERE source_actor_id = 1 AND target_actor_id = 2')).toMatch(
      /USING (COVERING )?INDEX annotations_(direction|scoring)/,
    );
  });
});
