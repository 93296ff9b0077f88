/**
 * A desk conflict on a shared row's column ('desk-row' in the merge review):
 * how it reads, and taking the colleague's value, which is an ordinary change
 * of this laptop's (undoable, and sent to the desk like any other).
 */
import { ApiError } from '../../../shared/api/errors';
import { writeColumns } from '../../db/changeLog';
import type { Db } from '../../db/connection';
import { idOf, isSyncedTable, rowById, type SyncedTable } from '../../db/deskLocal';
import type { ChangeRecorder } from '../undo';

const NOUNS: Record<SyncedTable, string> = {
  actors: 'actor',
  actor_aliases: 'alias',
  relationships: 'relationship',
  codes: 'code',
  articles: 'article',
  events: 'event',
  annotations: 'passage',
  adjudicated_articles: 'adjudicated article',
  adjudications: 'adjudication',
};

function parseSubject(subject: string): { table: SyncedTable; uid: string; column: string } | null {
  const parsed = JSON.parse(subject) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [table, uid, column] = parsed.map(String) as [string, string, string];
  return isSyncedTable(table) ? { table, uid, column } : null;
}

function rowName(db: Db, table: SyncedTable, uid: string): string {
  const id = idOf(db, table, uid);
  const row = id === null ? null : rowById(db, table, id);
  const name = row?.name ?? row?.title ?? row?.code ?? row?.alias;
  return name === undefined || name === null ? `${NOUNS[table]} ${uid}` : `${NOUNS[table]} “${String(name)}”`;
}

export function deskRowLabel(db: Db, subject: string): string {
  const s = parseSubject(subject);
  if (!s) return 'A shared value';
  return `${s.column.replace(/_/g, ' ')} of ${rowName(db, s.table, s.uid)}`;
}

export function deskRowValue(v: Record<string, unknown>): string {
  return v.value === null || v.value === undefined ? '(none)' : String(v.value);
}

export function takeDeskRowValue(db: Db, rec: ChangeRecorder, subject: string, theirs: Record<string, unknown>): void {
  const s = parseSubject(subject);
  const id = s ? idOf(db, s.table, s.uid) : null;
  if (!s || id === null)
    throw new ApiError('NOT_FOUND', 'What this conflict was about is no longer in this workspace; keep yours instead.');
  rec.willChange(s.table, NOUNS[s.table], id);
  writeColumns(db, s.table, id, { [s.column]: theirs.value });
}
