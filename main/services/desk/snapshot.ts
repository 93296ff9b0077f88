/**
 * A new analyst's first sync from a snapshot (issue 18). Replaying every
 * change set the desk holds into an empty laptop costs what it cost to make
 * them (minutes at 100,000 articles); a snapshot is the replay done once, on
 * the desk's side: `desk snapshot` (the administrator) pulls every set into an
 * empty workspace as nobody's laptop (`#desk`, which no analyst's role name can
 * be), compacts it with VACUUM INTO, checks it and stores it on the desk in
 * chunks, with the last set it holds and its schema version.
 *
 * An empty laptop (never synced, nothing made in it) then takes that file with
 * one COPY, checks its SHA-256, makes it its own (its settings, its identity,
 * the analyst's own passages put in their own layer, as a replay would have) and
 * swaps it in as a restore does; the round goes on to pull only the sets made
 * after the snapshot. Anything else, or a snapshot this Parley cannot read,
 * replays as before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { openWorkspace, type Db } from '../../db/connection';
import { openReadonly, vacuumInto } from '../../db/files';
import { bumpScoreGeneration } from '../../db/deskBulkIndexes';
import { lastLogId } from '../../db/deskLocal';
import {
  allSettings,
  appliedSetCount,
  emptiness,
  inSteadyView,
  latestSnapshot,
  makeOwn,
  snapshotCopySql,
  type DeskSnapshot,
} from '../../db/deskSnapshots';
import { OLDEST_SNAPSHOT_SCHEMA, SCHEMA_VERSION } from '../../db/migrations';
import { getSetting, setSetting } from '../../db/settings';
import { schemaVersion } from '../../db/schemaInfo';
import type { AppContext } from '../context';
import { swapWorkspaceFile } from '../workspaceFile';
import { DESK_KEYS, hasSynced, workspaceUid } from './cursors';

// ---------------------------------------------------------------------------------------------------------------
// The laptop's side.

/** What a first sync from a snapshot did, or why it replayed instead. */
export interface SnapshotOutcome {
  /** The snapshot taken, or null when the round replayed every set. */
  taken: {
    throughSeq: number;
    /** The desk's change sets it holds. */
    sets: number;
    bytes: number;
    downloadMs: number;
    swapMs: number;
  } | null;
  /** Why the desk's snapshot could not be used, where there was one (a matter for the desk's IT); null otherwise. */
  skipped: string | null;
}

/** Whether the laptop is empty, read at the start and again just before the swap: anything made meanwhile stops it. */
const emptyNow = (db: Db) => emptiness(db, lastLogId(db));

/**
 * Downloads the snapshot to `file` with one COPY of its chunks (binary: each row one bytea field), hashing it on
 * the way. Resolves with the bytes written; a cut connection rejects (the round is tried again later).
 */
