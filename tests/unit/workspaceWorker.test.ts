/**
 * The workspace worker (main/worker): the database and the dispatcher on a
 * thread of their own, the transports forwarding over one ordered channel.
 * Runs the built bundle (dist/main/workspaceWorker.cjs) on real SQLite files.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/errors';
import { startWorkspaceHost, type WorkspaceHost } from '../../main/worker/host';
import { tempDir } from '../helpers/workspace';

const SCRIPT = path.resolve(__dirname, '../../dist/main/workspaceWorker.cjs');
const open: WorkspaceHost[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((h) => h.close()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function workspaceFile(): string {
  const dir = tempDir('parley-worker-');
  dirs.push(dir);
  return path.join(dir, 'workspace.sqlite');
}

async function host(file: string, more: Partial<Parameters<typeof startWorkspaceHost>[0]> = {}): Promise<WorkspaceHost> {
  if (!fs.existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run node scripts/build.mjs first`);
  const h = await startWorkspaceHost({ file, sampleFile: null, dailyBackups: false, script: SCRIPT, ...more });
  open.push(h);
  return h;
}

const article = (i: number) => ({ title: `Dispatch ${i}`, publishedOn: '2026-01-02', text: `Delhi and Washington, report number ${i}.` });

function value<T>(e: Envelope<unknown>): T {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value as T;
}

describe('the workspace worker', () => {
  it('answers requests sent without waiting in the order they were sent: each read sees every write before it', async () => {
    const h = await host(workspaceFile());
    const sent: Promise<Envelope<unknown>>[] = [];
    for (let i = 1; i <= 20; i++) {
      sent.push(h.dispatch('articles:create', article(i)));
      sent.push(h.dispatch('articles:list', { limit: 500 }));
    }
    const answers = await Promise.all(sent);
    for (let i = 0; i < 20; i++) {
      const created = value<{ id: number }>(answers[2 * i]!);
      const list = value<{ total: number; items: { id: number }[] }>(answers[2 * i + 1]!);
      expect(list.total).toBe(i + 1);
      expect(list.items.map((a) => a.id)).toContain(created.id);
    }
  });

  it('refuses a bad input with the API’s own message and changes nothing', async () => {
    const h = await host(workspaceFile());
    const bad = await h.dispatch('articles:create', { title: '', publishedOn: 'yesterday', text: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_INPUT');
      expect(bad.error.message).toMatch(/^Invalid request for articles:create: /);
    }
    expect(value<{ total: number }>(await h.dispatch('articles:list', {})).total).toBe(0);
    const unknown = await h.dispatch('no:such-operation', {});
    expect(unknown.ok ? null : unknown.error.code).toBe('UNKNOWN_OPERATION');
  });

  it('holds the workspace lock while open: a second Parley is refused, and after close the next one opens', async () => {
    const file = workspaceFile();
    const first = await host(file);
    await expect(host(file)).rejects.toThrow(/already open in another Parley/);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await host(file);
    expect(value<{ path: string }>(await second.dispatch('workspace:info', {})).path).toBe(fs.realpathSync(file));
  });

  it('takes browser mode’s raw JSON and answers JSON bytes, parsed and encoded in the worker; a body that is not JSON is a 400', async () => {
    const h = await host(workspaceFile());
    const created = await h.dispatchJson('articles:create', Buffer.from(JSON.stringify(article(1))));
    expect(created.status).toBe(200);
    expect((JSON.parse(Buffer.from(created.json).toString('utf8')) as { ok: boolean; value: { title: string } }).value.title).toBe(
      'Dispatch 1',
    );
    const broken = await h.dispatchJson('articles:create', Buffer.from('{"title": '));
    expect(broken.status).toBe(400);
    expect(JSON.parse(Buffer.from(broken.json).toString('utf8'))).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' },
    });
    expect(value<{ total: number }>(await h.dispatch('articles:list', {})).total).toBe(1);
  });

  it('finishes every write already sent before it closes (as on SIGTERM): none is lost', async () => {
    const file = workspaceFile();
    const h = await host(file);
    const writes = Array.from({ length: 30 }, (_, i) => h.dispatch('articles:create', article(i + 1)));
    await h.close();
    open.splice(open.indexOf(h), 1);
    expect((await Promise.all(writes)).every((e) => e.ok)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(30);
    } finally {
      db.close();
    }
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('answers after close with an error envelope, never a hang', async () => {
    const h = await host(workspaceFile());
    await h.close();
    open.splice(open.indexOf(h), 1);
    const late = await h.dispatch('workspace:info', {});
    expect(late.ok).toBe(false);
  });

  it('rejects the start with the reason when the workspace cannot be opened (a newer Parley’s file)', async () => {
    const file = workspaceFile();
    const db = new Database(file);
    db.pragma('user_version = 9999');
    db.close();
    await expect(host(file)).rejects.toThrow(/newer/i);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(9999);
    after.close();
  });
  it('tells the desktop app to store a desk password given in the worker, and to remove the stored one on Disconnect', async () => {
    // What the desktop app's safeStorage decrypted at start, and what it is asked to write (null: remove the file).
    const told: [string, string | null][] = [];
    const h = await host(workspaceFile(), { deskPasswords: { eve: 'from-the-keyring' }, onDeskPassword: (u, p) => void told.push([u, p]) });
    const desk = { host: '127.0.0.1', port: 1, database: 'parley', user: 'eve', caFile: null };
    value(await h.dispatch('desk:configure', desk));
    expect(value<{ passwordKept: boolean }>(await h.dispatch('desk:setting', {})).passwordKept).toBe(true);
    value(await h.dispatch('desk:configure', { ...desk, password: 'typed-today' }));
    value(await h.dispatch('desk:disconnect', {}));
    expect(told).toEqual([
      ['eve', 'typed-today'],
      ['eve', null],
    ]);
    value(await h.dispatch('desk:configure', desk));
    expect(value<{ passwordKept: boolean }>(await h.dispatch('desk:setting', {})).passwordKept).toBe(false);
  });
});
