/**
 * The desk (issue 18), on a PostgreSQL server of its own on loopback:
 * - first sync: the generated workspace (N articles, ~10 passages each) is
 *   sent to an empty desk by one analyst (figure); the administrator's
 *   `desk snapshot` replays every set into a workspace of its own and stores it
 *   (figures: the replay, which is also what a laptop without a snapshot does,
 *   and the whole build); then a second analyst's empty laptop syncs, from the
 *   snapshot (target ≥ 5,000 articles/s with their passages, searchable);
 * - incremental: 1,000 change sets (one tag each) made on the first laptop,
 *   sent, and pulled by the second (target ≤ 1 s for the pull).
 * Skipped, with the reason, where no PostgreSQL server binary exists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { grantAnalyst, migrateDesk } from '../../main/db/deskServer';
import { setSetting } from '../../main/db/settings';
import { createAnnotation } from '../../main/services/annotations';
import type { AppContext } from '../../main/services/context';
import { syncOnce } from '../../main/services/desk/sync';
import { buildSnapshot } from '../../main/services/desk/snapshotBuild';
import { startWorkspace } from '../../main/services/workspace';
import { postgresBinaries, startPostgres, type PgServer } from '../../tests/support/postgres';
import { metric } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const FIRST_SYNC_TARGET = 5_000; // articles/s with their passages
const INCREMENTAL_SETS = 1_000;
const INCREMENTAL_TARGET_MS = 1_000;

async function roundAs(ctx: AppContext, server: PgServer, user: string): Promise<Awaited<ReturnType<typeof syncOnce>>> {
  const client = new pg.Client({ host: server.host, port: server.port, user, database: server.database });
  await client.connect();
  try {
    return await syncOnce(ctx, client, { me: user });
  } finally {
    await client.end();
  }
}

/** One tag per change set, each on its own article's first words (the incremental load). */
function makeTags(ctx: AppContext, count: number): number {
  const { db } = ctx.workspace;
  const articles = db.prepare('SELECT id, text FROM articles ORDER BY id LIMIT ?').all(count) as { id: number; text: string }[];
  const code = db.prepare("SELECT id FROM codes WHERE key = 'THREAT'").pluck().get() as number;
  const [a, b] = db.prepare('SELECT id FROM actors ORDER BY id LIMIT 2').pluck().all() as number[];
  let made = 0;
  for (let i = 0; made < count && articles.length > 0; i++) {
    const art = articles[i % articles.length]!;
    const round = Math.floor(i / articles.length);
    const start = 3 * round;
    const end = start + 2;
    if (end >= art.text.length) break;
    try {
      createAnnotation(ctx, {
        articleId: art.id,
        start,
        end,
        codeId: code,
        sourceActorId: a!,
        targetActorId: b!,
        confidence: 0.7,
        note: 'bench',
      });
      made++;
    } catch {
      // A passage that does not start and end on a word: the next one.
    }
  }
  return made;
}

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const { bin, reason } = postgresBinaries();
  if (!bin) {
    opts.log(`desk: skipped, ${reason}`);
    return { 'desk.skipped': `no PostgreSQL server binary: ${reason}` };
  }
  const server = await startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-desk-'));
  let laptop: AppContext | null = null;
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await migrateDesk(admin);
    for (const name of ['bench_a', 'bench_b']) await grantAnalyst(admin, { name, mayEditShared: true, mayEditConsensus: false });
    await admin.end();

    const { db } = ctx.workspace;
    setSetting(db, 'analyst.name', 'bench_a');
    const articles = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    // What bench_a sends is its own layer: passages of a colleague's layer (the agreement scenario merges one in) are
    // theirs to send, and the consensus needs a grant bench_a does not have.
    const passages = db.prepare("SELECT count(*) FROM annotations WHERE coder = '' AND consensus = 0").pluck().get() as number;
    let t = performance.now();
    await roundAs(ctx, server, 'bench_a');
    const sendMs = performance.now() - t;
    opts.log(`desk: sent ${articles} articles, ${passages} passages in ${(sendMs / 1000).toFixed(1)} s`);

    // The administrator's snapshot: a replay of every set into a workspace of its own (a laptop's first sync without
    // a snapshot is this replay), then VACUUM INTO, the check and the upload.
    const builder = new pg.Client({ connectionString: server.url });
    await builder.connect();
    const built = await buildSnapshot(builder, {});
    await builder.end();
    const bs = built.stages;
    const replayRate = articles / (bs.pullMs / 1000);
    opts.log(
      `desk: snapshot built in ${(built.ms / 1000).toFixed(1)} s: the replay of every set ${(bs.pullMs / 1000).toFixed(1)} s = ${replayRate.toFixed(0)} articles/s (its index build ${(bs.indexMs / 1000).toFixed(1)} s), VACUUM INTO ${(bs.vacuumMs / 1000).toFixed(1)} s, check and hash ${(bs.checkMs / 1000).toFixed(1)} s, upload ${(bs.storeMs / 1000).toFixed(1)} s; ${((built.snapshot?.bytes ?? 0) / 2 ** 20).toFixed(0)} MB`,
    );

    laptop = startWorkspace(path.join(dir, 'laptop.sqlite'), { sampleFile: null });
    setSetting(laptop.workspace.db, 'analyst.name', 'bench_b');
    t = performance.now();
    const cpu = process.cpuUsage();
    const first = await roundAs(laptop, server, 'bench_b');
    const pullMs = performance.now() - t;
    const taken = first.snapshot?.taken;
    if (!taken) throw new Error(`desk: the empty laptop did not start from the snapshot (${first.snapshot?.skipped ?? 'none offered'})`);
    // On a loaded machine wall time says little: this process's CPU time for the pull (PostgreSQL's is apart).
    const { user, system } = process.cpuUsage(cpu);
    const pullCpuMs = (user + system) / 1000;
    const pulled = laptop.workspace.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const pulledPassages = laptop.workspace.db.prepare('SELECT count(*) FROM annotations').pluck().get() as number;
    if (pulled !== articles || pulledPassages !== passages) {
      throw new Error(
        `desk: the laptop holds ${pulled} articles, ${pulledPassages} passages after its first sync, not ${articles}, ${passages}`,
      );
    }
    const rate = articles / (pullMs / 1000);
    const mbPerS = taken.bytes / 2 ** 20 / (taken.downloadMs / 1000);
    opts.log(
      `desk: first sync from the snapshot ${rate.toFixed(0)} articles/s (${(pullMs / 1000).toFixed(1)} s: download ${(taken.downloadMs / 1000).toFixed(1)} s = ${mbPerS.toFixed(0)} MB/s, made its own and swapped in ${(taken.swapMs / 1000).toFixed(1)} s, ${first.pulled} later sets; Parley's CPU ${(pullCpuMs / 1000).toFixed(1)} s)`,
    );

    const made = makeTags(ctx, opts.quick ? Math.min(INCREMENTAL_SETS, 200) : INCREMENTAL_SETS);
    await roundAs(ctx, server, 'bench_a');
    t = performance.now();
    const incCpu = process.cpuUsage();
    const inc = await roundAs(laptop, server, 'bench_b');
    const incMs = performance.now() - t;
    const incUsage = process.cpuUsage(incCpu);
    const incCpuMs = (incUsage.user + incUsage.system) / 1000;
    opts.log(`desk: incremental ${inc.pulled} change sets pulled in ${incMs.toFixed(0)} ms (Parley's CPU ${incCpuMs.toFixed(0)} ms)`);
    const sendRate = articles / (sendMs / 1000);
    return {
      ...metric(
        'desk.send',
        { median: sendRate, p95: sendRate, runs: 1 },
        {
          unit: 'articles/s',
          note: `${articles} articles, ${passages} passages sent to an empty desk by their laptop, as the rows it held on joining, in ${(sendMs / 1000).toFixed(1)} s (no target in the issue)`,
        },
      ),
      ...metric(
        'desk.firstSync',
        { median: rate, p95: rate, runs: 1 },
        {
          unit: 'articles/s',
          target: `≥ ${FIRST_SYNC_TARGET.toLocaleString('en')} articles/s`,
          pass: rate >= FIRST_SYNC_TARGET,
          note: `${articles} articles, ${passages} passages into an empty laptop from the desk's snapshot, searchable, in ${(pullMs / 1000).toFixed(1)} s: the ${(taken.bytes / 2 ** 20).toFixed(0)} MB file downloaded and checked in ${(taken.downloadMs / 1000).toFixed(1)} s (${mbPerS.toFixed(0)} MB/s), made the laptop's own and swapped in ${(taken.swapMs / 1000).toFixed(1)} s, then ${first.pulled} later sets; ${(pullCpuMs / 1000).toFixed(1)} s of Parley's CPU (PostgreSQL's apart)`,
        },
      ),
      ...metric(
        'desk.firstSyncReplay',
        { median: replayRate, p95: replayRate, runs: 1 },
        {
          unit: 'articles/s',
          note: `every set replayed into an empty workspace, searchable, in ${(bs.pullMs / 1000).toFixed(1)} s (its search index and secondary indexes built at the end in ${(bs.indexMs / 1000).toFixed(1)} s): what \`desk snapshot\` does once, and a laptop's first sync where the desk has no snapshot it can use`,
        },
      ),
      ...metric(
        'desk.snapshotBuild',
        { median: built.ms, p95: built.ms, runs: 1 },
        {
          unit: 'ms',
          note: `\`desk snapshot\` at this size (the administrator's, now and then): the replay ${(bs.pullMs / 1000).toFixed(1)} s, VACUUM INTO ${(bs.vacuumMs / 1000).toFixed(1)} s, quick_check and SHA-256 ${(bs.checkMs / 1000).toFixed(1)} s, upload in one desk transaction ${(bs.storeMs / 1000).toFixed(1)} s`,
        },
      ),
      ...metric(
        'desk.incremental',
        { median: incMs, p95: incMs, runs: 1 },
        {
          unit: 'ms',
          target: `≤ ${INCREMENTAL_TARGET_MS} ms`,
          pass: made >= INCREMENTAL_SETS ? incMs <= INCREMENTAL_TARGET_MS : undefined,
          note: `${inc.pulled} change sets (one tag each) pulled, ${incCpuMs.toFixed(0)} ms of it Parley's CPU${made < INCREMENTAL_SETS ? ` (a short run: ${made}, not ${INCREMENTAL_SETS})` : ''}`,
        },
      ),
    };
  } finally {
    laptop?.workspace.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}