async function download(client: pg.ClientBase, snap: DeskSnapshot, file: string, onBytes: (n: number) => void): Promise<string> {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'w', 0o600);
  let written = 0;
  try {
    const stream = client.query(copyTo(snapshotCopySql(snap.id)));
    const parser = new CopyBinaryField();
    try {
      for await (const chunk of stream) {
        for (const part of parser.feed(chunk as Buffer)) {
          hash.update(part);
          let off = 0;
          while (off < part.length) off += fs.writeSync(fd, part, off);
          written += part.length;
        }
        onBytes(written);
      }
      parser.end();
    } catch (err) {
      // A COPY left half read keeps the connection busy until the desk has sent the rest: it is cut instead, so
      // that nothing waits on it (the round ends with this error, and the next one connects again).
      (client as pg.ClientBase & { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      if (err instanceof SnapshotRefused) throw new UnreadableCopy(err.message, snap.sha256);
      throw err;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (written !== snap.bytes) throw new SnapshotRefused(`it arrived with ${written} bytes, not ${snap.bytes}`);
  return hash.digest('hex');
}

/** A snapshot this laptop will not take (it replays instead): not the bytes the desk recorded, or not readable here. */
export class SnapshotRefused extends Error {}

/** The desk's answer was not COPY's binary format: the connection was cut mid-COPY. */
class UnreadableCopy extends Error {
  constructor(
    message: string,
    readonly sha256: string,
  ) {
    super(message);
  }
}

const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * PostgreSQL's binary COPY format, for rows of one non-null field: yields each field's bytes as they arrive (a
 * field spans many network buffers). Header: the signature, flags (int32), an extension area (int32 length, then
 * that many bytes); each row: int16 field count, int32 length, the bytes; the end: int16 -1.
 */
export class CopyBinaryField {
  private carry: Buffer = Buffer.alloc(0);
  private header = false;
  private left = 0;
  private done = false;

  *feed(chunk: Buffer): Generator<Buffer> {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    let i = 0;
    if (!this.header) {
      if (data.length < 19) {
        this.carry = data;
        return;
      }
      if (!data.subarray(0, 11).equals(COPY_SIGNATURE)) throw new SnapshotRefused('the desk did not answer in COPY’s binary format');
      const extension = data.readUInt32BE(15);
      if (data.length < 19 + extension) {
        this.carry = data;
        return;
      }
      i = 19 + extension;
      this.header = true;
    }
    for (;;) {
      if (this.left > 0) {
        const take = Math.min(this.left, data.length - i);
        if (take === 0) break;
        yield data.subarray(i, i + take);
        i += take;
        this.left -= take;
        continue;
      }
      if (this.done) {
        if (i < data.length) throw new SnapshotRefused('the desk sent bytes after the end of the COPY');
        break;
      }
      if (data.length - i < 2) break;
      const fields = data.readInt16BE(i);
      if (fields === -1) {
        this.done = true;
        i += 2;
        continue;
      }
      if (fields !== 1) throw new SnapshotRefused(`a row of ${fields} fields, not 1`);
      if (data.length - i < 6) break;
      const length = data.readInt32BE(i + 2);
      if (length < 0) throw new SnapshotRefused('an empty chunk');
      i += 6;
      this.left = length;
    }
    if (i < data.length) this.carry = Buffer.from(data.subarray(i));
  }

  end(): void {
    if (!this.done || this.left > 0 || this.carry.length > 0) throw new SnapshotRefused('the COPY ended before its last chunk');
  }
}

/**
 * The snapshot as this laptop's own: its settings (the Desk setting, the analyst's name, its identity on the desk),
 * cursors that say everything up to the snapshot came from the desk and nothing here is to be sent, and the
 * analyst's own passages (the `#desk` builder kept them in their coder's layer) in the analyst's own layer, out of
 * the score where the article is adjudicated, as a replay would have put them.
 */
function makeSnapshotOwn(db: Db, me: string, settings: readonly { key: string; value: string }[], throughSeq: number): void {
  db.transaction(() => {
    makeOwn(db, me, settings);
    setSetting(db, DESK_KEYS.pulledThrough, String(throughSeq));
    setSetting(db, DESK_KEYS.pushedThrough, String(lastLogId(db)));
    setSetting(db, DESK_KEYS.baseline, 'done');
    setSetting(db, DESK_KEYS.baselineUpto, '{}');
    setSetting(db, DESK_KEYS.valueBaseline, 'done');
    bumpScoreGeneration(db);
  }).immediate();
}

/** Beside the workspace during a first sync from a snapshot: the download, and the empty workspace kept aside for the swap. */
const INCOMING = '.desk-snapshot';
const ASIDE = '.before-desk';

/** Puts the snapshot in place of the laptop's (empty) workspace, as a restore does; on failure the empty one is back. */
function swapIn(ctx: AppContext, incoming: string): void {
  const aside = `${ctx.workspace.path}${ASIDE}`;
  fs.rmSync(aside, { force: true });
  vacuumInto(ctx.workspace.db, aside); // with what its WAL holds (the settings just written)
  try {
    swapWorkspaceFile(ctx, incoming, aside);
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

export interface TakeSnapshotOptions {
  me: string;
  onProgress?(p: { done: number; total: number; stage: 'snapshot' }): void;
}

/** The SHA-256 of a snapshot whose bytes could not be read as COPY's (the next round replays instead of trying it again). */
const REFUSED_KEY = 'desk.snapshotRefused';

/** Room a download needs beyond the file: its SQLite journal while it is made the laptop's own, and some to spare. */
const SPARE_BYTES = 256 * 2 ** 20;

/**
 * A first sync from the desk's snapshot, where this laptop is empty and the desk has one it can use. Returns what
 * it did; throws when the download cannot finish (the desk cut off, no room on disk: the round fails as any other
 * cut does, the laptop is left as it was, and the next round starts again).
 */
export async function takeSnapshot(ctx: AppContext, client: pg.ClientBase, o: TakeSnapshotOptions): Promise<SnapshotOutcome> {
  const none: SnapshotOutcome = { taken: null, skipped: null };
  if (ctx.workspace.readOnly) return none;
  const incoming = `${ctx.workspace.path}${INCOMING}`;
  const clear = () => {
    for (const left of [incoming, `${ctx.workspace.path}${ASIDE}`])
      for (const side of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${left}${side}`, { force: true });
  };
  // Every round asks; only a laptop that never synced goes further.
  if (hasSynced(ctx)) return none;
  // What a first sync stopped by the end of the process left beside the workspace (a download, the copy aside).
  clear();
  const before = emptyNow(ctx.workspace.db);
  if (before === null) return none;
  const started = performance.now();
  let snap: DeskSnapshot;
  try {
    // One steady view of the desk from choosing the snapshot to its last byte: a newer one stored meanwhile does not
    // take the chunks away.
    const got = await inSteadyView(client, async () => {
      const { snapshot, otherSchema } = await latestSnapshot(client, SCHEMA_VERSION, OLDEST_SNAPSHOT_SCHEMA);
      if (!snapshot) {
        const skipped =
          otherSchema === null
            ? null
            : `the desk's snapshot is of another Parley's workspace schema (${otherSchema}; this one's is ${SCHEMA_VERSION})`;
        return { snapshot: null, skipped } as const;
      }
      if (snapshot.sha256 === getSetting(ctx.workspace.db, REFUSED_KEY)) {
        return { snapshot: null, skipped: "the desk's snapshot could not be read the last time" } as const;
      }
      const free = fs.statfsSync(path.dirname(incoming));
      if (free.bavail * free.bsize < snapshot.bytes + SPARE_BYTES) {
        throw new Error(
          `The desk's corpus is ${(snapshot.bytes / 2 ** 30).toFixed(1)} GB and the disk of this workspace has ${((free.bavail * free.bsize) / 2 ** 30).toFixed(1)} GB free: free some room and the first sync goes on.`,
        );
      }
      o.onProgress?.({ done: 0, total: snapshot.bytes, stage: 'snapshot' });
      const sha256 = await download(client, snapshot, incoming, (done) =>
        o.onProgress?.({ done, total: snapshot.bytes, stage: 'snapshot' }),
      );
      return { snapshot, sha256, skipped: null } as const;
    });
    if (!got.snapshot) return { taken: null, skipped: got.skipped };
    snap = got.snapshot;
    if (got.sha256 !== snap.sha256) throw new SnapshotRefused('its SHA-256 is not the one the desk recorded');
  } catch (err) {
    clear();
    if (err instanceof SnapshotRefused) return { taken: null, skipped: `the desk's snapshot was not used: ${err.message}` };
    if (err instanceof UnreadableCopy) {
      // This connection is gone (it was cut mid-COPY); the next round replays rather than try these bytes again.
      setSetting(ctx.workspace.db, REFUSED_KEY, err.sha256);
      throw new Error(`The desk's snapshot could not be read (${err.message}); the next round brings every change set one by one.`);
    }
    throw err;
  }
  try {
    const downloadMs = performance.now() - started;
    // From here to the swap nothing awaits: no request of the analyst's falls between the check and the swap.
    const swapStarted = performance.now();
    const checked = openReadonly(incoming);
    let found: number;
    try {
      found = schemaVersion(checked);
    } finally {
      checked.close();
    }
    // An older schema (local-only migrations since) is brought up to this one by openWorkspace below.
    if (found !== snap.schemaVersion || found > SCHEMA_VERSION || found < OLDEST_SNAPSHOT_SCHEMA) {
      throw new SnapshotRefused(`its file is of schema ${found}, where the desk recorded ${snap.schemaVersion} and this Parley's is ${SCHEMA_VERSION}`);
    }
    if (emptyNow(ctx.workspace.db) !== before) {
      // Something was made here while the snapshot came: the laptop is no longer empty, and replays (nothing wrong).
      clear();
      return none;
    }
    workspaceUid(ctx); // this laptop's identity on the desk, made now if it had none, travels in its settings
    const settings = allSettings(ctx.workspace.db).filter((x) => x.key !== REFUSED_KEY);
    const own = openWorkspace(incoming, { noLock: true, nativeBinding: process.env.PARLEY_NATIVE_BINDING || undefined });
    let sets: number;
    try {
      makeSnapshotOwn(own.db, o.me, settings, snap.throughSeq);
      sets = appliedSetCount(own.db);
    } finally {
      own.close();
    }
    swapIn(ctx, incoming);
    return {
      taken: { throughSeq: snap.throughSeq, sets, bytes: snap.bytes, downloadMs, swapMs: performance.now() - swapStarted },
      skipped: null,
    };
  } catch (err) {
    clear();
    if (err instanceof SnapshotRefused) return { taken: null, skipped: `the desk's snapshot was not used: ${err.message}` };
    throw err;
  }
}
