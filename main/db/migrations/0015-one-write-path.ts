import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from './types';

/**
 * One write path (issue 20): every change is an entry of a change set.
 *
 * - change_sets.uid: a globally unique id, so that sets can be exchanged
 *   between laptops (the local id is only an order); old sets get one here.
 * - change_sets.history_only: sets folded in from the plain log entries made
 *   before this version. They are listed in History but stay off the undo and
 *   redo stacks: their entries hold partial snapshots of domain objects, not
 *   rows, and they get ids newer than every existing set, so counting them on
 *   the stacks would put an old import above the analyst's last action.
 * - change_log.row_key: the key of rows keyed by text (grades, outlets,
 *   settings); entity_id is 0 for those.
 * - The label of a set may be rewritten (an import's save spans several
 *   transactions and names its final count); nothing else ever changes.
 */
export const oneWritePath: Migration = {
  version: 15,
  name: 'one-write-path',
  up(db) {
    db.exec(`
      DROP TRIGGER change_sets_no_update;
      DROP TRIGGER change_log_no_update;
      ALTER TABLE change_sets ADD COLUMN uid TEXT NOT NULL DEFAULT '';
      ALTER TABLE change_sets ADD COLUMN history_only INTEGER NOT NULL DEFAULT 0 CHECK (history_only IN (0, 1));
      ALTER TABLE change_log ADD COLUMN row_key TEXT;
    `);
    const setUid = db.prepare('UPDATE change_sets SET uid = ? WHERE id = ?');
    for (const id of db.prepare('SELECT id FROM change_sets').pluck().all() as number[]) setUid.run(randomUUID(), id);
    foldPlainEntries(db);
    db.exec(`
      CREATE UNIQUE INDEX change_sets_uid ON change_sets (uid);
      CREATE INDEX change_sets_at ON change_sets (at_ms, id);
      CREATE INDEX change_sets_reverses ON change_sets (reverses_set_id) WHERE reverses_set_id IS NOT NULL;
      CREATE TRIGGER change_sets_no_update BEFORE UPDATE OF id, uid, at_ms, kind, reverses_set_id, analyst, history_only ON change_sets BEGIN
        SELECT RAISE(ABORT, 'the change log is append-only');
      END;
      CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN
        SELECT RAISE(ABORT, 'the change log is append-only');
      END;
    `);
  },
};

interface Plain {
  id: number;
  at_ms: number;
  entity: string;
  action: 'create' | 'update' | 'delete';
}

const VERB = { create: 'added', update: 'changed', delete: 'deleted' } as const;

/** "Added 40 articles, changed 1 reliability grade", from what the entries say. */
export function foldedLabel(entries: readonly Plain[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(`${e.action}\t${e.entity}`, (counts.get(`${e.action}\t${e.entity}`) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => {
    const [action, entity] = k.split('\t') as [Plain['action'], string];
    const noun = entity.replace(/_/g, ' ');
    return `${VERB[action]} ${n} ${noun}${n === 1 ? '' : 's'}`;
  });
  const text = parts.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (recorded before undo covered it)`;
}

/**
 * Plain entries written in one go (one import chunk, one merge, one article)
 * share their time: each run of consecutive entries with the same time becomes
 * one set, under the analyst named now (the best knowledge there is).
 */
function foldPlainEntries(db: Database.Database): void {
  const analyst = (db.prepare("SELECT value FROM settings WHERE key = 'analyst.name'").pluck().get() as string | undefined) ?? '';
  const openSet = db.prepare("INSERT INTO change_sets (at_ms, kind, label, analyst, uid, history_only) VALUES (?, 'do', ?, ?, ?, 1)");
  const attach = db.prepare('UPDATE change_log SET set_id = ? WHERE id BETWEEN ? AND ? AND set_id IS NULL');
  let run: Plain[] = [];
  const flush = () => {
    const first = run[0];
    const last = run.at(-1);
    if (!first || !last) return;
    const setId = Number(openSet.run(first.at_ms, foldedLabel(run), analyst, randomUUID()).lastInsertRowid);
    attach.run(setId, first.id, last.id);
    run = [];
  };
  const rows = db.prepare('SELECT id, at_ms, entity, action FROM change_log WHERE set_id IS NULL ORDER BY id').all() as Plain[];
  for (const r of rows) {
    if (run.length > 0 && run[0]?.at_ms !== r.at_ms) flush();
    run.push(r);
  }
  flush();
}
