/**
 * Where a workspace stands with its desk, kept in its settings: its name on the desk, how far it has pulled and
 * sent, and how far it has sent what was here before it joined. Apart from the round itself (sync.ts), so that a
 * first sync from a snapshot (snapshot.ts) can set them in the file it takes.
 */
import crypto from 'node:crypto';
import { getSetting, setSetting } from '../../db/settings';
import type { AppContext } from '../context';

export const DESK_KEYS = {
  workspaceUid: 'desk.workspaceUid',
  pulledThrough: 'desk.pulledThrough',
  /** The last change-log entry sent (entries, not sets: a set an import is still adding to goes in parts). */
  pushedThrough: 'desk.pushedThrough',
  /** "<table index>:<last id>" of the rows from before the desk sent so far; "done" once all are. */
  baseline: 'desk.baseline',
  /** Each table's last row id when the workspace joined (JSON): the rows "from before the desk". */
  baselineUpto: 'desk.baselineUpto',
  /** "done" once the outlet grades and grade factors from before the desk went (a set of their own). */
  valueBaseline: 'desk.valueBaseline',
  refused: 'desk.refused',
} as const;

/** This workspace's name on the desk: the origin of every set it sends, and the prefix of their uids. */
export function workspaceUid(ctx: AppContext): string {
  const { db } = ctx.workspace;
  let uid = getSetting(db, DESK_KEYS.workspaceUid);
  if (!uid) {
    uid = crypto.randomUUID();
    setSetting(db, DESK_KEYS.workspaceUid, uid);
  }
  return uid;
}

/** Whether this workspace has exchanged anything with a desk (its cursors then belong to that desk). */
export function hasSynced(ctx: AppContext): boolean {
  const { db } = ctx.workspace;
  return getSetting(db, DESK_KEYS.pulledThrough) !== null || getSetting(db, DESK_KEYS.pushedThrough) !== null;
}
