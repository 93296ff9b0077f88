/**
 * One round of desk sync: pull every colleague's change set after this
 * laptop's cursor, in the desk's order, in batches (each batch applied and the
 * cursor moved in one SQLite transaction, so a cut mid-pull loses nothing and
 * repeats nothing); then send what was here before the workspace joined (once),
 * then every local change set not yet sent. A set's uid is fixed before it is
 * sent, and the desk stores a uid once, so a send cut after the desk committed
 * but before this laptop noted it is simply sent again, harmlessly.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { countSetsAfter, insertSets, setsAfter, type OutgoingSet } from '../../db/deskServer';
import { countPendingSets, isApplied, lastLogId, markApplied, pendingSets, rowsPage, SYNCED_TABLES } from '../../db/deskLocal';
import { recordPulledSet } from '../../db/deskShared';
import { getSetting, setSetting } from '../../db/exchange';
import { present } from '../../../shared/domain/present';
import type { AppContext } from '../context';
import { applyPortableSet, type ApplyOutcome } from './apply';
import { portableChangesOfSet, portableCreate, type PortableChange } from './portable';
import { valueBaseline, type ValueChange } from './sharedValues';

const KEYS = {
  workspaceUid: 'desk.workspaceUid',
  pulledThrough: 'desk.pulledThrough',
  /** The last change-log entry sent (entries, not sets: a set an import is still adding to goes in parts). */
  pushedThrough: 'desk.pushedThrough',
  /** "<table index>:<last id>" of the rows from before the desk sent so far; "done" once all are. */
  baseline: 'desk.baseline',
  /** "done" once the outlet grades and grade factors from before the desk went (a set of their own). */
  valueBaseline: 'desk.valueBaseline',
  refused: 'desk.refused',
} as const;

export interface SyncOptions {
  /** The analyst's desk name (their PostgreSQL role). */
  me: string;
  /** Sets per pull batch and per send. */
  batch?: number;
  /** Rows per set when sending what was here before the desk. */
  baselineRows?: number;
  onProgress?(p: { done: number; total: number }): void;
  /** After each send the desk committed (tests cut the connection here). */
  onSent?(sets: number): void;
}

export interface SyncResult {
  pulled: number;
  sent: number;
  conflicts: number;
  notApplied: string[];
  refused: string[];
}

/** This workspace's name on the desk: the origin of every set it sends, and the prefix of their uids. */
export function workspaceUid(ctx: AppContext): string {
  const { db } = ctx.workspace;
  let uid = getSetting(db, KEYS.workspaceUid);
  if (!uid) {
    uid = crypto.randomUUID();
    setSetting(db, KEYS.workspaceUid, uid);
  }
  return uid;
}

const numberSetting = (ctx: AppContext, key: string) => Number(getSetting(ctx.workspace.db, key) ?? 0);

/** Change sets made here and not yet sent (0 once everything went). */
export function unsentCount(ctx: AppContext): number {
  const { db } = ctx.workspace;
  const baseline = getSetting(db, KEYS.baseline) === 'done' ? 0 : 1;
  const through = getSetting(db, KEYS.pushedThrough);
  return baseline + countPendingSets(db, through === null ? 0 : Number(through));
}

async function pull(ctx: AppContext, client: pg.ClientBase, o: SyncOptions, out: SyncResult): Promise<void> {
  const { db } = ctx.workspace;
  const own = workspaceUid(ctx);
  const batch = o.batch ?? 500;
  const total = await countSetsAfter(client, numberSetting(ctx, KEYS.pulledThrough));
  let done = 0;
  o.onProgress?.({ done, total });
  for (;;) {
    const cursor = numberSetting(ctx, KEYS.pulledThrough);
    const sets = await setsAfter(client, cursor, batch);
    if (sets.length === 0) return;
    const outcome: ApplyOutcome = { changed: 0, conflicts: 0, notApplied: [] };
    const nowMs = ctx.now().getTime();
    db.transaction(() => {
      for (const set of sets) {
        if (set.origin === own || isApplied(db, set.uid)) continue;
        const before = outcome.changed + outcome.conflicts;
        applyPortableSet(db, set, o.me, nowMs, outcome);
        // A set that changed something here is listed in History as its analyst's, never on this one's undo stack.
        markApplied(db, set.uid, set.seq, outcome.changed + outcome.conflicts > before ? recordPulledSet(db, set) : null);
        out.pulled++;
      }
      setSetting(db, KEYS.pulledThrough, String(sets[sets.length - 1]?.seq ?? cursor));
    }).immediate();
    out.conflicts += outcome.conflicts;
    out.notApplied.push(...outcome.notApplied);
    done += sets.length;
    o.onProgress?.({ done: Math.min(done, Math.max(total, done)), total: Math.max(total, done) });
  }
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

async function sendBaseline(ctx: AppContext, client: pg.ClientBase, o: SyncOptions, out: SyncResult): Promise<void> {
  const { db } = ctx.workspace;
  const own = workspaceUid(ctx);
  if (getSetting(db, KEYS.baseline) === 'done') return;
  // What was here when the desk was joined goes as rows; every change after it goes by the log.
  if (getSetting(db, KEYS.pushedThrough) === null) setSetting(db, KEYS.pushedThrough, String(lastLogId(db)));
  const limit = o.baselineRows ?? 500;
  let [tableIndex, afterId] = (getSetting(db, KEYS.baseline) ?? '0:0').split(':').map(Number) as [number, number];
  while (tableIndex < SYNCED_TABLES.length) {
    const table = present(SYNCED_TABLES[tableIndex], 'a synced table');
    const rows = rowsPage(db, table, afterId, limit);
    if (rows.length === 0) {
      tableIndex++;
      afterId = 0;
    } else {
      const changes = rows.map((r) => portableCreate(db, table, r, o.me)).filter((c): c is PortableChange => c !== null);
      const first = Number(rows[0]?.id);
      if (changes.length > 0) {
        const set = {
          uid: `${own}.base.${table}.${first}`,
          origin: own,
          atMs: ctx.now().getTime(),
          label: `Rows of ${table} from before the desk`,
          changes,
        };
        await send(client, o.me, [set], out, o.onSent);
      }
      afterId = Number(rows[rows.length - 1]?.id);
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
  const out: SyncResult = { pulled: 0, sent: 0, conflicts: 0, notApplied: [], refused: [] };
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
