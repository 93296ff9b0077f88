/**
 * The Desk dialog's operations against a real PostgreSQL: connect tries the desk and saves nothing it could not
 * use (each refusal in words that say what to do), the password never reaches the workspace or an answer, the
 * status counts what a round pulled and names what the desk refused, and disconnect forgets the setting.
 */
import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, freshDesk, laptop, tag, type Laptop } from '../helpers/desk';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { usePasswordStore } from '../../main/services/desk/connection';
import { deskErrorText } from '../../main/services/desk/errors';

const { bin, reason } = postgresBinaries();
if (!bin) console.warn(`desk-window.test.ts skipped: ${reason}`);

let server: PgServer;
const open: Laptop[] = [];
beforeAll(async () => {
  if (bin) server = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const l of open) l.close();
  await server?.stop();
});

function fresh(analyst: string): Laptop {
  const l = laptop(analyst);
  open.push(l);
  return l;
}

const settingOf = (desk: PgServer, user: string) => ({ host: '127.0.0.1', port: desk.port, database: desk.database, user, caFile: null });

async function refusal(l: Laptop, input: unknown): Promise<string> {
  const r = await l.call('desk:connect', input);
  if (r.ok) throw new Error('desk:connect succeeded');
  expect(r.error.code).toBe('BAD_INPUT');
  // Nothing saved: the dialog still shows no desk, and the status says off.
  expect(await l.ok('desk:setting', {})).toBeNull();
  expect((await l.ok('desk:status', {})).state).toBe('off');
  return r.error.message;
}

describe('the driver’s errors in words', () => {
  const w = { host: 'desk.example.org', port: 5432, database: 'parley', user: 'alice' };
  it('says what to do for each way a connection fails', () => {
    expect(deskErrorText(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), w)).toMatch(/^Nothing answers at desk.example.org:5432/);
    expect(deskErrorText(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), w)).toMatch(/no host named desk.example.org/);
    expect(deskErrorText(Object.assign(new Error('x'), { code: '28P01' }), w)).toMatch(/refused the password for alice/);
    expect(deskErrorText(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), w)).toMatch(/not signed by the CA file/);
    expect(deskErrorText(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), w)).toMatch(/not for “desk.example.org”/);
    expect(deskErrorText(new Error('The server does not support SSL connections'), w)).toMatch(/does not offer TLS/);
    expect(deskErrorText(new Error('something new'), w)).toBe('The desk could not be reached: something new');
  });
});

