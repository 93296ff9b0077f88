/**
 * Issue 12, item 4: a workspace whose file cannot be written is opened
 * read-only on purpose: writes get a typed READ_ONLY error, backups finish,
 * and SIGTERM stops the server and frees the lock. The file is made read-only
 * for real: a read-only bind mount over it where the tests run as root (root
 * ignores file modes), chmod 0444 otherwise.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callBrowserServer as call } from '../support/remote';
import { stallGuard } from '../../main/services/backup';
import { recordFigures } from '../helpers/figures';
import { exited, kill, startServerProcess } from '../helpers/serverProcess';
import { tempDir } from '../helpers/workspace';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Makes `file` unwritable for this process and returns how. */
function makeReadOnly(file: string): string {
  if (process.getuid?.() === 0) {
    execFileSync('mount', ['--bind', file, file]);
    execFileSync('mount', ['-o', 'remount,bind,ro', file]);
    cleanups.push(() => execFileSync('umount', [file]));
    return 'read-only bind mount';
  }
  fs.chmodSync(file, 0o444);
  cleanups.push(() => fs.chmodSync(file, 0o600));
  return 'chmod 0444';
}

async function envelope(url: string, op: string, input: unknown = {}): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-token': u.searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
}

describe('a read-only workspace', () => {
  it('opens read-only with a notice, refuses writes with READ_ONLY, backs up, and stops on SIGTERM freeing the lock', async () => {
    const dir = tempDir('parley-readonly-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const workspace = path.join(dir, 'workspace.sqlite');
    let server = await startServerProcess(workspace);
    await call(server.url, 'articles:create', { title: 'Kept', publishedOn: '2026-03-01', text: 'Already here.' });
    await kill(server.child, 'SIGTERM');
    const how = makeReadOnly(workspace);
    const before = fs.readFileSync(workspace);

    server = await startServerProcess(workspace);
    cleanups.push(() => kill(server.child));
    const info = (await call(server.url, 'workspace:info')) as { readOnly: boolean; articleCount: number };
    expect(info).toMatchObject({ readOnly: true, articleCount: 1 });
    const write = await envelope(server.url, 'articles:create', { title: 'New', publishedOn: '2026-03-02', text: 'Refused.' });
    expect(write).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(write.error!.message).toMatch(/read-only/);
    const restore = await envelope(server.url, 'backup:restore', { fileName: 'parley-manual-20260101-000000.sqlite', confirm: true });
    expect(restore).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    // A manual backup terminates and leaves a complete file, no .partial.
    const backup = (await call(server.url, 'backup:create')) as { path: string };
    expect(fs.existsSync(backup.path)).toBe(true);
    expect(fs.readdirSync(path.dirname(backup.path)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const started = Date.now();
    const stopped = exited(server.child);
    server.child.kill('SIGTERM');
    expect(await stopped).toMatchObject({ code: 0 });
    const stopMs = Date.now() - started;
    expect(fs.existsSync(`${workspace}.lock`)).toBe(false);
    expect(fs.readFileSync(workspace).equals(before)).toBe(true);
    recordFigures('fault-read-only', { how, writeRefusedWith: 'READ_ONLY', backupFinished: true, stopMs, lockLeft: false });
  }, 60_000);
});

describe('a backup that cannot make progress', () => {
  it('is abandoned by the progress guard once no page has moved for the stall time', async () => {
    const guard = stallGuard(50);
    expect(guard({ remainingPages: 10 })).toBe(100);
    expect(guard({ remainingPages: 5 })).toBe(100);
    const since = Date.now();
    await expect.poll(() => Date.now() - since).toBeGreaterThan(60);
    expect(() => guard({ remainingPages: 5 })).toThrow(/no page could be copied for 0 s/);
  });
});
