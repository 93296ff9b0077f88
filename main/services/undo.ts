/**
 * Undo and redo over the persistent change log. A change set is one analyst
 * action; its entries hold whole-row snapshots (table, before, after), so any
 * table's changes can be reversed the same way. Undo and redo are change sets
 * of their own: nothing in the log is ever rewritten or deleted, and the undo
 * and redo stacks are recomputed from the log, so they survive a restart.
 */
import { ApiError } from '../../shared/api/errors';
import type { HistoryState } from '../../shared/api/schemas';
import {
  deleteRow,
  getChangeSet,
  insertSnapshot,
  iterateChangeSetsNewestFirst,
  logRowChange,
  openChangeSet,
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

export interface ChangeRecorder {
  /** Call before changing or deleting row `id` of `table`. */
  willChange(table: string, entity: string, id: number): void;
  /** Call after inserting row `id` of `table`. */
  created(table: string, entity: string, id: number): void;
}

interface Touched {
  table: string;
  entity: string;
  id: number;
  before: RowSnapshot | null;
}

function sameRow(a: RowSnapshot | null, b: RowSnapshot | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs `fn` in one transaction and logs every row it declared through the
 * recorder as one undoable change set labelled `label` (what the analyst did,
 * e.g. "Tag “…” as Threat"). Other modules (codebook, actors, event grouping)
 * make their changes undoable by going through here.
 */
export function recordUndoable<T>(ctx: AppContext, label: string | ((result: T) => string), fn: (rec: ChangeRecorder) => T): T {
  const { db } = ctx.workspace;
  return db
    .transaction(() => {
      const touched = new Map<string, Touched>();
      const rec: ChangeRecorder = {
        willChange(table, entity, id) {
          const key = `${table}:${id}`;
          if (!touched.has(key)) touched.set(key, { table, entity, id, before: snapshotRow(db, table, id) });
        },
        created(table, entity, id) {
          const key = `${table}:${id}`;
          if (!touched.has(key)) touched.set(key, { table, entity, id, before: null });
        },
      };
      const result = fn(rec);
      const atMs = ctx.now().getTime();
      const changes = [...touched.values()]
        .map((t) => ({ ...t, after: snapshotRow(db, t.table, t.id) }))
        .filter((t) => !sameRow(t.before, t.after));
      if (changes.length > 0) {
        const setId = openChangeSet(db, { kind: 'do', label: typeof label === 'string' ? label : label(result), atMs });
        for (const c of changes)
          logRowChange(db, { setId, table: c.table, entity: c.entity, entityId: c.id, before: c.before, after: c.after, atMs });
      }
      return result;
    })
    .immediate();
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

function changedColumns(from: RowSnapshot, to: RowSnapshot): string[] {
  return Object.keys(to).filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]));
}

function pick(row: RowSnapshot, cols: readonly string[]): RowSnapshot {
  return Object.fromEntries(cols.map((c) => [c, row[c]]));
}

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

/**
 * Moves one row from state `from` to state `to` (either may be null: the row
 * absent), refusing when the row is no longer in state `from`. Only the
 * columns that differ are written, so columns kept by triggers (counts) stay right.
 */
function moveRow(db: Db, c: RowChange, from: RowSnapshot | null, to: RowSnapshot | null, what: string): void {
  const current = snapshotRow(db, c.table, c.entityId);
  if (from === null) {
    if (current !== null) throw new ApiError('CONFLICT', `“${what}” ${CHANGED_SINCE}`);
    if (to === null) return; // absent before and after: nothing to move
    if (c.table === 'annotations' && !annotationStillFits(db, to)) {
      throw new ApiError(
        'CONFLICT',
        `“${what}” cannot be undone any more: the article's text at that passage is no longer what was tagged.`,
      );
    }
    try {
      insertSnapshot(db, c.table, to);
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
  if (to === null) {
    deleteRow(db, c.table, c.entityId);
    return;
  }
  const cols = changedColumns(from, to);
  if (!sameRow(pick(current, cols), pick(from, cols))) throw new ApiError('CONFLICT', `“${what}” ${CHANGED_SINCE}`);
  writeColumns(db, c.table, c.entityId, pick(to, cols));
}

function applySet(ctx: AppContext, target: ChangeSet, kind: 'undo' | 'redo'): ChangeSet {
  const { db } = ctx.workspace;
  const atMs = ctx.now().getTime();
  const entries = rowChangesOfSet(db, target.id);
  const setId = openChangeSet(db, { kind, label: target.label, reversesSetId: target.id, atMs });
  // Undo walks backwards so that rows are removed before what they refer to; redo walks forwards.
  const ordered = kind === 'undo' ? [...entries].reverse() : entries;
  for (const c of ordered) {
    const [from, to] = kind === 'undo' ? [c.after, c.before] : [c.before, c.after];
    const before = snapshotRow(db, c.table, c.entityId);
    moveRow(db, c, from, to, target.label);
    logRowChange(db, {
      setId,
      table: c.table,
      entity: c.entity,
      entityId: c.entityId,
      before,
      after: snapshotRow(db, c.table, c.entityId),
      atMs,
    });
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
    (touched[c.entity] ??= []).push(c.entityId);
    const row = c.after ?? c.before;
    if (c.table === 'articles') articleIds.add(c.entityId);
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
    recent: recentChangeSets(db, limit).map((s) => ({ id: s.id, atMs: s.atMs, kind: s.kind, label: s.label, analyst: s.analyst })),
  };
}
