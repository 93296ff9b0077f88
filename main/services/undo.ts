/**
 * Undo and redo over the persistent change log. A change set is one analyst
 * action; its entries are compact (db/changeLog.ts: a create names the row, an
 * update holds the changed columns, a delete the full row), enough to reverse
 * any table's changes the same way. Undo and redo are change sets of their
 * own: nothing in the log is ever rewritten or deleted, and the undo and redo
 * stacks are recomputed from the log, so they survive a restart. The recorder
 * that services write through is in services/changeRecorder.ts.
 */
import { ApiError } from '../../shared/api/errors';
import type { HistoryState } from '../../shared/api/schemas';
import {
  changedColumns,
  createdRowContent,
  deleteRow,
  getChangeSet,
  insertSnapshot,
  iterateChangeSetsNewestFirst,
  logRowChange,
  openChangeSet,
  pick,
  recentChangeSets,
  rowChangesOfSet,
  snapshotRow,
  writeColumns,
  type ChangeSet,
  type RowChange,
  type RowSnapshot,
} from '../db/changeLog';
import type { Db } from '../db/connection';
import type { AppContext } from './context';
import { present } from '../../shared/domain/present';

export { recordUndoable, type ChangeRecorder } from './changeRecorder';

function sameRow(a: RowSnapshot | null, b: RowSnapshot | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The tops of the undo and redo stacks, read from the end of the log. Over the
 * log, 'do' pushes a set on the undo stack and clears the redo stack, 'undo'
 * pops the undo stack and pushes the set it reversed on the redo stack, and
 * 'redo' does the reverse. Walking back from the newest set and counting pops
 * not yet matched finds each top without replaying the whole log, so a
 * workspace with a million changes answers as fast as a new one (a replay read
 * every set: seconds and hundreds of MB at that size).
 */
export function stackTops(db: Db): { undo: ChangeSet | null; redo: ChangeSet | null } {
  let undoTop: number | null | undefined;
  let redoTop: number | null | undefined;
  let undoPops = 0;
  let redoPops = 0;
  for (const s of iterateChangeSetsNewestFirst(db)) {
    const reversed = s.reversesSetId;
    if (undoTop === undefined) {
      if (s.kind === 'undo') undoPops++;
      else if (undoPops > 0) undoPops--;
      else undoTop = s.kind === 'do' ? s.id : reversed;
    }
    if (redoTop === undefined) {
      if (s.kind === 'do')
        redoTop = null; // cleared here: nothing older can be redone
      else if (s.kind === 'redo') redoPops++;
      else if (redoPops > 0) redoPops--;
      else redoTop = reversed;
    }
    if (undoTop !== undefined && redoTop !== undefined) break;
  }
  const set = (id: number | null | undefined) => (id == null ? null : getChangeSet(db, id));
  return { undo: set(undoTop), redo: set(redoTop) };
}

const CHANGED_SINCE =
  'It cannot be undone any more because what it changed has been changed since in a way history does not cover (for example, its article was deleted or edited).';

/**
 * Row ids can be reused after a delete outside history (an article deleted and
 * another added), so a tag is only restored onto text that still reads as its quote.
 */
function annotationStillFits(db: Db, row: RowSnapshot): boolean {
  if (row.orphaned === 1) return true;
  const article = snapshotRow(db, 'articles', Number(row.article_id));
  if (!article) return true; // the foreign key refuses it with its own message
  const text = String(article.text);
  return text.slice(Number(row.start_offset), Number(row.end_offset)) === row.quote_exact;
}

function isForeignKeyFailure(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** What undoing or redoing one entry does to its row. */
type Move = { insert: RowSnapshot } | { remove: true } | { from: RowSnapshot; to: RowSnapshot };

function moveOf(db: Db, target: ChangeSet, c: RowChange & { table: string }, kind: 'undo' | 'redo'): Move {
  const undo = kind === 'undo';
  if (c.action === 'update') {
    const [from, to] = undo ? [c.after, c.before] : [c.before, c.after];
    if (from && to) return { from, to };
  } else if (c.action === 'delete') {
    if (!undo) return { remove: true };
    if (c.before) return { insert: c.before };
  } else {
    if (undo) return { remove: true };
    // Compact creates keep nothing of the row: the undo being redone deleted it and recorded it whole
    // (sets older than schema 15 also kept the row in the entry).
    const row = createdRowContent(db, target.id, c.table, c.key) ?? c.after;
    if (row) return { insert: row };
  }
  throw new ApiError('CONFLICT', `“${target.label}” cannot be ${kind === 'undo' ? 'undone' : 'redone'}: its history entry is incomplete.`);
}

/**
 * Moves one row as the entry says, refusing when the row is no longer in the
 * state the entry left it in. Only the columns that differ are written, so
 * columns kept by triggers (counts) stay right.
 */
function moveRow(db: Db, c: RowChange & { table: string }, move: Move, what: string): void {
  const current = snapshotRow(db, c.table, c.key);
  if ('insert' in move) {
    if (current !== null) throw new ApiError('CONFLICT', `“${what}” ${CHANGED_SINCE}`);
    if (c.table === 'annotations' && !annotationStillFits(db, move.insert)) {
      throw new ApiError(
        'CONFLICT',
        `“${what}” cannot be undone any more: the article's text at that passage is no longer what was tagged.`,
      );
    }
    try {
      insertSnapshot(db, c.table, move.insert);
    } catch (err) {
      if (isForeignKeyFailure(err)) {
        throw new ApiError(
          'CONFLICT',
          `“${what}” cannot be undone any more: it belongs to something that has been deleted since (an article, a code or an actor).`,
        );
      }
      throw err;
    }
    return;
  }
  if (current === null) throw new ApiError('CONFLICT', `“${what}” ${CHANGED_SINCE}`);
  if ('remove' in move) {
    deleteRow(db, c.table, c.key);
    return;
  }
  const cols = changedColumns(move.from, move.to);
  if (!sameRow(pick(current, cols), pick(move.from, cols))) throw new ApiError('CONFLICT', `“${what}” ${CHANGED_SINCE}`);
  writeColumns(db, c.table, c.key, pick(move.to, cols));
}

function applySet(ctx: AppContext, target: ChangeSet, kind: 'undo' | 'redo'): ChangeSet {
  const { db } = ctx.workspace;
  const atMs = ctx.now().getTime();
  const entries = rowChangesOfSet(db, target.id);
  const setId = openChangeSet(db, { kind, label: target.label, reversesSetId: target.id, atMs });
  // Undo walks backwards so that rows are removed before what they refer to; redo walks forwards.
  const ordered = kind === 'undo' ? [...entries].reverse() : entries;
  for (const c of ordered) {
    const { table } = c;
    if (table === null) throw new ApiError('CONFLICT', `“${target.label}” was recorded before undo covered it and cannot be undone.`);
    const row = { ...c, table };
    const move = moveOf(db, target, row, kind);
    const before = snapshotRow(db, table, c.key);
    moveRow(db, row, move, target.label);
    logRowChange(db, { setId, table, entity: c.entity, key: c.key, before, after: snapshotRow(db, table, c.key), atMs });
  }
  return present(getChangeSet(db, setId), `change set ${setId}, just recorded`);
}

export interface HistoryStep {
  kind: 'undo' | 'redo';
  label: string;
  /** Rows touched, by entity, e.g. { annotation: [3] } — what the renderer must refresh. */
  touched: Record<string, number[]>;
  articleIds: number[];
}

function summarize(db: Db, setId: number, kind: 'undo' | 'redo', label: string): HistoryStep {
  const touched: Record<string, number[]> = {};
  const articleIds = new Set<number>();
  for (const c of rowChangesOfSet(db, setId)) {
    if (typeof c.key === 'number') (touched[c.entity] ??= []).push(c.key);
    if (c.table === 'articles' && typeof c.key === 'number') articleIds.add(c.key);
    // A delete holds its whole row; other entries are compact, so the row (now moved) says which article it is in.
    const row = c.action === 'delete' ? c.before : c.table === null || c.table === 'articles' ? null : snapshotRow(db, c.table, c.key);
    if (row && typeof row.article_id === 'number') articleIds.add(row.article_id);
  }
  return { kind, label, touched, articleIds: [...articleIds] };
}

export function undoLast(ctx: AppContext): HistoryStep {
  const { db } = ctx.workspace;
  return db
    .transaction(() => {
      const top = stackTops(db).undo;
      if (!top) throw new ApiError('CONFLICT', 'There is nothing to undo.');
      const set = applySet(ctx, top, 'undo');
      return summarize(db, set.id, 'undo', top.label);
    })
    .immediate();
}

export function redoLast(ctx: AppContext): HistoryStep {
  const { db } = ctx.workspace;
  return db
    .transaction(() => {
      const top = stackTops(db).redo;
      if (!top) throw new ApiError('CONFLICT', 'There is nothing to redo.');
      const set = applySet(ctx, top, 'redo');
      return summarize(db, set.id, 'redo', top.label);
    })
    .immediate();
}

export function historyState(db: Db, limit: number): HistoryState {
  const { undo, redo } = stackTops(db);
  return {
    nextUndo: undo?.label ?? null,
    nextRedo: redo?.label ?? null,
    recent: recentChangeSets(db, limit).map((s) => ({
      id: s.id,
      atMs: s.atMs,
      kind: s.kind,
      label: s.label,
      analyst: s.analyst,
      // Recorded by a desk pull (db/deskShared.ts recordPulledSet).
      ...(s.uid.startsWith('desk:') ? { fromDesk: true } : {}),
    })),
  };
}