describe.skipIf(!bin)('desk:connect, desk:setting, desk:disconnect', () => {
  it('refuses, saving nothing: a host not this machine without a CA file, nothing listening, no such user, a database that is no desk, a user who is no analyst', async () => {
    const desk = await freshDesk(server, ['alice']);
    const l = fresh('alice');
    expect(await refusal(l, { ...settingOf(desk, 'alice'), host: 'desk.example.org' })).toMatch(/only over TLS.*CA file/);
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    expect(await refusal(l, { ...settingOf(desk, 'alice'), port: closed })).toBe(
      `Nothing answers at 127.0.0.1:${closed}: check the host and port, or ask the desk’s IT whether its server is running.`,
    );
    expect(await refusal(l, settingOf(desk, 'nobody_here'))).toMatch(/has no user “nobody_here”/);
    expect(await refusal(l, { ...settingOf(desk, 'alice'), database: 'no_such_db' })).toMatch(/no database “no_such_db”/);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE not_a_desk');
    await admin.end();
    expect(await refusal(l, { ...settingOf(desk, 'alice'), database: 'not_a_desk' })).toMatch(/is not a desk yet: .*desk init/);
    expect(await refusal(l, settingOf(desk, server.user))).toMatch(new RegExp(`has no analyst “${server.user}”`));
  });

  it('connects, keeps the password out of the workspace and every answer, counts what was pulled and names what was refused; disconnect forgets the setting', async () => {
    const desk = await freshDesk(server, ['alice', 'bob']);
    const a = fresh('alice');
    const b = fresh('bob');
    const secret = 'correct-horse-battery-staple';
    const connected = await a.ok('desk:connect', { ...settingOf(desk, 'alice'), password: secret });
    expect(connected.desk).toBe(`alice@127.0.0.1:${desk.port}/${desk.database}`);
    const article = await a.ok('articles:create', ARTICLE);
    await tag(a, article.id, 'warned India');
    expect((await a.ok('desk:sync', {})).state).toBe('synced');
    const setting = await a.ok('desk:setting', {});
    expect(setting).toEqual({ ...settingOf(desk, 'alice'), passwordKept: true });
    expect(JSON.stringify(await a.ok('desk:status', {}))).not.toContain(secret);
    a.ctx.workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(a.file).includes(secret)).toBe(false);

    await b.ok('desk:connect', settingOf(desk, 'bob'));
    const pulled = await b.ok('desk:sync', {});
    expect(pulled).toMatchObject({ state: 'synced', refused: [] });
    expect(pulled.pulled).toBeGreaterThan(0);
    const layers = await b.ok('layers:list', {});
    expect(layers.find((x) => x.key === 'coder:alice')).toMatchObject({ label: 'alice', passages: 1 });

    // Away from the desk, then back: the same desk is fine; another one is refused, since the cursors count this desk's sets.
    expect((await b.ok('desk:disconnect', {})).state).toBe('off');
    expect(await b.ok('desk:setting', {})).toBeNull();
    const other = await freshDesk(server, ['bob']);
    expect(await refusal(b, settingOf(other, 'bob'))).toMatch(/has synced with the desk at 127.0.0.1:\d+\/desk_.*cannot move/);
    await b.ok('desk:connect', settingOf(desk, 'bob'));
    expect((await b.ok('desk:sync', {})).state).toBe('synced');
  });

  it('a code re-weighted on two laptops while apart is one review item in each (not also its time of change), and converges once one takes the other’s', async () => {
    const desk = await freshDesk(server, ['alice', 'bob']);
    const [a, b] = [fresh('alice'), fresh('bob')];
    for (const l of [a, b, a]) await l.sync(desk);
    // As the Codebook dialog saves a code: every field, only the weight differs.
    for (const [l, weight] of [
      [a, -8],
      [b, -4],
    ] as const) {
      const c = (await l.ok('codebook:list', {})).find((x) => x.key === 'THREAT')!;
      await l.ok('codebook:update', { id: c.id, name: c.name, color: c.color, weight, parentId: c.parentId, description: c.description });
    }
    for (const l of [a, b, a]) await l.sync(desk);
    for (const [l, ours, theirs] of [
      [a, '-8', '-4'],
      [b, '-4', '-8'],
    ] as const)
      expect(await l.ok('setting-conflicts:list', {})).toEqual([expect.objectContaining({ kind: 'code-weight', ours, theirs })]);
    const [item] = await b.ok('setting-conflicts:list', {});
    await b.ok('setting-conflicts:resolve', { id: item!.id, keep: 'theirs' });
    for (const l of [b, a]) await l.sync(desk);
    const row = (l: Laptop) => l.ctx.workspace.db.prepare("SELECT weight, updated_at_ms FROM codes WHERE key = 'THREAT'").get();
    expect(row(a)).toEqual(row(b));
    expect(await a.ok('setting-conflicts:list', {})).toEqual([]);
  });

  it('the status names the change sets the desk refused', async () => {
    const desk = await freshDesk(server, ['carol'], { shared: false });
    const c = fresh('carol');
    await c.ok('desk:connect', settingOf(desk, 'carol'));
    await c.ok('desk:sync', {});
    const threat = (await c.ok('codebook:list', {})).find((x) => x.key === 'THREAT')!;
    await c.ok('codebook:update', { id: threat.id, weight: -9 });
    const after = await c.ok('desk:sync', {});
    // This round refused one set; the list keeps the earlier refusals too (a tags-only analyst's first round
    // sends the seeded codebook and actors, which the desk refuses from them as well).
    expect(after.error).toMatch(/refused 1 change\(s\) as not yours to make: Re-weight code “Threat” to -9/);
    expect(after.refused.at(-1)).toBe('Re-weight code “Threat” to -9');
    expect((await c.ok('desk:status', {})).refused).toEqual(after.refused);

    // Read and cleared: the list starts empty, the refused change stays here, and the next rounds do not list it again.
    expect((await c.ok('desk:dismiss-refused', {})).refused).toEqual([]);
    expect((await c.ok('desk:sync', {})).refused).toEqual([]);
    expect((await c.ok('desk:status', {})).refused).toEqual([]);
    expect((await c.ok('codebook:list', {})).find((x) => x.key === 'THREAT')!.weight).toBe(-9);
  });

  it('disconnect removes the password the credential store kept, not only the session’s', async () => {
    const desk = await freshDesk(server, ['dana']);
    // The desktop app's store (safeStorage files in the user-data folder) as the worker sees it: kept by user name.
    const kept = new Map<string, string>();
    usePasswordStore({
      read: (user) => kept.get(user) ?? null,
      write: (user, password) => void kept.set(user, password),
      forget: (user) => void kept.delete(user),
    });
    try {
      const d = fresh('dana');
      await d.ok('desk:connect', { ...settingOf(desk, 'dana'), password: 'kept-by-the-os' });
      expect(kept.get('dana')).toBe('kept-by-the-os');
      expect((await d.ok('desk:setting', {}))?.passwordKept).toBe(true);
      await d.ok('desk:disconnect', {});
      expect(kept.has('dana')).toBe(false);
      // Connecting again without typing it: Parley holds no password for dana any more.
      await d.ok('desk:connect', settingOf(desk, 'dana'));
      expect((await d.ok('desk:setting', {}))?.passwordKept).toBe(false);
    } finally {
      usePasswordStore(null);
    }
  });
});
