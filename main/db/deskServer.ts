/**
 * SQL of the desk's PostgreSQL database (issue 18): its schema and
 * migrations, the analysts' roles, and the change-set table every laptop
 * pushes to and pulls from. Every row of `parley.change_sets` is one change set
 * of one analyst, in one global order (`seq`); its `uid` is unique, so a set
 * sent twice is stored once. Row-level security lets an analyst add only sets
 * under their own name whose changes they may make (their own layer, and the
 * shared things the desk allows them); nobody changes or deletes a set.
 */
import type pg from 'pg';

/** The group role every analyst's login role belongs to. */
export const ANALYST_GROUP = 'parley_analyst';

/** Tables whose rows every analyst shares, and whether the desk's `may_edit_shared` governs them. */
const SHARED_GOVERNED = ['codes', 'actors', 'actor_aliases', 'relationships', 'events', 'outlet_grades', 'reliability_grades'];
/** The consensus's own rows besides its passages: who adjudicated what (`may_edit_consensus`). */
const CONSENSUS_GOVERNED = ['adjudicated_articles', 'adjudications'];
const sqlList = (tables: readonly string[]) => tables.map((t) => `'${t}'`).join(', ');

interface DeskMigration {
  version: number;
  sql: string;
}

/** The desk's own migrations, in order; `parley.meta` holds the version reached. Append only. */
const DESK_MIGRATIONS: readonly DeskMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE parley.analysts (
        name text PRIMARY KEY,
        may_edit_shared boolean NOT NULL DEFAULT true,
        may_edit_consensus boolean NOT NULL DEFAULT false,
        added_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE parley.change_sets (
        seq bigserial PRIMARY KEY,
        uid text NOT NULL UNIQUE CHECK (length(uid) BETWEEN 8 AND 100),
        analyst text NOT NULL DEFAULT current_user,
        origin text NOT NULL,
        at_ms bigint NOT NULL,
        label text NOT NULL,
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
        received_at timestamptz NOT NULL DEFAULT now()
      );
      -- Whether every change of a set is one the analyst may make: passages only in their own layer (or the
      -- consensus, where allowed), shared things only where the desk allows it. Articles anyone may add.
      CREATE FUNCTION parley.may_write(who text, changes jsonb) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = parley, pg_temp AS $$
        SELECT EXISTS (SELECT 1 FROM analysts WHERE name = who) AND NOT EXISTS (
          SELECT 1 FROM jsonb_array_elements(changes) c, analysts a
          -- An unknown or malformed change counts as one the analyst may not make (coalesce: NULL refuses).
          WHERE a.name = who AND coalesce(CASE
            WHEN c->>'t' = 'annotations' THEN NOT (c->>'layer' = who OR (c->>'layer' = '#consensus' AND a.may_edit_consensus))
            WHEN c->>'t' = 'articles' THEN false
            WHEN c->>'t' IN (${sqlList(SHARED_GOVERNED)}) THEN NOT a.may_edit_shared
            ELSE true
          END, true))
      $$;
      REVOKE ALL ON FUNCTION parley.may_write(text, jsonb) FROM PUBLIC;
      ALTER TABLE parley.change_sets ENABLE ROW LEVEL SECURITY;
      CREATE POLICY change_sets_read ON parley.change_sets FOR SELECT TO ${ANALYST_GROUP} USING (true);
      CREATE POLICY change_sets_add ON parley.change_sets FOR INSERT TO ${ANALYST_GROUP}
        WITH CHECK (analyst = current_user AND parley.may_write(current_user, changes));
      GRANT USAGE ON SCHEMA parley TO ${ANALYST_GROUP};
      GRANT SELECT, INSERT ON parley.change_sets TO ${ANALYST_GROUP};
      GRANT USAGE ON SEQUENCE parley.change_sets_seq_seq TO ${ANALYST_GROUP};
      GRANT SELECT ON parley.meta, parley.analysts TO ${ANALYST_GROUP};
      GRANT EXECUTE ON FUNCTION parley.may_write(text, jsonb) TO ${ANALYST_GROUP};
    `,
  },
  {
    // Adjudication travels (issue 18): a flag or a decision only from an analyst who may write the consensus.
    version: 2,
    sql: `
      CREATE OR REPLACE FUNCTION parley.may_write(who text, changes jsonb) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = parley, pg_temp AS $$
        SELECT EXISTS (SELECT 1 FROM analysts WHERE name = who) AND NOT EXISTS (
          SELECT 1 FROM jsonb_array_elements(changes) c, analysts a
          WHERE a.name = who AND coalesce(CASE
            WHEN c->>'t' = 'annotations' THEN NOT (c->>'layer' = who OR (c->>'layer' = '#consensus' AND a.may_edit_consensus))
            WHEN c->>'t' = 'articles' THEN false
            WHEN c->>'t' IN (${sqlList(CONSENSUS_GOVERNED)}) THEN NOT a.may_edit_consensus
            WHEN c->>'t' IN (${sqlList(SHARED_GOVERNED)}) THEN NOT a.may_edit_shared
            ELSE true
          END, true))
      $$;
    `,
  },
  {
    // A first sync from a snapshot (issue 18): the desk's corpus as one SQLite file, built by `desk snapshot` (the
    // administrator), read by every analyst (every set is readable by every analyst, so one file serves them all).
    // Its chunks are stored uncompressed (STORAGE EXTERNAL): a workspace's pages compress little and slowly, and a
    // laptop should get them at the speed of COPY, not of the server's decompression.
    version: 3,
    sql: `
      CREATE TABLE parley.snapshots (
        id bigserial PRIMARY KEY,
        through_seq bigint NOT NULL,
        schema_version integer NOT NULL,
        bytes bigint NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        chunks integer NOT NULL,
        ready boolean NOT NULL DEFAULT false,
        made_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE parley.snapshot_chunks (
        snapshot_id bigint NOT NULL REFERENCES parley.snapshots(id) ON DELETE CASCADE,
        n integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (snapshot_id, n)
      );
      ALTER TABLE parley.snapshot_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
      GRANT SELECT ON parley.snapshots, parley.snapshot_chunks TO ${ANALYST_GROUP};
    `,
  },
];

export const DESK_SCHEMA_VERSION = DESK_MIGRATIONS[DESK_MIGRATIONS.length - 1]?.version ?? 0;

/** A role name as PostgreSQL takes it unquoted: what `desk init` accepts for an analyst. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Prepares the database: the schema and its pending migrations, in one
 * transaction (a failure leaves the database as it was). Run by the desk's
 * administrator (the owner of the schema); safe to run again.
 * Returns the version found before.
 */
export async function migrateDesk(client: pg.ClientBase): Promise<number> {
  await client.query('BEGIN');
  try {
    // One `desk init` at a time.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('parley.desk-init'))");
    await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_GROUP}') THEN CREATE ROLE ${ANALYST_GROUP} NOLOGIN; END IF;
      END $$`);
    await client.query('CREATE SCHEMA IF NOT EXISTS parley');
    await client.query('CREATE TABLE IF NOT EXISTS parley.meta (key text PRIMARY KEY, value text NOT NULL)');
    const found = await deskSchemaVersion(client);
    if (found > DESK_SCHEMA_VERSION) {
      throw new Error(`This desk was prepared by a newer Parley (desk schema ${found}; this one knows up to ${DESK_SCHEMA_VERSION}).`);
    }
    for (const m of DESK_MIGRATIONS) {
      if (m.version <= found) continue;
      await client.query(m.sql);
    }
    await client.query(
      "INSERT INTO parley.meta (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [String(DESK_SCHEMA_VERSION)],
    );
    await client.query('COMMIT');
    return found;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** The desk schema's version, 0 where `desk init` has not run. */
export async function deskSchemaVersion(client: pg.ClientBase): Promise<number> {
  const table = await client.query<{ t: string | null }>("SELECT to_regclass('parley.meta')::text AS t");
  if (!table.rows[0]?.t) return 0;
  const { rows } = await client.query<{ value: string }>("SELECT value FROM parley.meta WHERE key = 'schema'");
  return rows[0] ? Number(rows[0].value) : 0;
}

export interface AnalystGrant {
  name: string;
  mayEditShared: boolean;
  mayEditConsensus: boolean;
}

/** Adds (or updates) an analyst: a login role in the analysts' group, and what the desk lets them change. */
export async function grantAnalyst(client: pg.ClientBase, a: AnalystGrant): Promise<void> {
  if (!ROLE_NAME.test(a.name)) throw new Error(`“${a.name}” cannot be an analyst's role: use lower-case letters, digits and _.`);
  await client.query('BEGIN');
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [a.name]);
    // The name is checked against ROLE_NAME above: safe to splice, since roles cannot be bound parameters.
    if (exists.rowCount === 0) await client.query(`CREATE ROLE ${a.name} LOGIN`);
    await client.query(`GRANT ${ANALYST_GROUP} TO ${a.name}`);
    await client.query(
      `INSERT INTO parley.analysts (name, may_edit_shared, may_edit_consensus) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET may_edit_shared = excluded.may_edit_shared, may_edit_consensus = excluded.may_edit_consensus`,
      [a.name, a.mayEditShared, a.mayEditConsensus],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** One change set as the desk stores it. */
export interface DeskSetRow {
  seq: number;
  uid: string;
  analyst: string;
  origin: string;
  atMs: number;
  label: string;
  changes: unknown[];
}

export type OutgoingSet = Omit<DeskSetRow, 'seq' | 'analyst'>;

/**
 * Adds the sets in one transaction, under the desk's lock, so that the order
 * of `seq` is the order sets become visible (a reader never sees seq 10 while
 * 9 is still being written, and so never skips 9). A set whose uid the desk
 * holds already is left as it is.
 */
export async function insertSets(client: pg.ClientBase, analyst: string, sets: readonly OutgoingSet[]): Promise<void> {
  if (sets.length === 0) return;
  await client.query('BEGIN');
  try {
    // The laptop notes a set as sent once this commit returns: it must be on the desk's disk by then, whatever
    // the server's default (a server with synchronous_commit off loses its last commits in a crash).
    await client.query('SET LOCAL synchronous_commit = on');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('parley.change_sets'))");
    await client.query(
      `INSERT INTO parley.change_sets (uid, analyst, origin, at_ms, label, changes)
       SELECT s->>'uid', $1, s->>'origin', (s->>'atMs')::bigint, s->>'label', s->'changes' FROM jsonb_array_elements($2::jsonb) s
       ON CONFLICT (uid) DO NOTHING`,
      [analyst, JSON.stringify(sets)],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

interface RawSet {
  seq: string;
  uid: string;
  analyst: string;
  origin: string;
  at_ms: string;
  label: string;
  changes: unknown[];
}

/**
 * Up to `limit` sets after `afterSeq`, in the desk's order, and no more than about `maxBytes` of them as the desk
 * stores them (always at least one): a first sync's sets of 2,000 rows each would otherwise come 500 at a time.
 * pg_column_size reads the stored size without unpacking the set.
 */
export async function setsAfter(client: pg.ClientBase, afterSeq: number, limit: number, maxBytes = Infinity): Promise<DeskSetRow[]> {
  const { rows } = await client.query<RawSet>(
    `SELECT s.seq, s.uid, s.analyst, s.origin, s.at_ms, s.label, s.changes
     FROM (SELECT seq, sum(pg_column_size(changes)) OVER (ORDER BY seq) - pg_column_size(changes) AS before
           FROM parley.change_sets WHERE seq > $1 ORDER BY seq LIMIT $2) w
     JOIN parley.change_sets s ON s.seq = w.seq
     WHERE w.before < $3 ORDER BY s.seq`,
    [afterSeq, limit, Number.isFinite(maxBytes) ? maxBytes : Number.MAX_SAFE_INTEGER],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    uid: r.uid,
    analyst: r.analyst,
    origin: r.origin,
    atMs: Number(r.at_ms),
    label: r.label,
    changes: r.changes,
  }));
}

/** How many sets the desk holds after `afterSeq` (a first sync's progress), and their stored size in bytes (read from the column sizes, without unpacking a set). */
export async function waitingAfter(client: pg.ClientBase, afterSeq: number): Promise<{ sets: number; bytes: number }> {
  const { rows } = await client.query<{ n: string; bytes: string }>(
    'SELECT count(*) AS n, coalesce(sum(pg_column_size(changes)), 0) AS bytes FROM parley.change_sets WHERE seq > $1',
    [afterSeq],
  );
  return { sets: Number(rows[0]?.n ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
}
