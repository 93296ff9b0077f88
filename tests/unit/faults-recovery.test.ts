/**
 * Issue 12, item 1: a damaged workspace's recovery offer survives restarts
 * (real server processes, killed with SIGKILL), and daily backups never rotate
 * out a backup that holds more than the one being written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callBrowserServer as call } from '../support/remote';
import { dailyBackupIfDue, listBackups, saveBackupSettings } from '../../main/services/backup';
import { recoveryFile } from '../../main/services/recovery';
import { startWorkspace } from '../../main/services/workspace';
import type { AppContext } from '../../main/services/context';
import { recordFigures } from '../helpers/figures';
import { kill, startServerProcess } from '../helpers/serverProcess';
import { tempDir } from '../helpers/workspace';

const dirs: string[] = [];
const opened: AppContext[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.workspace.close();
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

type Info = { articleCount: number; recovery: { damagedPath: string; atMs: number } | null };
type Good = { backup: { fileName: string }; counts: { articles: number } } | null;

describe('recovery across restarts', () => {
  it('keeps the damaged-workspace notice and its offer through SIGKILL and restarts until the analyst restores', async () => {
    const d = dir('parley-recovery-restart-');
    const workspace = path.join(d, 'workspace.sqlite');
    let server = await startServerProcess(workspace);
    for (let i = 0; i < 3; i++)
      await call(server.url, 'articles:create', { title: `Good ${i}`, publishedOn: '2026-03-01', text: `Good article ${i}.` });
    const backup = (await call(server.url, 'backup:create')) as { fileName: string };
    await kill(server.child, 'SIGTERM');
    const bytes = fs.readFileSync(workspace);
    bytes.fill(0x5a, 0, 100);
    fs.writeFileSync(workspace, bytes);

    const restarts = 3;
    let first: Info | null = null;
    for (let n = 0; n < restarts; n++) {
      server = await startServerProcess(workspace);
      const info = (await call(server.url, 'workspace:info')) as Info;
      expect(info.recovery, `start ${n + 1}`).not.toBeNull();
      first ??= info;
      expect(info.recovery).toMatchObject({ damagedPath: first.recovery!.damagedPath, atMs: first.recovery!.atMs });
      const good = (await call(server.url, 'workspace:recovery-backup')) as Good;
      expect(good?.backup.fileName).toBe(backup.fileName);
      expect(good?.counts.articles).toBe(3);
      if (n < restarts - 1) await kill(server.child, 'SIGKILL');
    }
    // Only one file was set aside: later starts open the replacement, not a second "damaged" copy.
    expect(fs.readdirSync(d).filter((f) => f.includes('.damaged-') && f.endsWith('Z'))).toHaveLength(1);
    await call(server.url, 'backup:restore', { fileName: backup.fileName, confirm: true });
    expect(fs.existsSync(recoveryFile(workspace))).toBe(false);
    await kill(server.child, 'SIGKILL');
    server = await startServerProcess(workspace);
    const after = (await call(server.url, 'workspace:info')) as Info;
    expect(after).toMatchObject({ articleCount: 3, recovery: null });
    await kill(server.child, 'SIGKILL');
    recordFigures('fault-recovery-restart', { restarts, killedWithSigkill: restarts - 1, bannerKept: true, restoredArticles: 3 });
  }, 60_000);

  it('writes the notice beside the workspace when the damage is found, and reads it at the next start', async () => {
    const d = dir('parley-recovery-salvage-');
    const file = path.join(d, 'workspace.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const ctx = startWorkspace(file, { sampleFile: null });
    expect(fs.existsSync(recoveryFile(file))).toBe(true);
    ctx.workspace.close();
    const again = startWorkspace(file, { sampleFile: null });
    opened.push(again);
    expect(again.recovery?.damagedPath).toBe(ctx.recovery?.damagedPath);
  });
});

describe('daily backup rotation', () => {
  it('never deletes a backup holding more than the one just written: it is kept apart from the rotation', async () => {
    const d = dir('parley-rotation-');
    const file = path.join(d, 'workspace.sqlite');
    let day = new Date('2026-06-01T09:00:00');
    const ctx = startWorkspace(file, { sampleFile: null, now: () => day });
    opened.push(ctx);
    saveBackupSettings(ctx, { keepDaily: 2, autoDaily: true });
    const insert = ctx.workspace.db.prepare(
      "INSERT INTO articles (title, outlet, published_on, text, word_count, content_hash, created_at_ms, updated_at_ms) VALUES (?, 'W', '2026-05-01', 'x', 1, ?, 0, 0)",
    );
    for (let i = 0; i < 5; i++) insert.run(`A${i}`, `h${i}`);
    await dailyBackupIfDue(ctx); // June 1: 5 articles
    ctx.workspace.db.exec('DELETE FROM articles');
    const written: number[] = [];
    for (let n = 2; n <= 8; n++) {
      day = new Date(`2026-06-0${n}T09:00:00`);
      await dailyBackupIfDue(ctx); // a week of backups of the emptied workspace
      written.push(listBackups(ctx).length);
    }
    const list = listBackups(ctx);
    expect(list.filter((b) => b.kind === 'daily')).toHaveLength(2);
    const kept = list.filter((b) => b.kind === 'kept');
    expect(kept.map((b) => b.fileName)).toEqual(['parley-kept-20260601-090000.sqlite']);
    recordFigures('fault-rotation', { dailyWritten: 8, keepDaily: 2, richerKept: kept.length, richerArticles: 5 });
  });
});
