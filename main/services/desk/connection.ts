/**
 * How a workspace reaches its desk: the Desk setting (host, port, database,
 * user, CA file) kept in the workspace, and the password kept anywhere but
 * there — given for the session (browser mode keeps it in memory), read from
 * PARLEY_DESK_PASSWORD, or kept by the desktop app in the operating system's
 * credential store (Electron safeStorage, in main/electron). A host other
 * than this machine is reached only over TLS with the desk's CA, checking the
 * server's name (libpq's sslmode=verify-full).
 */
import fs from 'node:fs';
import pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import { deleteSetting, getSetting, setSetting } from '../../db/settings';
import type { AppContext } from '../context';

export interface DeskConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  /** The desk's CA certificate (PEM); required unless the host is this machine. */
  caFile: string | null;
}

const SETTING = 'desk.config';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const isLoopback = (host: string) => LOOPBACK.has(host.toLowerCase());

/** Refuses a setting that would send the password in the clear or to an unchecked server. */
export function checkDeskConfig(c: DeskConfig): void {
  if (!c.host.trim()) throw new ApiError('BAD_INPUT', 'Name the desk’s host (its address, e.g. desk.example.org).');
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535)
    throw new ApiError('BAD_INPUT', `The port ${c.port} is not a port (1–65535).`);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(c.user))
    throw new ApiError('BAD_INPUT', `“${c.user}” is not a desk user name (lower-case letters, digits and _).`);
  if (!c.database.trim()) throw new ApiError('BAD_INPUT', 'Name the desk’s database.');
  if (!isLoopback(c.host)) {
    if (!c.caFile) {
      throw new ApiError(
        'BAD_INPUT',
        `The desk at ${c.host} is not on this machine, so Parley reaches it only over TLS, checking its certificate: choose the desk’s CA file (ask the desk’s IT for it).`,
      );
    }
    if (!fs.existsSync(c.caFile)) throw new ApiError('BAD_INPUT', `There is no CA file at ${c.caFile}.`);
  }
}

export function loadDeskConfig(ctx: AppContext): DeskConfig | null {
  const raw = getSetting(ctx.workspace.db, SETTING);
  return raw ? (JSON.parse(raw) as DeskConfig) : null;
}

/** Keeps the setting (never the password) in the workspace. */
export function saveDeskConfig(ctx: AppContext, c: DeskConfig): void {
  checkDeskConfig(c);
  setSetting(ctx.workspace.db, SETTING, JSON.stringify(c));
}

/** The session's password per workspace: in memory only, gone when Parley quits. */
const sessionPasswords = new WeakMap<AppContext, string>();

/**
 * Forgets the setting (Disconnect) and the password with it, the session's and the one the OS credential store
 * kept: an analyst who disconnects a laptop means nobody at it can reach the desk as them without the password.
 * What was synced stays in the workspace.
 */
export function clearDeskConfig(ctx: AppContext): void {
  const saved = loadDeskConfig(ctx);
  deleteSetting(ctx.workspace.db, SETTING);
  sessionPasswords.delete(ctx);
  if (saved) store?.forget(saved.user);
}

/** How a desk user's stored password is named (a file name in the desktop app's user-data folder). */
export const deskPasswordKey = (user: string): string => user.replace(/[^a-z0-9_]/g, '_');

/** The desktop app's credential store (Electron safeStorage), plugged in by main/electron; none in browser mode. */
export interface PasswordStore {
  read(user: string): string | null;
  write(user: string, password: string): void;
  /** Removes the stored password (Disconnect). */
  forget(user: string): void;
}
let store: PasswordStore | null = null;
/** Plugs the credential store in (null: none, as in browser mode). */
export function usePasswordStore(s: PasswordStore | null): void {
  store = s;
}

/** The analyst gave the password: kept for the session, and by the OS credential store where there is one. */
export function setSessionPassword(ctx: AppContext, user: string, password: string): void {
  sessionPasswords.set(ctx, password);
  store?.write(user, password);
}

export function deskPassword(ctx: AppContext, user: string): string | undefined {
  return sessionPasswords.get(ctx) ?? store?.read(user) ?? process.env.PARLEY_DESK_PASSWORD ?? undefined;
}

/** The pg connection settings; TLS with verify-full (CA and host name checked) for any host but this machine. */
export function clientConfig(c: DeskConfig, password: string | undefined): pg.ClientConfig {
  checkDeskConfig(c);
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password,
    connectionTimeoutMillis: 10_000,
    // verify-full: node's TLS checks the chain against the CA and the certificate's name against the host.
    ssl: isLoopback(c.host) ? false : { ca: fs.readFileSync(c.caFile ?? ''), rejectUnauthorized: true },
  };
}

/** Connects to the desk; an error event of a dropped connection is left to the request that meets it. */
export async function connectDesk(c: DeskConfig, password: string | undefined): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(c, password));
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return client;
}
