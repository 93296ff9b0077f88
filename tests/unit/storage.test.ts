import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, rowCounts, type TestWorkspace } from '../helpers/workspace';

let w: TestWorkspace | null = null;
afterEach(() => {
  w?.close();
  w = null;
});

describe('a full disk', () => {
  it('refuses the write with a clear message, keeps earlier work, and the next write succeeds once space is back', async () => {
    w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
    const db = w.ctx.workspace.db;
    await w.ok('articles:create', { title: 'Before', publishedOn: '2026-06-01', text: 'Earlier work that must survive.' });
    const before = rowCounts(w.ctx);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`); // the "disk" holds two more pages
    const big = 'A long dispatch about tariffs and talks. '.repeat(20_000);
    const r = await w.call('articles:create', { title: 'Too big for the disk', publishedOn: '2026-06-02', text: big });
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    if (!r.ok) expect(r.error.message).toMatch(/disk is full.*earlier work is intact/);
    expect(rowCounts(w.ctx)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.pragma('max_page_count = 1073741823');
    const again = await w.ok('articles:create', { title: 'Space is back', publishedOn: '2026-06-02', text: big });
    expect(again.title).toBe('Space is back');
  });
});

describe('files on disk', () => {
  it('keeps the workspace in one .sqlite file with its WAL beside it', async () => {
    w = openTestWorkspace();
    await w.ok('articles:create', { title: 'x', publishedOn: '2026-01-01', text: 'y' });
    const files = fs.readdirSync(path.dirname(w.file)).sort();
    expect(files).toEqual(['workspace.sqlite', 'workspace.sqlite-shm', 'workspace.sqlite-wal', 'workspace.sqlite.lock']);
  });
});
