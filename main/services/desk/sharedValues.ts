/**
 * Shared values the score reads that are keyed by text, not by a row id: an
 * outlet's grade (outlet_grades, by outlet name) and a grade's factor
 * (reliability_grades, by letter). The desk carries each as one value per key,
 * `{ t, u: key, a: 'u', v: { col: new }, b: { col: old } }`, where an outlet
 * without a grade is `null` (grading one for the first time and removing a
 * grade are the same kind of change). A value changed here and on the desk
 * while apart is never overwritten: ours stays and the colleague's waits in
 * the merge review under the merge's own kinds (`outlet-grade`,
 * `grade-factor`), whose "keep theirs" is already an ordinary undoable change.
 */
import type { RowChange } from '../../db/changeLog';
import type { Db } from '../../db/connection';
import { changedHere } from '../../db/deskLocal';
import { changedGradeFactors, gradeFactor } from '../../db/deskShared';
import * as repo from '../../db/reliability';
import type { SettingConflictKind } from '../../db/settingConflicts';

interface ValueTable {
  /** The one column that travels. */
  column: 'grade' | 'factor';
  /** The merge review's kind for two values of one key. */
  kind: SettingConflictKind;
}

const VALUE_TABLES = {
  outlet_grades: { column: 'grade', kind: 'outlet-grade' },
  reliability_grades: { column: 'factor', kind: 'grade-factor' },
} as const satisfies Record<string, ValueTable>;

export type ValueTableName = keyof typeof VALUE_TABLES;
export const isValueTable = (t: string): t is ValueTableName => Object.hasOwn(VALUE_TABLES, t);

export interface ValueChange {
  t: ValueTableName;
  u: string;
  a: 'u';
  v: Record<string, unknown>;
  /** As it was before the change; absent for a value that was here before the desk (no "before" to compare). */
  b?: Record<string, unknown>;
}

/** The value of the key here: an outlet's grade (null when ungraded), a grade's factor (null for an unknown letter). */
export function currentValue(db: Db, t: ValueTableName, key: string): unknown {
  if (t === 'outlet_grades') return repo.getOutletGrade(db, key);
  return gradeFactor(db, key);
}

/**
 * A logged change of a value table as it travels, or null when it does not (its column did not change). A create
 * or update names the value as it is now (later entries of the log send later values, so the last one wins in
 * order), a delete the ungraded outlet.
 */
export function valueChangeOf(db: Db, rc: RowChange): ValueChange | null {
  if (rc.table === null || !isValueTable(rc.table) || typeof rc.key !== 'string') return null;
  const { column } = VALUE_TABLES[rc.table];
  if (rc.action === 'update' && !(rc.after && column in rc.after)) return null;
  const before = rc.action === 'create' ? null : (rc.before?.[column] ?? null);
  const after = rc.action === 'delete' ? null : rc.action === 'update' ? (rc.after?.[column] ?? null) : currentValue(db, rc.table, rc.key);
  if (JSON.stringify(before) === JSON.stringify(after)) return null;
  return { t: rc.table, u: rc.key, a: 'u', v: { [column]: after }, b: { [column]: before } };
}

/** What was here before the desk: every graded outlet, and the grades whose factor was ever changed from the seed. */
export function valueBaseline(db: Db): ValueChange[] {
  const outlets = repo.listOutletGrades(db).map((o): ValueChange => ({ t: 'outlet_grades', u: o.outlet, a: 'u', v: { grade: o.grade } }));
  // A seeded factor nobody changed is no one's decision: sending it would raise a conflict with a colleague who did.
  const grades = changedGradeFactors(db).map((g): ValueChange => ({
    t: 'reliability_grades',
    u: g.grade,
    a: 'u',
    v: { factor: g.factor },
  }));
  return [...outlets, ...grades];
}

export function isValueChange(c: unknown): c is ValueChange {
  const x = c as ValueChange | null;
  return !!x && typeof x.t === 'string' && isValueTable(x.t) && typeof x.u === 'string' && x.a === 'u' && !!x.v && typeof x.v === 'object';
}

/** A value the desk sent that this workspace can hold, or why not. */
function invalid(t: ValueTableName, key: string, value: unknown): string | null {
  if (t === 'outlet_grades') {
    if (key.length < 1 || key.length > 200) return 'an outlet name must be 1 to 200 characters';
    return value === null || (repo.GRADES as readonly unknown[]).includes(value) ? null : `“${String(value)}” is not a grade A to F`;
  }
  if (!(repo.GRADES as readonly string[]).includes(key)) return `“${key}” is not a grade A to F`;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? null : 'a factor must be between 0 and 1';
}

export interface ValueScope {
  db: Db;
  nowMs: number;
  /** Lists (or refreshes) the merge review's item for a key: ours and theirs as the merge kind's shape. */
  conflict(kind: SettingConflictKind, subject: string, ours: Record<string, unknown>, theirs: Record<string, unknown>): void;
  /** The desk now agrees with this laptop on the key: an item waiting on it is settled. */
  settled(kind: SettingConflictKind, subject: string): void;
  changed(): void;
  notApplied(why: string): void;
}

/** Applies one value change: taken, already equal, or a conflict when both sides changed it while apart. */
export function applyValueChange(s: ValueScope, c: ValueChange): void {
  const { column, kind } = VALUE_TABLES[c.t];
  const theirs = c.v[column] ?? null;
  const why = invalid(c.t, c.u, theirs);
  if (why) {
    s.notApplied(`${c.t} ${c.u}: ${why}.`);
    return;
  }
  const ours = currentValue(s.db, c.t, c.u);
  if (c.t === 'reliability_grades' && ours === null) return; // an unknown letter: refused above already
  if (JSON.stringify(ours) === JSON.stringify(theirs)) {
    s.settled(kind, c.u);
    return;
  }
  const stale = c.b !== undefined && JSON.stringify(c.b[column] ?? null) === JSON.stringify(ours);
  if (stale || !changedHere(s.db, c.t, c.u)) {
    if (c.t === 'outlet_grades') repo.setOutletGrade(s.db, c.u, theirs as repo.Grade | null, s.nowMs);
    else repo.setGradeFactor(s.db, c.u as repo.Grade, theirs as number, s.nowMs);
    s.changed();
    return;
  }
  s.conflict(kind, c.u, { [column]: ours }, { [column]: theirs });
}
