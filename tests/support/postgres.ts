/**
 * A throwaway PostgreSQL server for tests: initdb in a temporary folder,
 * listening on 127.0.0.1 only (and a socket in that folder), on a free port,
 * with durability off (it is deleted afterwards). Run as root, the server runs
 * as the `postgres` (or `nobody`) user, since PostgreSQL refuses root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensurePostgres } from '../../scripts/toolchain.mjs';

export interface PgServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  database: string;
  /** A postgres:// address for pg.Client / pg.Pool. */
  url: string;
  /** The temporary folder holding the cluster (removed by stop). */
  dir: string;
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL: no shutdown, as a crash or a pulled cable would), keeping its data. */
  kill(): Promise<void>;
  /** Starts the server again on the same data and port (after kill). */
  restart(): Promise<void>;
}

/** The server binaries' folder, or why there is none (with the command that installs them). */
export function postgresBinaries(): { bin: string | null; reason?: string } {
  return ensurePostgres({ log: () => {}, apt: () => null });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** uid/gid to run the server as when this process is root. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as');
}

async function untilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited with ${child.exitCode} while starting:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 60 s: ${(err as Error).message}\n${log()}`);
      // Poll again once the server had a moment to open its port.
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPostgres(): Promise<PgServer> {
  const { bin, reason } = postgresBinaries();
  if (!bin) throw new Error(reason);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-pg-'));
  const data = path.join(dir, 'data');
  const as = serverUser();
  if (as) fs.chownSync(dir, as.uid, as.gid);
  const user = 'parley';
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    encoding: 'utf8',
    ...(as ?? {}),
  });
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  let log = '';
  const launch = () =>
    spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        data,
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      // A process group of its own, so that kill() can take the server's backends down with it, as a crash does.
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(as ?? {}) },
    );
  const watch = (c: ChildProcess) => {
    c.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    c.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    return c;
  };
  let child = watch(launch());
  const url = `postgres://${user}@127.0.0.1:${port}/postgres`;
  const halt = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async () => {
    await halt('SIGINT'); // fast shutdown: roll back open transactions, then exit
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    // Its backends die with the group; the next start then recovers from the write-ahead log, as after a crash.
    for (let i = 0; i < 100 && spawnSync('pgrep', ['-g', String(child.pid)]).status === 0; i++) await new Promise((r) => setTimeout(r, 50));
  };
  const restart = async () => {
    // The killed server's last backends can hold its shared memory for a moment after the group is gone; a
    // start that finds it still in use exits at once, and is tried again.
    for (let attempt = 1; ; attempt++) {
      child = watch(launch());
      try {
        await untilReady(url, child, () => log);
        return;
      } catch (err) {
        if (child.exitCode === null || attempt >= 40) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  try {
    await untilReady(url, child, () => log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: '127.0.0.1', port, user, database: 'postgres', url, dir, stop, kill, restart };
}
