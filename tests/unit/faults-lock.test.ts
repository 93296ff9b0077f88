/**
 * Issue 12, items 5 and 6: one Parley per workspace whatever name it is
 * reached by (symbolic and hard links, real server processes), a restore
 * through a link replaces the workspace and never the link, a stale lock whose
 * PID was reused is taken over, and workspace files are private (0600/0700).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callBrowserServer as call } from '../support/remote';
import { createBackup, restoreBackup } from '../../main/services/backup';
import { startWorkspace } from '../../main/services/workspace';
import { recordFigures } from '../helpers/figures';
import { kill, runServerToExit, startServerProcess } from '../helpers/serverProcess';
import { tempDir } from '../helpers/workspace';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
function dir(prefix: string): string {
  const d = tempDir(prefix);
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

type Info = { path: string; articleCount: number };

describe('the workspace lock', () => {
  it('refuses a second server on a symbolic link or a hard link to an open workspace', async () => {
    const d = dir('parley-links-');
    const real = path.join(d, 'workspace.sqlite');
    const first = await startServerProcess(real);
    cleanups.push(() => kill(first.child));
    const symlink = path.join(d, 'via-symlink.sqlite');
    fs.symlinkSync(real, symlink);
    const elsewhere = dir('parley-links-other-');
    const hardlink = path.join(elsewhere, 'via-hardlink.sqlite');
    fs.linkSync(real, hardlink);
    const refused: string[] = [];
    for (const name of [symlink, hardlink]) {
      const second = await runServerToExit(name);
      expect(second.code, `${name}: ${second.output}`).toBe(1);
      expect(second.output).toMatch(/already open in another Parley \(process \d+/);
      refused.push(path.basename(name));
    }
    // The first server is untouched and still answers.
    expect(((await call(first.url, 'workspace:info')) as Info).path).toBe(fs.realpathSync(real));
    recordFigures('fault-lock-links', { secondServersStarted: 2, refused: refused.length });
  }, 60_000);

  it('restores through a symbolic link into the real file, leaving the link a link', async () => {
    const d = dir('parley-restore-link-');
    const real = path.join(d, 'workspace.sqlite');
    const link = path.join(d, 'link.sqlite');
    const ctx0 = startWorkspace(real, { sampleFile: null });
    ctx0.workspace.close();
    fs.symlinkSync(real, link);
    const server = await startServerProcess(link);
    cleanups.push(() => kill(server.child));
    await call(server.url, 'articles:create', { title: 'In the backup', publishedOn: '2026-03-01', text: 'One.' });
    const backup = (await call(server.url, 'backup:create')) as { fileName: string };
    await call(server.url, 'articles:create', { title: 'After the backup', publishedOn: '2026-03-02', text: 'Two.' });
    await call(server.url, 'backup:restore', { fileName: backup.fileName, confirm: true });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(real);
    const info = (await call(server.url, 'workspace:info')) as Info;
    expect(info).toMatchObject({ path: fs.realpathSync(real), articleCount: 1 });
    await kill(server.child, 'SIGTERM');
    const reopened = startWorkspace(real, { sampleFile: null });
    expect((reopened.workspace.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(1);
    reopened.workspace.close();
  }, 60_000);

  it('restores a hard-linked workspace in place: both names reach the restored file', async () => {
    const d = dir('parley-restore-hard-');
    const a = path.join(d, 'a.sqlite');
    const b = path.join(d, 'b.sqlite');
    const ctx = startWorkspace(a, { sampleFile: null });
    fs.linkSync(a, b);
    const backup = await createBackup(ctx);
    ctx.workspace.db
      .prepare(
        "INSERT INTO articles (title, outlet, published_on, text, word_count, content_hash, created_at_ms, updated_at_ms) VALUES ('X', 'W', '2026-05-01', 'x', 1, 'h', 0, 0)",
      )
      .run();
    await restoreBackup(ctx, backup.fileName);
    expect(fs.statSync(a).ino).toBe(fs.statSync(b).ino);
    ctx.workspace.close();
  });

  it('takes over a stale lock whose PID now belongs to a later process, and says what to do when the holder runs', async () => {
    const d = dir('parley-stale-');
    const file = path.join(d, 'workspace.sqlite');
    startWorkspace(file, { sampleFile: null }).workspace.close();
    // A process started now holds the PID a Parley wrote the lock with a minute ago.
    const later = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    cleanups.push(() => kill(later));
    await new Promise((r) => later.once('spawn', r));
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: later.pid, host: os.hostname(), startedAtMs: Date.now() - 60_000 }));
    const ctx = startWorkspace(file, { sampleFile: null });
    ctx.workspace.close();
    // A lock written after its (running) holder started is respected, and the message says how to get past it.
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: later.pid, host: os.hostname(), startedAtMs: Date.now() }));
    expect(() => startWorkspace(file, { sampleFile: null })).toThrow(
      /If no Parley is running, delete .*workspace\.sqlite\.lock and start again/,
    );
    fs.rmSync(`${file}.lock`);
    recordFigures('fault-stale-lock', { reusedPidTakenOver: true, liveHolderMessageSaysDelete: true });
  });
});

describe('file modes', () => {
  it('creates the workspace, its lock and backups 0600 and their folders 0700', async () => {
    const parent = dir('parley-modes-');
    const file = path.join(parent, 'new-folder', 'workspace.sqlite');
    const ctx = startWorkspace(file, { sampleFile: null });
    cleanups.push(() => ctx.workspace.close());
    const backup = await createBackup(ctx);
    const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
    const modes = {
      folder: mode(path.dirname(file)),
      workspace: mode(file),
      wal: mode(`${file}-wal`),
      lock: mode(`${file}.lock`),
      backups: mode(path.dirname(backup.path)),
      backup: mode(backup.path),
    };
    expect(modes).toEqual({ folder: '700', workspace: '600', wal: '600', lock: '600', backups: '700', backup: '600' });
    recordFigures('fault-file-modes', modes);
  });
});

describe('start-up failures', () => {
  it('a busy port ends the start with a clear message and leaves no lock behind', async () => {
    const d = dir('parley-port-');
    const file = path.join(d, 'workspace.sqlite');
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => busy.close(r)));
    const port = (busy.address() as AddressInfo).port;
    const run = await runServerToExit(file, ['--no-sample', '--port', String(port)]);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    expect(run.output).not.toMatch(/\n\s+at /);
    recordFigures('fault-port-in-use', { exitCode: run.code, lockLeft: false });
  }, 30_000);
});
