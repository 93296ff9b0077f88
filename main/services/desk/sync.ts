/**
 * One round of desk sync: pull every colleague's change set after this
 * laptop's cursor, in the desk's order, in batches (each batch applied and the
 * cursor moved in one SQLite transaction, so a cut mid-pull loses nothing and
 * repeats nothing); then send what was here before the workspace joined (once),
 * then every local change set not yet sent. A set's uid is fixed before it is
 * sent, and the desk stores a uid once, so a send cut after the desk committed
 * but before this laptop noted it is simply sent again, harmlessly.
 */
import type pg from 'pg';
import { insertSets, setsAfter, waitingAfter, type OutgoingSet } from '../../db/deskServer';
import { beginBulkIndexes, bulkIndexesPending, bumpScoreGeneration, finishBulkIndexesInSteps, worthBulk } from '../../db/deskBulkIndexes';
import { countPendingSets, isApplied, lastLogId, lastRowId, markApplied, pendingSets, rowsPage, SYNCED_TABLES } from '../../db/deskLocal';
import { recordPulledSet } from '../../db/deskShared';
import { deleteSetting, getSetting, setSetting } from '../../db/settings';
import { present } from '../../../shared/domain/present';
import type { AppContext } from '../context';
import type { ApplyOutcome } from './apply';
import { batchApplier } from './batchApply';
import { widenCache } from '../../db/deskBulk';
import { portableChangesOfSet, portableCreate, type PortableChange } from './portable';
import { valueBaseline, type ValueChange } from './sharedValues';
import { DESK_KEYS as KEYS, workspaceUid } from './cursors';
import { takeSnapshot, type SnapshotOutcome } from './snapshot';

export { hasSynced, workspaceUid } from './cursors';

export interface SyncOptions {
  /** The analyst's desk name (their PostgreSQL role). */
  me: string;
  /** Sets per pull batch and per send. */
  batch?: number;
  /** Rows per set when sending what was here before the desk. */
  baselineRows?: number;
  /** A first sync's progress: the snapshot's bytes (stage 'snapshot'), then sets pulled, then the index's steps. */
  onProgress?(p: { done: number; total: number; stage?: 'index' | 'snapshot' }): void;
  /** Whether an empty laptop's first sync may start from the desk's snapshot (the default); false replays every set. */
  snapshot?: boolean;
  /** After each send the desk committed (tests cut the connection here). */
  onSent?(sets: number): void;
  /** After each pull batch committed (tests cut the pull here). */
  onPulled?(): void;
  /**
   * How a pull keeps its indexes: 'auto' (the default) builds them once at the end of a pull about the workspace's
   * size; 'bulk' always does; 'rowByRow' never does and applies every change by applyPortableSet (a reference).
   */
  indexes?: 'auto' | 'bulk' | 'rowByRow';
}

export interface SyncResult {
  pulled: number;
  sent: number;
  conflicts: number;
  notApplied: string[];
  refused: string[];
  /** Milliseconds spent rebuilding the search index and secondary indexes after a large pull (0 when none). */
  indexMs: number;
  /** A first sync's snapshot: taken, or why not (null when there was none to consider). */
  snapshot: SnapshotOutcome | null;
}

const emptyResult = (): SyncResult => ({ pulled: 0, sent: 0, conflicts: 0, notApplied: [], refused: [], indexMs: 0, snapshot: null });

const numberSetting = (ctx: AppContext, key: string) => Number(getSetting(ctx.workspace.db, key) ?? 0);

/** Change sets made here and not yet sent (0 once everything went). */
export function unsentCount(ctx: AppContext): number {
  const { db } = ctx.workspace;
  const baseline = getSetting(db, KEYS.baseline) === 'done' ? 0 : 1;
  const through = getSetting(db, KEYS.pushedThrough);
  return baseline + countPendingSets(db, through === null ? 0 : Number(through));
}

/** The change sets the desk refused as not this analyst's to make (the last 50), by label. */
export function refusedSets(ctx: AppContext): string[] {
  return JSON.parse(getSetting(ctx.workspace.db, KEYS.refused) ?? '[]') as string[];
}

/** The analyst has read the list of refused sets (their changes stay in this workspace): it starts empty again. */
export function dismissRefusedSets(ctx: AppContext): void {
  deleteSetting(ctx.workspace.db, KEYS.refused);
}

/** About this much of the desk's stored sets per pull batch (one SQLite transaction): a first sync's sets are big. */
const PULL_BYTES = 8 * 2 ** 20;
/**
 * Sets per pull batch at most, unless told: small sets (a tag each) are bounded by this rather than by bytes, and
 * each batch is a commit (a disk flush, with synchronous FULL): 1,000 colleagues' tags go in one.
 */
const PULL_SETS = 5_000;

