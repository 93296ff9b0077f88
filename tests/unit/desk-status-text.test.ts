/** How the desk's status reads in the top bar: each state, and no flicker to "syncing" during a routine round. */
import { describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api/desk';
import { clockAndDate, deskDetail, deskLine, progressText } from '../../renderer/src/components/desk/deskText';

const at = new Date(2026, 11, 1, 9, 5).getTime();
const base: DeskStatus = {
  state: 'synced',
  desk: 'alice@127.0.0.1:5432/parley',
  toSend: 0,
  lastSyncAtMs: at,
  offlineSinceMs: null,
  progress: null,
  error: null,
  notApplied: 0,
  pulled: 0,
  nearDuplicates: 0,
  refused: [],
};

describe('deskLine', () => {
  it('says synced, N to send, offline since HH:MM (date), off, connecting, and a pull’s progress', () => {
    expect(deskLine(base)).toEqual({ text: 'Desk: synced', tone: 'ok' });
    expect(deskLine({ ...base, state: 'to-send', toSend: 3 })).toEqual({ text: 'Desk: 3 to send', tone: 'busy' });
    expect(deskLine({ ...base, state: 'offline', offlineSinceMs: at })).toEqual({
      text: 'Desk: offline since 09:05 (1 Dec)',
      tone: 'warn',
    });
    expect(deskLine({ ...base, state: 'off', desk: null })).toEqual({ text: 'Desk: off', tone: 'off' });
    expect(deskLine({ ...base, state: 'waiting', lastSyncAtMs: null }).text).toBe('Desk: connecting…');
    expect(deskLine({ ...base, state: 'syncing', progress: { done: 500, total: 1200 } }).text).toBe('Desk: syncing 41%');
    expect(deskDetail({ ...base, state: 'syncing', progress: { done: 500, total: 1200 } })).toContain('500 of 1,200 change sets pulled.');
    // After a large pull, the indexes it set aside are built: the line says so, and the detail says what waits.
    const indexing = { ...base, state: 'syncing' as const, progress: { done: 30, total: 120, stage: 'index' as const } };
    expect(deskLine(indexing).text).toBe('Desk: indexing for search 25%');
    expect(deskDetail(indexing).join(' ')).toMatch(/building the search index \(step 30 of 120\)\. Until it ends, search may miss/);
    // A first sync from the desk's snapshot counts bytes of one file.
    const snapshot = {
      ...base,
      state: 'syncing' as const,
      progress: { done: 300 * 2 ** 20, total: 1200 * 2 ** 20, stage: 'snapshot' as const },
    };
    expect(deskLine(snapshot).text).toBe('Desk: downloading the corpus 25%');
    expect(progressText(snapshot.progress)).toBe('300 of 1,200 MB of the desk’s corpus');
    expect(progressText({ done: 3, total: 9 })).toBe('3 of 9 change sets');
    expect(deskDetail(snapshot).join(' ')).toMatch(/downloading the desk's corpus as one file \(300 of 1,200 MB/);
  });

  it('a routine round keeps the last outcome on screen; a first round says syncing', () => {
    expect(deskLine({ ...base, state: 'syncing' }).text).toBe('Desk: synced');
    expect(deskLine({ ...base, state: 'syncing', toSend: 2 }).text).toBe('Desk: 2 to send');
    expect(deskLine({ ...base, state: 'syncing', offlineSinceMs: at }).text).toBe('Desk: offline since 09:05 (1 Dec)');
    expect(deskLine({ ...base, state: 'syncing', lastSyncAtMs: null }).text).toBe('Desk: syncing…');
  });
});

describe('clockAndDate and deskDetail', () => {
  it('adds the year only when it is not this one', () => {
    expect(clockAndDate(at, new Date(2026, 11, 2))).toBe('09:05 (1 Dec)');
    expect(clockAndDate(at, new Date(2027, 0, 2))).toBe('09:05 (1 Dec 2026)');
  });
  it('names the desk, the last sync, what waits, the error and what could not be made here', () => {
    expect(deskDetail({ ...base, toSend: 1, error: 'Nothing answers at x:1.', notApplied: 2 })).toEqual([
      'Desk alice@127.0.0.1:5432/parley.',
      `Last synced at ${clockAndDate(at)}.`,
      '1 change set of yours to send.',
      'Nothing answers at x:1.',
      '2 changes from colleagues could not be made here (the row was deleted here).',
    ]);
  });
});
