import fs from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresBinaries, startPostgres } from '../support/postgres';

const { bin, reason } = postgresBinaries();
if (!bin) console.warn(`postgres.test.ts skipped: ${reason}`);

describe.skipIf(!bin)('tests/support/postgres: a throwaway PostgreSQL server', () => {
  it('starts a real server on 127.0.0.1 in a temporary folder, serves SQL, and stops and removes it', async () => {
    const server = await startPostgres();
    let stopped = false;
    try {
      expect(fs.existsSync(server.dir)).toBe(true);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ v: string; listen: string; addr: string }>(
        "SELECT version() AS v, current_setting('listen_addresses') AS listen, host(inet_server_addr()) AS addr",
      );
      expect(rows[0]!.v).toMatch(/^PostgreSQL \d+/);
      expect(rows[0]!.listen).toBe('127.0.0.1');
      expect(rows[0]!.addr).toBe('127.0.0.1');
      await client.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
      await client.query('INSERT INTO notes (body) VALUES ($1), ($2)', ['threat', 'overture']);
      const read = await client.query<{ body: string }>('SELECT body FROM notes ORDER BY id');
      expect(read.rows.map((r) => r.body)).toEqual(['threat', 'overture']);
      await client.end();

      await server.stop();
      stopped = true;
      expect(fs.existsSync(server.dir)).toBe(false);
      const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
      await expect(after.connect()).rejects.toThrow();
      await after.end().catch(() => {});
    } finally {
      if (!stopped) await server.stop();
    }
  });
});
