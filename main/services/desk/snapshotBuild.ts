/**
 * `desk snapshot` (the desk's administrator): the replay of every change set done once, on the desk's side, for a
 * new analyst's first sync (snapshot.ts takes it). Every set is pulled into a workspace as nobody's laptop
 * (`#desk`, which no analyst's role name can be, so every passage stays in its coder's layer), which is compacted
 * with VACUUM INTO, checked, and stored on the desk in chunks with the last set it holds and its schema version,
 * replacing the older snapshots in the same desk transaction.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { deskSchemaVersion } from '../../db/deskServer';
import { latestSnapshot, storeSnapshot, type DeskSnapshot } from '../../db/deskSnapshots';
import { openReadonly, vacuumInto } from '../../db/files';
import { checkWorkspace } from '../../db/salvage';
import { SCHEMA_VERSION } from '../../db/migrations';
import { getSetting } from '../../db/settings';
import { startWorkspace } from '../workspace';
import { DESK_KEYS } from './cursors';

import { pullOnly } from './sync';

/** Who the snapshot's builder is on the desk: no analyst (a role name cannot start with #), so every layer stays its coder's. */
export const SNAPSHOT_BUILDER = '#desk';

/** The desk migration that added snapshots. */
const SNAPSHOT_DESK_SCHEMA = 3;

/** Bytes per stored chunk: a few COPY buffers each, and few enough rows that the table stays small. */
const CHUNK_BYTES = 16 * 2 ** 20;

export interface BuildSnapshotOptions {
  /**
   * The builder's workspace, kept between runs so that the next snapshot pulls only the sets made since; a
   * throwaway file when not given.
   */
  workspace?: string;
  log?(line: string): void;
}

export interface BuiltSnapshot {
  /** Null when the newest snapshot already holds every set (nothing was stored). */
  snapshot: DeskSnapshot | null;
  pulled: number;
  ms: number;
  /** Where the time went: the pull (a replay of every set, its index build included), VACUUM INTO, the check and hash, the upload. */
  stages: { pullMs: number; indexMs: number; vacuumMs: number; checkMs: number; storeMs: number };
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * 2 ** 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Builds the desk's snapshot and stores it, replacing the older ones, in one desk transaction (a cut leaves the
 * desk as it was). Run by the administrator, whose role owns the desk's schema and so reads every set.
 */
export async function buildSnapshot(client: pg.ClientBase, o: BuildSnapshotOptions = {}): Promise<BuiltSnapshot> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const found = await deskSchemaVersion(client);
  if (found < SNAPSHOT_DESK_SCHEMA) {
    throw new Error(`This desk is at schema ${found}: run \`desk init\` with this Parley first (it adds the snapshots' tables).`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-desk-snapshot-'));
  const file = o.workspace ?? path.join(dir, 'desk.sqlite');
  const out = path.join(dir, 'snapshot.sqlite');
  try {
    const ctx = startWorkspace(file, { sampleFile: null });
    let pulled: number;
    let throughSeq: number;
    const stages = { pullMs: 0, indexMs: 0, vacuumMs: 0, checkMs: 0, storeMs: 0 };
    let t = performance.now();
    try {
      const r = await pullOnly(ctx, client, {
        me: SNAPSHOT_BUILDER,
        onProgress: (p) => {
          if (p.total > 0 && (p.done === p.total || p.done % 5_000 === 0))
            log(`  ${p.stage === 'index' ? 'indexing' : 'pulled'} ${p.done} of ${p.total}`);
        },
      });
      pulled = r.pulled;
      stages.pullMs = performance.now() - t;
      stages.indexMs = r.indexMs;
      throughSeq = Number(getSetting(ctx.workspace.db, DESK_KEYS.pulledThrough) ?? 0);
      const { snapshot: newest } = await latestSnapshot(client, SCHEMA_VERSION);
      if (throughSeq === 0) throw new Error('The desk holds no change sets yet: there is nothing to make a snapshot of.');
      if (newest && newest.throughSeq >= throughSeq) {
        return { snapshot: null, pulled, ms: performance.now() - started, stages };
      }
      // Compacted, and with no WAL beside it: one file, the pages in order.
      t = performance.now();
      vacuumInto(ctx.workspace.db, out);
      stages.vacuumMs = performance.now() - t;
    } finally {
      ctx.workspace.close();
    }
    t = performance.now();
    checkFile(out);
    const bytes = fs.statSync(out).size;
    const sha256 = await sha256Of(out);
    stages.checkMs = performance.now() - t;
    t = performance.now();
    const chunks = Math.ceil(bytes / CHUNK_BYTES);
    log(`  storing ${(bytes / 2 ** 20).toFixed(0)} MB in ${chunks} chunks`);
    const fd = fs.openSync(out, 'r');
    let id: number | null;
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      const meta = { throughSeq, schemaVersion: SCHEMA_VERSION, bytes, sha256, chunks };
      id = await storeSnapshot(client, meta, (n) => buffer.subarray(0, fs.readSync(fd, buffer, 0, CHUNK_BYTES, n * CHUNK_BYTES)));
    } finally {
      fs.closeSync(fd);
    }
    stages.storeMs = performance.now() - t;
    // Another run stored one as new meanwhile: it stands.
    if (id === null) return { snapshot: null, pulled, ms: performance.now() - started, stages };
    return {
      snapshot: { id, throughSeq, schemaVersion: SCHEMA_VERSION, bytes, sha256, chunks },
      pulled,
      ms: performance.now() - started,
      stages,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The file reads back whole, as a Parley workspace (the builder checks before it stores; the laptop checks the hash). */
function checkFile(file: string): void {
  const db = openReadonly(file);
  try {
    const problem = checkWorkspace(db);
    if (problem) throw new Error(`The snapshot did not check out (${problem}); nothing was stored.`);
  } finally {
    db.close();
  }
}
