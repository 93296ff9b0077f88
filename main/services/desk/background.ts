/**
 * Sync in the background and what the window shows of it: synced, N to send,
 * offline since …, and a first sync's progress. One round at a time per
 * workspace; a round that cannot reach the desk leaves everything here as it
 * was (changes keep queuing) and is tried again at the next tick.
 */
import type { DeskStatus } from '../../../shared/api/desk';
import type { AppContext } from '../context';
import { countDeskNearDuplicates } from '../../db/deskShared';
import { connectDesk, deskPassword, loadDeskConfig } from './connection';
import { deskErrorText } from './errors';
import { refusedSets, syncOnce, unsentCount } from './sync';

interface DeskState {
  running: Promise<void> | null;
  lastSyncAtMs: number | null;
  offlineSinceMs: number | null;
  progress: { done: number; total: number } | null;
  error: string | null;
  notApplied: number;
  pulled: number;
}

const states = new WeakMap<AppContext, DeskState>();

function stateOf(ctx: AppContext): DeskState {
  let s = states.get(ctx);
  if (!s)
    states.set(
      ctx,
      (s = { running: null, lastSyncAtMs: null, offlineSinceMs: null, progress: null, error: null, notApplied: 0, pulled: 0 }),
    );
  return s;
}

export function deskStatus(ctx: AppContext): DeskStatus {
  const config = loadDeskConfig(ctx);
  const s = stateOf(ctx);
  const toSend = config ? unsentCount(ctx) : 0;
  const state = !config
    ? 'off'
    : s.running
      ? 'syncing'
      : s.offlineSinceMs !== null
        ? 'offline'
        : s.lastSyncAtMs === null
          ? 'waiting'
          : toSend > 0
            ? 'to-send'
            : 'synced';
  return {
    state,
    desk: config ? `${config.user}@${config.host}:${config.port}/${config.database}` : null,
    toSend,
    lastSyncAtMs: s.lastSyncAtMs,
    offlineSinceMs: s.offlineSinceMs,
    progress: s.progress,
    error: s.error,
    notApplied: s.notApplied,
    pulled: s.pulled,
    refused: config ? refusedSets(ctx) : [],
    nearDuplicates: countDeskNearDuplicates(ctx.workspace.db),
  };
}

async function round(ctx: AppContext, s: DeskState): Promise<void> {
  const config = loadDeskConfig(ctx);
  if (!config) return;
  try {
    const client = await connectDesk(config, deskPassword(ctx, config.user));
    try {
      const r = await syncOnce(ctx, client, { me: config.user, onProgress: (p) => (s.progress = p.total > 0 ? p : null) });
      s.notApplied += r.notApplied.length;
      // The sets a snapshot brought count as pulled: the window refreshes what it shows.
      s.pulled += r.pulled + (r.snapshot?.taken?.sets ?? 0);
      s.lastSyncAtMs = ctx.now().getTime();
      s.offlineSinceMs = null;
      s.error = r.refused.length
        ? `The desk refused ${r.refused.length} change(s) as not yours to make: ${r.refused.slice(0, 3).join('; ')}.`
        : r.snapshot?.skipped
          ? // Nothing is missing (every set came by replay), but a snapshot that cannot be used is the desk IT's to remake.
            `The first sync replayed every change set: ${r.snapshot.skipped}. Tell the desk’s IT (npm run cli -- desk snapshot).`
          : null;
    } finally {
      await client.end().catch(() => {});
    }
  } catch (err) {
    // Unreachable, or cut mid-round: what was applied or sent stays so; the rest goes next time.
    s.offlineSinceMs ??= ctx.now().getTime();
    s.error = deskErrorText(err, config);
  } finally {
    s.progress = null;
  }
}

/** One round now (or the one already running); resolves with the status after it. */
export async function syncNow(ctx: AppContext): Promise<DeskStatus> {
  const s = stateOf(ctx);
  s.running ??= round(ctx, s).finally(() => (s.running = null));
  await s.running;
  return deskStatus(ctx);
}

/** Syncs every `intervalMs` while the workspace is open; returns the function that stops it. */
export function startBackgroundSync(ctx: AppContext, intervalMs = 5_000): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const next = () => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    if (!loadDeskConfig(ctx) || !ctx.workspace.db.open) return next();
    syncNow(ctx).then(next, next);
  };
  timer = setTimeout(tick, 0);
  timer.unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
