/**
 * One write path (issue 20): what used to be plain log entries is an undoable
 * change set now (merges, settings), the log stays compact, and an import's
 * save over several transactions stays one set.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/db/migrations';
import { insertArticle } from '../../main/db/articles';
import { ContinuedChangeSet } from '../../main/services/changeRecorder';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
const open: TestWorkspace[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});
const workspace = (dir?: string) => {
  const w = openTestWorkspace({ now: NOW, dir });
  open.push(w);
  return w;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function basics(w: TestWorkspace) {
  const rel = (await w.ok('relationships:list', {}))[0];
  const codes = await w.ok('codebook:list', {});
  const threat = codes.find((c: { key: string }) => c.key === 'THREAT').id;
  return { rel, threat };
}

const count = (w: TestWorkspace, table: string) => w.ctx.workspace.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('a merge is one undoable change set', () => {
  it('undoes a whole merge (articles, tags, an event group) and redoes it, across a restart', async () => {
    const theirs = workspace();
    const { rel, threat } = await basics(theirs);
    const text = 'Washington warned of tariffs on Monday. New Delhi threatened a boycott.';
    const a = await theirs.ok('articles:create', { title: 'Tariff row', publishedOn: '2026-06-01', relationshipId: rel.id, text });
    const tag = (start: number, end: number) =>
      theirs.ok('annotations:create', {
        articleId: a.id,
        start,
        end,
        codeId: threat,
        sourceActorId: rel.actorA.id,
        targetActorId: rel.actorB.id,
      });
    const t1 = await tag(0, 10);
    const t2 = await tag(40, 49);
    await theirs.ok('events:group', { annotationIds: [t1.id, t2.id] });
    theirs.ctx.workspace.close();

    const ours = workspace();
    const before = { articles: count(ours, 'articles'), annotations: count(ours, 'annotations'), events: count(ours, 'events') };
    const summary = await ours.ok('export:import', {
      fileName: 'ben.sqlite',
      contentBase64: fs.readFileSync(theirs.file).toString('base64'),
    });
    expect(summary).toMatchObject({ articlesAdded: 1, annotationsAdded: 2 });
    const grouped = () =>
      ours.ctx.workspace.db.prepare('SELECT count(DISTINCT event_id) AS events, count(event_id) AS members FROM annotations').get();
    expect(grouped()).toEqual({ events: 1, members: 2 });
    const state = await ours.ok('history:state', {});
    expect(state.nextUndo).toBe('Merge ben.sqlite');

    await ours.ok('history:undo', {});
    expect({ articles: count(ours, 'articles'), annotations: count(ours, 'annotations'), events: count(ours, 'events') }).toEqual(before);
    ours.ctx.workspace.close();
    const again = workspace(ours.dir);
    expect((await again.ok('history:state', {})).nextRedo).toBe('Merge ben.sqlite');
    await again.ok('history:redo', {});
    expect(count(again, 'articles')).toBe(before.articles + 1);
    expect(count(again, 'annotations')).toBe(before.annotations + 2);
    // The passages are in their event again: the event is back before the passages are put into it.
    expect(
      again.ctx.workspace.db.prepare('SELECT count(DISTINCT event_id) AS events, count(event_id) AS members FROM annotations').get(),
    ).toEqual({
      events: 1,
      members: 2,
    });
  });
});

describe('settings the analyst changes', () => {
  it('undoes and redoes the score marks and the backup rotation', async () => {
    const w = workspace();
    const { rel } = await basics(w);
    const defaults = await w.ok('marks:settings', { relationshipId: rel.id });
    await w.ok('marks:save-settings', { relationshipId: rel.id, windowDays: 30 });
    expect((await w.ok('history:state', {})).nextUndo).toBe('Change the score marks');
    await w.ok('history:undo', {});
    expect(await w.ok('marks:settings', { relationshipId: rel.id })).toEqual(defaults);
    await w.ok('history:redo', {});
    expect((await w.ok('marks:settings', { relationshipId: rel.id })).windowDays).toBe(30);

    const rotation = (await w.ok('backup:list', {})).settings;
    await w.ok('backup:settings', { keepDaily: 3 });
    expect((await w.ok('history:state', {})).nextUndo).toMatch(/^Backups: .*keep 3$/);
    await w.ok('history:undo', {});
    expect((await w.ok('backup:list', {})).settings).toEqual(rotation);
    await w.ok('history:redo', {});
    expect((await w.ok('backup:list', {})).settings.keepDaily).toBe(3);
  });
});

describe('the change log stays lean', () => {
  it('takes fewer bytes than the articles for a batch of imported, tagged and edited articles', async () => {
    const w = workspace();
    const { rel, threat } = await basics(w);
    const { db } = w.ctx.workspace;
    const paragraph = (i: number, p: number) =>
      `In dispatch ${i}, paragraph ${p}, Washington warned New Delhi of tariffs on steel item ${i * 7 + p} before the talks.`;
    const textOf = (i: number) => Array.from({ length: 12 }, (_, p) => paragraph(i, p)).join('\n\n');
    const set = new ContinuedChangeSet(w.ctx);
    const n = 20;
    const ids = db.transaction(() =>
      set.record(
        (rec) =>
          Array.from({ length: n }, (_, i) => {
            const text = textOf(i);
            const id = insertArticle(db, {
              title: `Dispatch ${i}`,
              outlet: 'Wire',
              author: '',
              url: '',
              publishedOn: '2026-06-01',
              text,
              wordCount: text.split(/\s+/).length,
              contentHash: `hash-${i}`,
              relationshipId: rel.id,
            });
            rec.created('articles', 'article', id);
            return id;
          }),
        () => `Import ${n} articles`,
      ),
    )();
    for (const [i, articleId] of ids.entries()) {
      for (let k = 0; k < 5; k++) {
        const start = textOf(i).indexOf(paragraph(i, k)) + paragraph(i, k).indexOf('Washington');
        const t = await w.ok('annotations:create', {
          articleId,
          start,
          end: start + 10,
          codeId: threat,
          sourceActorId: rel.actorA.id,
          targetActorId: rel.actorB.id,
        });
        if (k === 0) await w.ok('annotations:update', { id: t.id, note: 'checked' });
      }
    }
    const bytes = (table: string) =>
      db
        .prepare(
          "SELECT sum(pgsize) FROM dbstat WHERE name = ? OR name IN (SELECT name FROM sqlite_schema WHERE tbl_name = ? AND type = 'index')",
        )
        .pluck()
        .get(table, table) as number;
    expect(bytes('change_log')).toBeLessThan(bytes('articles'));
    // Created rows are named, not copied; an edit keeps only what it changed.
    const creates = db
      .prepare("SELECT count(*) FROM change_log WHERE action = 'create' AND (before_json IS NOT NULL OR after_json IS NOT NULL)")
      .pluck()
      .get();
    expect(creates).toBe(0);
    const edit = db
      .prepare("SELECT before_json, after_json FROM change_log WHERE action = 'update' AND table_name = 'annotations'")
      .get() as {
      before_json: string;
      after_json: string;
    };
    expect(Object.keys(JSON.parse(edit.after_json)).sort()).toEqual(['note']); // the clock is pinned: updated_at_ms did not change
    expect(JSON.parse(edit.before_json).note).toBe('');
    // Every set carries a globally unique id.
    const uids = db.prepare('SELECT uid FROM change_sets').pluck().all() as string[];
    expect(uids.every((u) => UUID.test(u))).toBe(true);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe('an import saved over several transactions', () => {
  it('is one change set, renamed as it grows, until the analyst changes something in between', async () => {
    const w = workspace();
    const { rel, threat } = await basics(w);
    const { db } = w.ctx.workspace;
    const set = new ContinuedChangeSet(w.ctx);
    let inSet = 0;
    const chunk = (from: number, count: number) =>
      db.transaction(() =>
        set.record(
          (rec) => {
            for (let i = from; i < from + count; i++) {
              const text = `Dispatch ${i}: Washington warned New Delhi.`;
              const id = insertArticle(db, {
                title: `D${i}`,
                outlet: '',
                author: '',
                url: '',
                publishedOn: '2026-06-01',
                text,
                wordCount: 5,
                contentHash: `h${i}`,
                relationshipId: rel.id,
              });
              rec.created('articles', 'article', id);
            }
          },
          (fresh) => `Import ${(inSet = (fresh ? 0 : inSet) + count)} articles`,
        ),
      )();
    chunk(0, 2);
    chunk(2, 3);
    const labels = async () => (await w.ok('history:state', {})).recent.map((s: { label: string }) => s.label);
    expect(await labels()).toEqual(['Import 5 articles']);
    const first = (await w.ok('articles:list', { sort: 'title' })).items[0];
    await w.ok('annotations:create', {
      articleId: first.id,
      start: 0,
      end: 8,
      codeId: threat,
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });
    chunk(5, 1);
    expect(await labels()).toEqual(['Import 1 articles', 'Tag “Dispatch” as Threat', 'Import 5 articles']);
    await w.ok('history:undo', {});
    expect(count(w, 'articles')).toBe(5);
    await w.ok('history:undo', {});
    await w.ok('history:undo', {});
    expect(count(w, 'articles')).toBe(0);
    await w.ok('history:redo', {});
    expect(count(w, 'articles')).toBe(5);
  });

  it('refuses to rewrite anything of a set but its label', () => {
    const w = workspace();
    w.ctx.workspace.db.exec("INSERT INTO settings (key, value) VALUES ('x', 'y')");
    const { db } = w.ctx.workspace;
    db.prepare("INSERT INTO change_sets (uid, at_ms, kind, label, analyst) VALUES ('u-1', 1, 'do', 'L', '')").run();
    expect(() => db.prepare("UPDATE change_sets SET label = 'M' WHERE uid = 'u-1'").run()).not.toThrow();
    expect(() => db.prepare("UPDATE change_sets SET analyst = 'Eve' WHERE uid = 'u-1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE change_sets SET uid = 'u-2' WHERE uid = 'u-1'").run()).toThrow(/append-only/);
  });
});

describe('migration 15 on a workspace of the schema before', () => {
  it('folds the plain entries into listed, history-only sets and gives every set a uid', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'workspace.sqlite'));
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((m) => m.version < 15);
    for (const m of before) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    db.exec(`
      INSERT INTO settings (key, value) VALUES ('analyst.name', 'Ana');
      INSERT INTO actors (id, code, name, created_at_ms) VALUES (1, 'USA', 'United States', 0), (2, 'IND', 'India', 0);
      INSERT INTO codes (id, key, name, weight, color, sort_order, created_at_ms, updated_at_ms) VALUES (1, 'THREAT', 'Threat', -6, '#e5484d', 0, 0, 0);
      INSERT INTO articles (id, title, published_on, text, word_count, content_hash, created_at_ms, updated_at_ms)
        VALUES (1, 'Old one', '2025-01-02', 'The envoy warned of a blockade.', 6, 'h1', 0, 0),
               (2, 'Old two', '2025-01-03', 'The envoy warned again.', 4, 'h2', 0, 0);
      -- An import of two articles and a grade change, logged the old way (no set).
      INSERT INTO change_log (at_ms, entity, entity_id, action, after_json) VALUES
        (1000, 'article', 1, 'create', '{"title":"Old one"}'), (1000, 'article', 2, 'create', '{"title":"Old two"}');
      -- A real undoable set made later: a tag, with the old full-row entries.
      INSERT INTO annotations (id, article_id, code_id, source_actor_id, target_actor_id, start_offset, end_offset, quote_exact,
        quote_prefix, quote_suffix, event_date, created_at_ms, updated_at_ms)
        VALUES (1, 1, 1, 1, 2, 10, 16, 'warned', 'The envoy ', ' of a', '2025-01-02', 0, 0);
      INSERT INTO change_sets (id, at_ms, kind, label, analyst) VALUES (1, 3000, 'do', 'Tag “warned” as Threat', 'Ana');
      INSERT INTO change_log (at_ms, entity, entity_id, action, after_json, table_name, set_id)
        SELECT 3000, 'annotation', 1, 'create', json_object('id', id, 'article_id', article_id), 'annotations', 1 FROM annotations;
      INSERT INTO change_log (at_ms, entity, entity_id, action, before_json, after_json) VALUES
        (5000, 'reliability_grade', 3, 'update', '{"grade":"C","factor":0.6}', '{"grade":"C","factor":0.5}');
    `);
    db.close();

    const w = workspace(dir);
    const raw = w.ctx.workspace.db;
    expect(raw.prepare('SELECT count(*) FROM change_log WHERE set_id IS NULL').pluck().get()).toBe(0);
    const state = await w.ok('history:state', {});
    expect(state.recent.map((s: { label: string; analyst: string }) => [s.label, s.analyst])).toEqual([
      ['Changed 1 reliability grade (recorded before undo covered it)', 'Ana'],
      ['Tag “warned” as Threat', 'Ana'],
      ['Added 2 articles (recorded before undo covered it)', 'Ana'],
    ]);
    const uids = raw.prepare('SELECT uid FROM change_sets').pluck().all() as string[];
    expect(uids).toHaveLength(3);
    expect(uids.every((u) => UUID.test(u))).toBe(true);
    // The folded sets are listed but not on the stack: undo reaches the real set, and then there is nothing more.
    expect(state.nextUndo).toBe('Tag “warned” as Threat');
    await w.ok('history:undo', {});
    expect(await w.ok('annotations:list', { articleId: 1 })).toEqual([]);
    expect((await w.call('history:undo', {})).ok).toBe(false);
    await w.ok('history:redo', {});
    expect(await w.ok('annotations:list', { articleId: 1 })).toMatchObject([{ exact: 'warned' }]);
  });
});