/** One turn of the event loop: between two steps of the index build, the requests waiting are answered. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function pull(ctx: AppContext, client: pg.ClientBase, o: SyncOptions, out: SyncResult): Promise<void> {
  const { db } = ctx.workspace;
  const own = workspaceUid(ctx);
  const batch = o.batch ?? PULL_SETS;
  const start = numberSetting(ctx, KEYS.pulledThrough);
  const { sets: total, bytes } = await waitingAfter(client, start);
  let done = 0;
  o.onProgress?.({ done, total });
  const fetch = (after: number) => setsAfter(client, after, batch, PULL_BYTES);
  const restoreCache = widenCache(db);
  // A pull that brings as much as the workspace holds builds its search index and secondary indexes once, at the end.
  const mode = o.indexes ?? 'auto';
  try {
    if (mode === 'bulk' || (mode === 'auto' && worthBulk(db, bytes))) beginBulkIndexes(db);
    const bulk = bulkIndexesPending(db);
    // The next batch is asked for before this one is applied, so the desk reads and sends it meanwhile.
    let next = fetch(start);
    for (;;) {
      const sets = await next;
      if (sets.length === 0) return;
      const through = present(sets[sets.length - 1], 'a pulled set').seq;
      next = fetch(through);
      next.catch(() => {}); // a failure is reported when it is awaited, not as an unhandled rejection meanwhile
      const outcome: ApplyOutcome = { changed: 0, conflicts: 0, notApplied: [] };
      const nowMs = ctx.now().getTime();
      db.transaction(() => {
        const apply = batchApplier(db, o.me, nowMs, outcome, { fast: mode !== 'rowByRow' });
        for (const set of sets) {
          if (set.origin === own || isApplied(db, set.uid)) continue;
          const before = outcome.changed + outcome.conflicts;
          apply(set);
          // A set that changed something here is listed in History as its analyst's, never on this one's undo stack.
          markApplied(db, set.uid, set.seq, outcome.changed + outcome.conflicts > before ? recordPulledSet(db, set) : null);
          out.pulled++;
        }
        if (bulk) bumpScoreGeneration(db);
        setSetting(db, KEYS.pulledThrough, String(through));
      }).immediate();
      o.onPulled?.();
      out.conflicts += outcome.conflicts;
      out.notApplied.push(...outcome.notApplied);
      done += sets.length;
      o.onProgress?.({ done: Math.min(done, Math.max(total, done)), total: Math.max(total, done) });
    }
  } finally {
    // Cut or not, the indexes come back now (a cut that stops this process too leaves it to the workspace's next opening).
    out.indexMs += await finishBulkIndexesInSteps(db, nextTurn, (done, total) => o.onProgress?.({ done, total, stage: 'index' }));
    restoreCache();
  }
}

/** Only the pull of a round: what `desk snapshot` builds its file from (it sends nothing). */
export async function pullOnly(ctx: AppContext, client: pg.ClientBase, o: SyncOptions): Promise<SyncResult> {
  const out = emptyResult();
  await pull(ctx, client, o, out);
  return out;
}

/** Sends sets; a set the desk refuses (row-level security: not this analyst's to make) is noted, and the rest still go. */
async function send(client: pg.ClientBase, me: string, sets: OutgoingSet[], out: SyncResult, onSent?: (n: number) => void): Promise<void> {
  try {
    await insertSets(client, me, sets);
    out.sent += sets.length;
    onSent?.(sets.length);
  } catch (err) {
    if ((err as { code?: string }).code !== '42501' || sets.length === 1) {
      if ((err as { code?: string }).code === '42501') out.refused.push(sets[0]?.label ?? '');
      else throw err;
      return;
    }
    for (const s of sets) await send(client, me, [s], out, onSent);
  }
}

/**
 * Notes, before the first pull, what this workspace holds as it joins: the last change-log entry (every later one
 * goes by the log) and each table's last row (rows after it came from the desk, or were made since and go by the
 * log: neither is sent again as "from before the desk"). Both in one step, so no change falls between them.
 */
function noteJoining(ctx: AppContext): void {
  const { db } = ctx.workspace;
  if (getSetting(db, KEYS.pushedThrough) !== null) return;
  db.transaction(() => {
    setSetting(db, KEYS.baselineUpto, JSON.stringify(Object.fromEntries(SYNCED_TABLES.map((t) => [t, lastRowId(db, t)]))));
    setSetting(db, KEYS.pushedThrough, String(lastLogId(db)));
  })();
}

/** Bytes of rows per send while sending what was here before the desk (one desk transaction each). */
const BASELINE_SEND_BYTES = 4 * 2 ** 20;

