/**
 * Issue 12, item 6: salvage leaves no foreign-key violations (rows whose
 * parents were on lost pages) and reports only the rows it kept. The "lost
 * pages" are rows removed from a copy of a real workspace behind SQLite's back.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { salvageInto } from '../../main/db/salvage';
import { startWorkspace } from '../../main/services/workspace';
import { recordFigures } from '../helpers/figures';
import { openTestWorkspace, tempDir } from '../helpers/workspace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('salvage', () => {
  it('leaves foreign_key_check clean and counts only what it kept', async () => {
    const w = openTestWorkspace({ sample: true, now: new Date('2026-06-15T12:00:00') });
    cleanups.push(() => w.close());
    const articles = (await w.ok('articles:list', { limit: 10 })).items as { id: number }[];
    const codes = (await w.ok('codebook:list', {})) as { id: number }[];
    const rel = ((await w.ok('relationships:list', {})) as { id: number; actorA: { id: number }; actorB: { id: number } }[])[0]!;
    for (const a of articles.slice(0, 3)) {
      await w.ok('annotations:create', {
        articleId: a.id,
        start: 0,
        end: 5,
        codeId: codes[0]!.id,
        sourceActorId: rel.actorA.id,
        targetActorId: rel.actorB.id,
      });
    }
    w.ctx.workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = tempDir('parley-salvage-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const damaged = path.join(dir, 'damaged.sqlite');
    fs.copyFileSync(w.file, damaged);
    // The pages holding some change sets and one tagged article are gone.
    const raw = new Database(damaged);
    raw.pragma('foreign_keys = OFF');
    raw.exec('DROP TRIGGER change_sets_no_delete'); // the copy stands for lost pages, not for Parley's writes
    const lostSets = raw.prepare('DELETE FROM change_sets WHERE id IN (SELECT id FROM change_sets ORDER BY id LIMIT 3)').run().changes;
    const tagged = raw.prepare('SELECT article_id FROM annotations LIMIT 1').pluck().get() as number;
    raw.prepare('DELETE FROM articles WHERE id = ?').run(tagged);
    const dangling = (raw.prepare('SELECT count(*) FROM pragma_foreign_key_check').pluck().get() as number) ?? 0;
    raw.pragma('journal_mode = DELETE');
    raw.close();
    expect(lostSets).toBeGreaterThan(0);
    expect(dangling).toBeGreaterThan(0);

    const fresh = startWorkspace(path.join(dir, 'fresh.sqlite'), { sampleFile: null });
    cleanups.push(() => fresh.workspace.close());
    const report = salvageInto(fresh.workspace.db, damaged);
    const db = fresh.workspace.db;
    expect(db.prepare('SELECT * FROM pragma_foreign_key_check').all()).toEqual([]);
    const count = (t: string) => db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
    const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t]));
    for (const t of ['annotations', 'articles', 'change_log', 'change_sets']) {
      expect(byTable[t]!.copied, t).toBe(count(t));
    }
    expect(byTable.annotations!.unreadable).toBeGreaterThan(0);
    recordFigures('fault-salvage', {
      danglingRowsInDamagedCopy: dangling,
      foreignKeyViolationsAfter: 0,
      annotationsReported: byTable.annotations!.copied,
      annotationsPresent: count('annotations'),
      changeLogKept: count('change_log'),
    });
  });
});
