/** `npm run cli -- desk …` against a real PostgreSQL: init prepares an empty database (again: nothing changes), connect and sync a workspace. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/main';
import { checkDeskConfig } from '../../main/services/desk/connection';
import { DESK_SCHEMA_VERSION } from '../../main/db/deskServer';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { openTestWorkspace } from '../helpers/workspace';

const { bin, reason } = postgresBinaries();
if (!bin) console.warn(`desk-cli.test.ts skipped: ${reason}`);

let server: PgServer;
beforeAll(async () => {
  if (bin) server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(
    args,
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, out: lines.join('\n') };
}

describe('the desk setting refuses a password sent unchecked', () => {
  it('a host other than this machine needs the desk’s CA file (TLS, verify-full)', () => {
    expect(() => checkDeskConfig({ host: 'desk.example.org', port: 5432, database: 'parley', user: 'alice', caFile: null })).toThrow(/TLS/);
    expect(() =>
      checkDeskConfig({ host: 'desk.example.org', port: 5432, database: 'parley', user: 'alice', caFile: '/nonexistent.pem' }),
    ).toThrow(/no CA file/);
    expect(() => checkDeskConfig({ host: '127.0.0.1', port: 5432, database: 'parley', user: 'alice', caFile: null })).not.toThrow();
    expect(() => checkDeskConfig({ host: '127.0.0.1', port: 5432, database: 'parley', user: 'Robert; DROP', caFile: null })).toThrow(
      /user name/,
    );
  });
});

describe.skipIf(!bin)('npm run cli -- desk', () => {
  it('init prepares an empty database with the analysts’ roles, twice without harm; connect and sync a workspace', async () => {
    const base = ['--host', '127.0.0.1', '--port', String(server.port), '--database', 'postgres', '--user', server.user];
    const first = await cli(['desk', 'init', ...base, '--analyst', 'alice', '--analyst', 'bob:tags']);
    expect(first.out).toContain(`Desk schema 0 → ${DESK_SCHEMA_VERSION}`);
    expect(first.code).toBe(0);
    const again = await cli(['desk', 'init', ...base, '--analyst', 'alice']);
    expect(again.out).toContain(`already at schema ${DESK_SCHEMA_VERSION}`);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const analysts = (await admin.query('SELECT name, may_edit_shared FROM parley.analysts ORDER BY name')).rows;
    expect(analysts).toEqual([
      { name: 'alice', may_edit_shared: true },
      { name: 'bob', may_edit_shared: false },
    ]);
    expect((await admin.query("SELECT relrowsecurity FROM pg_class WHERE relname = 'change_sets'")).rows[0].relrowsecurity).toBe(true);
    await admin.end();

    const w = openTestWorkspace();
    const file = w.file;
    w.ctx.workspace.close();
    const ws = ['--workspace', file];
    expect((await cli(['desk', 'status', ...ws])).out).toContain('none set');
    expect(
      (
        await cli([
          'desk',
          'connect',
          ...ws,
          '--host',
          '127.0.0.1',
          '--port',
          String(server.port),
          '--database',
          'postgres',
          '--user',
          'alice',
        ])
      ).code,
    ).toBe(0);
    const synced = await cli(['desk', 'sync', ...ws]);
    expect(synced.out).toMatch(/synced; 0 change set\(s\) to send/);
    expect(synced.code).toBe(0);
  }, 60_000);
});
