import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch';
import { createBackup, dailyBackupIfDue, listBackups } from '../../main/services/backup';
import { startWorkspace } from '../../main/services/workspace';
import type { AppContext } from '../../main/services/context';
import { recordFigures } from '../helpers/figures';
import { openTestWorkspace, SAMPLE_FILE, tempDir } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
const opened: AppContext[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.workspace.close();
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A closed workspace with the sample and `extra` more articles, all in the main file (WAL checkpointed). */
async function makeWorkspace(extra: number): Promise<{ file: string; articles: number }> {
  const dir = tempDir('parley-damage-');
  dirs.push(dir);
  const w = openTestWorkspace({ sample: true, dir, now: NOW });
  for (let i = 0; i < extra; i++) {
    await w.ok('articles:create', {
      title: `Filler ${i}`,
      publishedOn: '2026-06-01',
      text: `Filler dispatch number ${i}. ` + 'Background paragraph. '.repeat(60),
    });
  }
  const articles = (await w.ok('workspace:info', {})).articleCount;
  w.ctx.workspace.close();
  return { file: w.file, articles };
}

function start(file: string): AppContext {
  const ctx = startWorkspace(file, { sampleFile: SAMPLE_FILE, now: () => NOW });
  opened.push(ctx);
  return ctx;
}

function damage(file: string, offset: number, length: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  fs.closeSync(fd);
}

describe('a damaged workspace', () => {
  it('with a bad header is kept aside untouched, and Parley opens a fresh workspace and stays usable', async () => {
    const { file } = await makeWorkspace(0);
    damage(file, 0, 16);
    const damagedBytes = fs.readFileSync(file);
    const ctx = start(file);
    expect(ctx.recovery?.damagedPath).toMatch(/workspace\.sqlite\.damaged-2026-06-15T/);
    expect(fs.readFileSync(ctx.recovery!.damagedPath).equals(damagedBytes)).toBe(true);
    const dispatch = createDispatch(ctx, () => {});
    const info = await dispatch('workspace:info', {});
    expect(info).toMatchObject({ ok: true, value: { articleCount: 0, recovery: { damagedPath: ctx.recovery!.damagedPath } } });
    expect(await dispatch('articles:create', { title: 'Still works', publishedOn: '2026-06-01', text: 'Yes.' })).toMatchObject({
      ok: true,
    });
    const salvage = await dispatch('workspace:salvage', {});
    expect(salvage).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!salvage.ok) expect(salvage.error.message).toMatch(/first page is damaged\. Restore a backup/);
  });

  it('with a damaged page is found at start, and salvage copies every row that can still be read', async () => {
    const { file, articles } = await makeWorkspace(300);
    const size = fs.statSync(file).size;
    const pageSize = 4096;
    const page = Math.floor(size / pageSize / 2); // a page in the middle of the article text
    damage(file, page * pageSize, pageSize);
    const ctx = start(file);
    expect(ctx.recovery?.reason).toBeTruthy();
    const dispatch = createDispatch(ctx, () => {});
    const r = await dispatch('workspace:salvage', {});
    expect(r.ok).toBe(true);
    const tables = (r as { value: { tables: { table: string; copied: number; unreadable: number }[] } }).value.tables;
    const art = tables.find((t) => t.table === 'articles')!;
    expect(art.copied).toBeGreaterThan(articles * 0.9);
    expect(art.copied + art.unreadable).toBeLessThanOrEqual(articles);
    expect(ctx.workspace.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ctx.workspace.db.pragma('foreign_key_check')).toEqual([]);
    const info = await dispatch('workspace:info', {});
    expect(info).toMatchObject({ ok: true, value: { articleCount: art.copied, recovery: null } });
    recordFigures('damaged-page', {
      articlesBefore: articles,
      articlesSalvaged: art.copied,
      rowsLost: tables.reduce((n, t) => n + Math.max(0, t.unreadable), 0),
    });
  });

  it('that was truncated is found at start, and salvage keeps what the remaining pages hold', async () => {
    const { file, articles } = await makeWorkspace(300);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6));
    const ctx = start(file);
    expect(ctx.recovery).toBeDefined();
    const r = await createDispatch(ctx, () => {})('workspace:salvage', {});
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const copied = (r as { value: { tables: { table: string; copied: number }[] } }).value.tables.find(
      (t) => t.table === 'articles',
    )!.copied;
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(articles);
    expect(ctx.workspace.db.pragma('integrity_check', { simple: true })).toBe('ok');
    recordFigures('truncated', { articlesBefore: articles, articlesSalvaged: copied });
  });

  it('a healthy workspace opens without any notice', async () => {
    const { file } = await makeWorkspace(3);
    const ctx = start(file);
    expect(ctx.recovery).toBeUndefined();
    expect(fs.readdirSync(path.dirname(file)).some((f) => f.includes('damaged'))).toBe(false);
  });
});

describe('the backup offered in place of a damaged workspace', () => {
  it('is the newest one made before the damage that passes the integrity check; later or damaged ones are passed over', async () => {
    const dir = tempDir('parley-offer-');
    dirs.push(dir);
    const w = openTestWorkspace({ sample: true, dir, now: NOW });
    const hoursBefore = (h: number) => () => new Date(NOW.getTime() - h * 3_600_000);
    w.ctx.now = hoursBefore(3);
    const good = await createBackup(w.ctx);
    const articles = (await w.ok('workspace:info', {})).articleCount as number;
    await w.ok('articles:create', { title: 'After the good backup', publishedOn: '2026-06-01', text: 'Later.' });
    w.ctx.now = hoursBefore(2);
    const broken = await createBackup(w.ctx);
    damage(broken.path, 0, 16);
    w.ctx.workspace.close();
    damage(w.file, 0, 16);

    const ctx = start(w.file);
    expect(ctx.recovery).toBeDefined();
    // The empty replacement is not backed up over the good ones; a backup made now (by hand) is not offered.
    expect(await dailyBackupIfDue(ctx)).toBeNull();
    ctx.now = () => new Date(NOW.getTime() + 3_600_000);
    await createBackup(ctx);
    expect(listBackups(ctx)).toHaveLength(3);

    const dispatch = createDispatch(ctx, () => {});
    const offer = await dispatch('workspace:recovery-backup', {});
    expect(offer).toMatchObject({ ok: true, value: { backup: { fileName: good.fileName }, counts: { articles } } });
    const restored = await dispatch('backup:restore', { fileName: good.fileName, confirm: true });
    expect(restored.ok).toBe(true);
    expect(await dispatch('workspace:info', {})).toMatchObject({ ok: true, value: { articleCount: articles, recovery: null } });
    expect(await dispatch('workspace:recovery-backup', {})).toEqual({ ok: true, value: null });
  });
});
