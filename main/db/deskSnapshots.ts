/**
 * SQL of the desk's snapshots (desk migration 3): on the desk, the stored file
 * in chunks and the newest complete one; in SQLite, the builder's compacted
 * copy, a laptop's emptiness, and the snapshot made a laptop's own.
 */
import type pg from 'pg';
import type { Db } from './connection';
import { stmt } from './statements';

export interface DeskSnapshot {
  id: number;
  throughSeq: number;
  schemaVersion: number;
  bytes: number;
  sha256: string;
  chunks: number;
}

interface RawSnapshot {
  id: string;
  through_seq: string;
  schema_version: number;
  bytes: string;
  sha256: string;
  chunks: number;
}

/**
 * The desk's newest complete snapshot of a workspace schema from `oldest` to `schemaVersion`, this one first (an
 * older one only where every migration since is local-only: an older builder drops what it cannot read of newer
 * laptops' sets; a newer one's file this Parley cannot open), or null; with the schema of the newest snapshot of
 * any schema, to say why none is used.
 */
export async function latestSnapshot(
  client: pg.ClientBase,
  schemaVersion: number,
  oldest = schemaVersion,
): Promise<{ snapshot: DeskSnapshot | null; otherSchema: number | null }> {
  const table = await client.query<{ t: string | null }>("SELECT to_regclass('parley.snapshots')::text AS t");
  if (!table.rows[0]?.t) return { snapshot: null, otherSchema: null };
  const { rows } = await client.query<RawSnapshot>(
    `SELECT id, through_seq, schema_version, bytes, sha256, chunks FROM parley.snapshots
     WHERE ready ORDER BY schema_version BETWEEN $2 AND $1 DESC, schema_version DESC, through_seq DESC, id DESC LIMIT 1`,
    [schemaVersion, oldest],
  );
  const r = rows[0];
  if (!r) return { snapshot: null, otherSchema: null };
  if (r.schema_version > schemaVersion || r.schema_version < oldest) return { snapshot: null, otherSchema: r.schema_version };
  return {
    snapshot: {
      id: Number(r.id),
      throughSeq: Number(r.through_seq),
      schemaVersion: r.schema_version,
      bytes: Number(r.bytes),
      sha256: r.sha256,
      chunks: r.chunks,
    },
    otherSchema: null,
  };
}

/** A read-only transaction whose view of the desk holds still: a snapshot read in it is read whole, whatever is stored meanwhile. */
export async function inSteadyView<T>(client: pg.ClientBase, f: () => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const out = await f();
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/**
 * Stores a snapshot, its chunks read one at a time by `chunk(n)`, and withdraws the older ones of its schema, in one
 * desk transaction: a cut leaves the desk as it was. A laptop downloading an older one meanwhile reads it to the
 * end (it reads in a steady view). Returns null, storing nothing, where a snapshot of this schema holding as many
 * sets was stored meanwhile (two runs of `desk snapshot` at once).
 */
export async function storeSnapshot(
  client: pg.ClientBase,
  meta: Omit<DeskSnapshot, 'id'>,
  chunk: (n: number) => Buffer,
): Promise<number | null> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('parley.snapshots'))");
    const newer = await client.query('SELECT 1 FROM parley.snapshots WHERE ready AND schema_version = $1 AND through_seq >= $2', [
      meta.schemaVersion,
      meta.throughSeq,
    ]);
    if ((newer.rowCount ?? 0) > 0) {
      await client.query('ROLLBACK');
      return null;
    }
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO parley.snapshots (through_seq, schema_version, bytes, sha256, chunks) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [meta.throughSeq, meta.schemaVersion, meta.bytes, meta.sha256, meta.chunks],
    );
    const id = Number(rows[0]?.id);
    for (let n = 0; n < meta.chunks; n++) {
      await client.query('INSERT INTO parley.snapshot_chunks (snapshot_id, n, data) VALUES ($1, $2, $3)', [id, n, chunk(n)]);
    }
    await client.query('UPDATE parley.snapshots SET ready = true WHERE id = $1', [id]);
    await client.query('DELETE FROM parley.snapshots WHERE id <> $1 AND schema_version = $2', [id, meta.schemaVersion]);
    await client.query('COMMIT');
    return id;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** The COPY that sends a snapshot's chunks in order, one bytea per row (COPY takes no bound parameters: the id is a number). */
export const snapshotCopySql = (id: number): string =>
  `COPY (SELECT data FROM parley.snapshot_chunks WHERE snapshot_id = ${Math.trunc(id)} ORDER BY n) TO STDOUT (FORMAT binary)`;

/**
 * What makes a laptop empty (no article, no passage, no change set of its own: any code, actor or grade made here
 * is one), as a string that changes with any change here; null for a laptop that is not empty.
 */
export function emptiness(db: Db, lastLogId: number): string | null {
  const one = (sql: string) => stmt(db, sql).pluck().get() as number;
  if (one('SELECT count(*) FROM articles') > 0 || one('SELECT count(*) FROM annotations') > 0) return null;
  if (one('SELECT count(*) FROM change_sets') > 0) return null;
  return `${lastLogId}:${JSON.stringify(allSettings(db))}`;
}

export function allSettings(db: Db): { key: string; value: string }[] {
  return stmt(db, 'SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
}

/**
 * The snapshot made this laptop's: the analyst's own passages (the builder kept them in their coder's layer) in the
 * own layer, out of the score where the article is adjudicated, with no origin (they were made by this analyst);
 * and the laptop's settings in place of the builder's. In the caller's transaction.
 */
export function makeOwn(db: Db, me: string, settings: readonly { key: string; value: string }[]): void {
  db.prepare(`DELETE FROM annotation_origins WHERE annotation_id IN (SELECT id FROM annotations WHERE coder = ? AND consensus = 0)`).run(
    me,
  );
  db.prepare(
    `UPDATE annotations SET coder = '',
       scored = CASE WHEN article_id IN (SELECT article_id FROM adjudicated_articles) THEN 0 ELSE 1 END
     WHERE coder = ? AND consensus = 0`,
  ).run(me);
  db.prepare('DELETE FROM settings').run();
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (const s of settings) put.run(s.key, s.value);
}

/** How many of the desk's change sets the workspace holds as applied. */
export function appliedSetCount(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM desk_applied').pluck().get() as number;
}