async function sendBaseline(ctx: AppContext, client: pg.ClientBase, o: SyncOptions, out: SyncResult): Promise<void> {
  const { db } = ctx.workspace;
  const own = workspaceUid(ctx);
  if (getSetting(db, KEYS.baseline) === 'done') return;
  // A workspace that began its baseline with an older Parley noted no last rows: it sends every row, as then.
  const upto = JSON.parse(getSetting(db, KEYS.baselineUpto) ?? '{}') as Partial<Record<string, number>>;
  const limit = o.baselineRows ?? 2_000;
  let [tableIndex, afterId] = (getSetting(db, KEYS.baseline) ?? '0:0').split(':').map(Number) as [number, number];
  while (tableIndex < SYNCED_TABLES.length) {
    const table = present(SYNCED_TABLES[tableIndex], 'a synced table');
    const last = upto[table] ?? Infinity;
    // Several sets of rows per send, up to a few megabytes: one desk transaction (and disk flush) for all of them.
    const sets: OutgoingSet[] = [];
    let bytes = 0;
    let lastId = afterId;
    while (bytes < BASELINE_SEND_BYTES) {
      const rows = rowsPage(db, table, lastId, limit).filter((r) => Number(r.id) <= last);
      if (rows.length === 0) break;
      const changes = rows.map((r) => portableCreate(db, table, r, o.me)).filter((c): c is PortableChange => c !== null);
      const first = Number(rows[0]?.id);
      lastId = Number(rows[rows.length - 1]?.id);
      if (changes.length === 0) continue;
      // The uid names the rows' range: a set re-sent after a cut is stored once, whatever the page size then.
      const uid = `${own}.base.${table}.${first}-${lastId}`;
      sets.push({ uid, origin: own, atMs: ctx.now().getTime(), label: `Rows of ${table} from before the desk`, changes });
      for (const r of rows) for (const v of Object.values(r)) bytes += typeof v === 'string' ? v.length : 8;
    }
    if (lastId === afterId) {
      tableIndex++;
      afterId = 0;
    } else {
      await send(client, o.me, sets, out, o.onSent);
      afterId = lastId;
    }
    setSetting(db, KEYS.baseline, `${tableIndex}:${afterId}`);
  }
  setSetting(db, KEYS.baseline, 'done');
}

async function sendLog(ctx: AppContext, client: pg.ClientBase, o: SyncOptions, out: SyncResult): Promise<void> {
  const { db } = ctx.workspace;
  const own = workspaceUid(ctx);
  const batch = o.batch ?? 500;
  for (;;) {
    const after = numberSetting(ctx, KEYS.pushedThrough);
    const pending = pendingSets(db, after, batch);
    if (pending.length === 0) return;
    const sets: OutgoingSet[] = [];
    for (const p of pending) {
      const changes = portableChangesOfSet(db, p.setId, o.me, { from: p.firstLogId, to: p.lastLogId });
      // The set's uid and its entries: a set an import is still adding to goes in parts, each stored once, and a
      // part sent again after a cut (with what was added since) is a different part, never a shortened copy.
      const uid = `${p.uid}#${p.firstLogId}-${p.lastLogId}`;
      if (changes.length > 0) sets.push({ uid, origin: own, atMs: p.atMs, label: p.label, changes });
    }
    await send(client, o.me, sets, out, o.onSent);
    setSetting(db, KEYS.pushedThrough, String(Math.max(...pending.map((p) => p.lastLogId))));
  }
}

/** The outlet grades and changed grade factors from before the desk, as one set (sent once). */
async function sendValueBaseline(
  ctx: AppContext,
  client: pg.ClientBase,
  o: SyncOptions,
  out: SyncResult,
  changes: ValueChange[],
): Promise<void> {
  const { db } = ctx.workspace;
  const own = workspaceUid(ctx);
  const label = 'Outlet grades and grade factors from before the desk';
  if (changes.length > 0)
    await send(client, o.me, [{ uid: `${own}.base.values`, origin: own, atMs: ctx.now().getTime(), label, changes }], out, o.onSent);
  setSetting(db, KEYS.valueBaseline, 'done');
}

/** One round: pull, then send. Throws when the desk cannot be reached (what was done before the cut stays done). */
export async function syncOnce(ctx: AppContext, client: pg.ClientBase, o: SyncOptions): Promise<SyncResult> {
  const out = emptyResult();
  // An empty laptop starts from the desk's snapshot, where it has one: the sets after it are then pulled as usual.
  if (o.snapshot !== false) out.snapshot = await takeSnapshot(ctx, client, o);
  noteJoining(ctx);
  // Read before the pull: this laptop's own values, not the colleagues' it is about to take (sent back, they would
  // read as a decision of this laptop's and clash with a colleague's newer one).
  const values = getSetting(ctx.workspace.db, KEYS.valueBaseline) === 'done' ? null : valueBaseline(ctx.workspace.db);
  await pull(ctx, client, o, out);
  await sendBaseline(ctx, client, o, out);
  if (values) await sendValueBaseline(ctx, client, o, out, values);
  await sendLog(ctx, client, o, out);
  if (out.refused.length > 0) {
    const db = ctx.workspace.db;
    const before = JSON.parse(getSetting(db, KEYS.refused) ?? '[]') as string[];
    setSetting(db, KEYS.refused, JSON.stringify([...before, ...out.refused].slice(-50)));
  }
  return out;
}
