/**
 * `desk`: a desk of analysts on one PostgreSQL database (docs/desk.md).
 * - `desk init` (the desk's IT, no workspace): prepares the database and adds analysts' roles;
 * - `desk connect` sets a workspace's desk; `desk sync` runs one round; `desk status` says where it stands.
 * Passwords come from PARLEY_DESK_PASSWORD (or PGPASSWORD), never from a flag (flags show in process lists).
 */
import { grantAnalyst, migrateDesk, DESK_SCHEMA_VERSION } from '../db/deskServer';
import { connectDesk, type DeskConfig } from '../services/desk/connection';
import { buildSnapshot } from '../services/desk/snapshotBuild';
import { numeric, text, type CliCommand, type CliValues } from './command';

function configOf(values: CliValues): DeskConfig {
  return {
    host: text(values, 'host') ?? '127.0.0.1',
    port: Number(numeric(text(values, 'port')) ?? 5432),
    database: text(values, 'database') ?? 'parley',
    user: text(values, 'user') ?? '',
    caFile: text(values, 'ca-file') ?? null,
  };
}

/** `--analyst alice` (may change shared things), `--analyst bob:tags` (own tags only), `:consensus` (may also adjudicate). */
function analystsOf(values: CliValues): { name: string; mayEditShared: boolean; mayEditConsensus: boolean }[] {
  const raw = (values as Record<string, unknown>).analyst;
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return list.map((a) => {
    const [name = '', ...flags] = a.split(':');
    return { name, mayEditShared: !flags.includes('tags'), mayEditConsensus: flags.includes('consensus') };
  });
}

async function init(values: CliValues, out: (line: string) => void): Promise<number> {
  const config = configOf(values);
  const client = await connectDesk(config, process.env.PARLEY_DESK_PASSWORD ?? process.env.PGPASSWORD);
  try {
    const found = await migrateDesk(client);
    out(found === DESK_SCHEMA_VERSION ? `The desk was already at schema ${found}.` : `Desk schema ${found} → ${DESK_SCHEMA_VERSION}.`);
    for (const a of analystsOf(values)) {
      await grantAnalyst(client, a);
      out(
        `Analyst ${a.name}: own tags${a.mayEditShared ? ', shared codebook, actors, grades and events' : ''}${a.mayEditConsensus ? ', consensus and adjudication' : ''}.`,
      );
    }
    out('Set each analyst’s password in psql (\\password <name>) and give them host, port, database and the CA file.');
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}

/** `desk snapshot` (the desk's IT, no workspace): the desk's corpus as one file, for new analysts' first sync. */
async function snapshot(values: CliValues, out: (line: string) => void): Promise<number> {
  const client = await connectDesk(configOf(values), process.env.PARLEY_DESK_PASSWORD ?? process.env.PGPASSWORD);
  try {
    const r = await buildSnapshot(client, { workspace: text(values, 'builder') ?? undefined, log: out });
    if (!r.snapshot) {
      out(`The desk's snapshot already holds every change set (${r.pulled} new ones pulled); nothing was stored.`);
      return 0;
    }
    const s = r.snapshot;
    out(
      `Snapshot ${s.id}: every change set through ${s.throughSeq}, ${(s.bytes / 2 ** 20).toFixed(1)} MB, workspace schema ${s.schemaVersion}, in ${(r.ms / 1000).toFixed(1)} s. New analysts' first sync starts from it.`,
    );
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}

export const deskCommand: CliCommand = {
  summary: 'A desk of analysts on one PostgreSQL database: init and snapshot (IT), connect, sync, status.',
  usage:
    'desk init|snapshot|connect|sync|status [--host h] [--port n] [--database d] [--user u] [--ca-file f] [--analyst name[:tags][:consensus]]… [--builder file]',
  options: {
    host: { type: 'string' },
    database: { type: 'string' },
    user: { type: 'string' },
    'ca-file': { type: 'string' },
    analyst: { type: 'string', multiple: true },
    builder: { type: 'string' },
  },
  help: [
    '  init      prepare the database (schema, roles, row-level security); run by the desk’s administrator, needs no workspace',
    '  snapshot  store the desk’s corpus as one file, from which a new analyst’s first sync starts (run by the administrator,',
    '            again now and then: a laptop pulls the sets made since); --builder FILE keeps the file it is built in, so the',
    '            next run pulls only the sets made since',
    '  connect   set this workspace’s desk (--host, --port, --database, --user, --ca-file for a host not this machine)',
    '  sync      one round now: pull colleagues’ change sets, send this workspace’s',
    '  status    synced, N to send, or offline since …',
    '  Passwords: PARLEY_DESK_PASSWORD (or PGPASSWORD) in the environment, never a flag.',
  ],
  withoutWorkspace(values, positionals, out) {
    if (positionals[0] === 'init') return init(values, out);
    if (positionals[0] === 'snapshot') return snapshot(values, out);
    return null;
  },
  async run(values, positionals, { call, out }) {
    const [sub] = positionals;
    if (sub === 'connect') {
      const c = configOf(values);
      await call('desk:configure', { ...c });
      out(`This workspace syncs with ${c.user}@${c.host}:${c.port}/${c.database}.`);
      return 0;
    }
    if (sub === 'sync' || sub === 'status') {
      const s = await call(sub === 'sync' ? 'desk:sync' : 'desk:status');
      out(`Desk: ${s.desk ?? 'none set'}; ${s.state}; ${s.toSend} change set(s) to send.`);
      if (s.error) out(`Last error: ${s.error}`);
      return s.state === 'offline' ? 1 : 0;
    }
    out('Usage: npm run cli -- desk init|snapshot|connect|sync|status (--help explains them).');
    return 2;
  },
};
