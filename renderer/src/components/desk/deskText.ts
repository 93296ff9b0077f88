/** How the desk's status reads in the window's top bar (kept apart from React so that a unit test reads it). */
import type { DeskStatus } from '../../../../shared/api/desk';

export type DeskTone = 'ok' | 'busy' | 'warn' | 'off';

const two = (n: number) => String(n).padStart(2, '0');

/** "14:05 (1 Dec)", with the year when it is not this one. */
export function clockAndDate(ms: number, now = new Date()): string {
  const d = new Date(ms);
  const date = d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return `${two(d.getHours())}:${two(d.getMinutes())} (${date})`;
}

/**
 * The state to show: a routine round (one every few seconds, nothing to count) keeps the last round's outcome on
 * screen, so that the line does not flicker to "syncing" and back; a first sync or a long pull shows its progress.
 */
function shownState(s: DeskStatus): DeskStatus['state'] {
  if (s.state !== 'syncing' || s.progress) return s.state;
  if (s.offlineSinceMs !== null) return 'offline';
  if (s.lastSyncAtMs === null) return 'syncing';
  return s.toSend > 0 ? 'to-send' : 'synced';
}

const STAGE_WORDS = { sets: 'syncing', snapshot: 'downloading the corpus', index: 'indexing for search' } as const;

const megabytes = (bytes: number) => (bytes / 2 ** 20).toLocaleString('en', { maximumFractionDigits: bytes < 10 * 2 ** 20 ? 1 : 0 });

/** The progress bar's words for a screen reader: "D of T change sets", "D of T MB of the desk's corpus", … */
export function progressText(p: NonNullable<DeskStatus['progress']>): string {
  if (p.stage === 'snapshot') return `${megabytes(p.done)} of ${megabytes(p.total)} MB of the desk’s corpus`;
  return `${p.done} of ${p.total} ${p.stage === 'index' ? 'steps of the search index' : 'change sets'}`;
}

export function deskLine(s: DeskStatus): { text: string; tone: DeskTone } {
  switch (shownState(s)) {
    case 'off':
      return { text: 'Desk: off', tone: 'off' };
    case 'waiting':
      return { text: 'Desk: connecting…', tone: 'busy' };
    case 'syncing':
      // A percentage, short enough for the top bar; the bar beside it says "D of T change sets" to a screen reader.
      return {
        text: s.progress
          ? `Desk: ${STAGE_WORDS[s.progress.stage ?? 'sets']} ${Math.floor((100 * s.progress.done) / s.progress.total)}%`
          : 'Desk: syncing…',
        tone: 'busy',
      };
    case 'synced':
      return { text: 'Desk: synced', tone: 'ok' };
    case 'to-send':
      return { text: `Desk: ${s.toSend} to send`, tone: 'busy' };
    case 'offline':
      return { text: `Desk: offline since ${clockAndDate(s.offlineSinceMs ?? Date.now())}`, tone: 'warn' };
  }
}

/** The longer account the line's tooltip and the Desk dialog give: where, when last, what went wrong. */
export function deskDetail(s: DeskStatus): string[] {
  const out: string[] = [];
  if (s.desk) out.push(`Desk ${s.desk}.`);
  if (s.lastSyncAtMs !== null) out.push(`Last synced at ${clockAndDate(s.lastSyncAtMs)}.`);
  if (s.toSend > 0) out.push(`${s.toSend} change set${s.toSend === 1 ? '' : 's'} of yours to send.`);
  if (s.progress?.stage === 'index')
    out.push(
      `Everything is pulled; building the search index (step ${s.progress.done.toLocaleString('en')} of ${s.progress.total.toLocaleString('en')}). Until it ends, search may miss the desk's articles and your changes wait.`,
    );
  else if (s.progress?.stage === 'snapshot')
    out.push(
      `A first sync: downloading the desk's corpus as one file (${progressText(s.progress)}); then the changes made since come as usual.`,
    );
  else if (s.progress) out.push(`${s.progress.done.toLocaleString('en')} of ${s.progress.total.toLocaleString('en')} change sets pulled.`);
  if (s.error) out.push(s.error);
  if (s.notApplied > 0)
    out.push(`${s.notApplied} change${s.notApplied === 1 ? '' : 's'} from colleagues could not be made here (the row was deleted here).`);
  return out;
}
