/**
 * The part of a merge that concerns shared things the score depends on: code
 * weights, grade factors, outlet grades and event groups. A value that differs
 * is taken from the colleague when nothing scored here depends on ours (a
 * fresh workspace takes everything); otherwise ours stays and the difference
 * waits as a conflict for the analyst (keep mine / keep theirs), never dropped.
 */
import { ApiError } from '../../../shared/api/errors';
import type { SettingConflict } from '../../../shared/api/settingConflicts';
import type { Db } from '../../db/connection';
import { getCode, getCodeByKey, updateCodeWeight } from '../../db/codebook';
import * as eventRepo from '../../db/events';
import * as reliability from '../../db/reliability';
import {
  codeInUse,
  deleteSettingConflict,
  getSettingConflict,
  gradeInUse,
  insertSettingConflict,
  listSettingConflicts,
  outletInUse,
  type SettingConflictKind,
} from '../../db/settingConflicts';
import type { AppContext } from '../context';
import { recordUndoable, type ChangeRecorder } from '../undo';
import type { Bundle } from './bundle';
import { codeRow, eventRow } from './rows';
import { deskRowLabel, deskRowValue, takeDeskRowValue } from '../desk/conflicts';

export interface SettingsOutcome {
  /** Said to the analyst: what was taken from the file. */
  taken: string[];
  conflicts: number;
}

interface MergeScope {
  db: Db;
  rec: ChangeRecorder;
  origin: string;
  nowMs: number;
  out: SettingsOutcome;
}

function conflict(s: MergeScope, kind: SettingConflictKind, subject: string, ours: unknown, theirs: unknown): void {
  s.rec.created(
    'merge_setting_conflicts',
    'setting_conflict',
    insertSettingConflict(s.db, { kind, subject, ours, theirs, origin: s.origin, createdAtMs: s.nowMs }),
  );
  s.out.conflicts++;
}

const isGrade = (g: string): g is reliability.Grade => (reliability.GRADES as readonly string[]).includes(g);

/** Weights of codes both sides have, and the reliability grades; run before any passage is added. */
export function mergeScoreSettings(s: MergeScope, bundle: Bundle, codeIdByKey: ReadonlyMap<string, number>, newCodeIds: Set<number>): void {
  const { db } = s;
  for (const c of bundle.codes) {
    const id = codeIdByKey.get(c.key);
    if (id === undefined || newCodeIds.has(id) || !Number.isFinite(c.weight)) continue;
    const ours = codeRow(db, id);
    const theirs = Math.max(-10, Math.min(10, c.weight));
    if (ours.weight === theirs) continue;
    if (codeInUse(db, id)) conflict(s, 'code-weight', ours.key, { weight: ours.weight }, { weight: theirs });
    else {
      s.rec.willChange('codes', 'code', id);
      updateCodeWeight(db, id, theirs, s.nowMs);
      s.out.taken.push(`Weight of “${ours.name}”: ${theirs} (was ${ours.weight}).`);
    }
  }
  const factors = new Map(reliability.listGrades(db).map((g) => [g.grade as string, g.factor]));
  for (const g of bundle.gradeFactors) {
    const ours = factors.get(g.grade);
    if (ours === undefined || !Number.isFinite(g.factor) || g.factor < 0 || g.factor > 1 || ours === g.factor) continue;
    if (gradeInUse(db, g.grade)) conflict(s, 'grade-factor', g.grade, { factor: ours }, { factor: g.factor });
    else {
      s.rec.willChange('reliability_grades', 'reliability_grade', g.grade);
      reliability.setGradeFactor(db, g.grade as reliability.Grade, g.factor, s.nowMs);
      s.out.taken.push(`Factor of grade ${g.grade}: ${g.factor} (was ${ours}).`);
    }
  }
  for (const o of bundle.outletGrades) {
    if (!isGrade(o.grade) || o.outlet.length === 0 || o.outlet.length > 200) continue;
    const ours = reliability.getOutletGrade(db, o.outlet);
    if (ours === o.grade) continue;
    if (outletInUse(db, o.outlet)) conflict(s, 'outlet-grade', o.outlet, { grade: ours }, { grade: o.grade });
    else {
      s.rec.willChange('outlet_grades', 'outlet_grade', o.outlet);
      reliability.setOutletGrade(db, o.outlet, o.grade, s.nowMs);
      s.out.taken.push(`Grade of “${o.outlet}”: ${o.grade}${ours ? ` (was ${ours})` : ''}.`);
    }
  }
}

interface EventInput {
  /** Some passage was here before this merge (grouping it would change this workspace's score). */
  touchesOurs?: boolean;
  codeId: number;
  sourceActorId: number;
  targetActorId: number;
  eventDate: string;
  annotationIds: number[];
}

/** Event groups of the file, over the passages as they are here (added or already present). */
export function mergeEventGroups(s: MergeScope, groups: readonly (EventInput & { label: string })[], skipped: string[]): void {
  const { db } = s;
  for (const g of groups) {
    const ids = [...new Set(g.annotationIds)];
    if (ids.length === 0) {
      skipped.push(`The event ${g.label} has none of its passages here; it was not brought in.`);
      continue;
    }
    const current = new Set(ids.map((id) => eventRepo.eventIdOfAnnotation(db, id)));
    if (current.size === 1 && current.has(null) && !g.touchesOurs) {
      const eventId = eventRepo.insertEvent(db, {
        sourceActorId: g.sourceActorId,
        targetActorId: g.targetActorId,
        codeId: g.codeId,
        eventDate: g.eventDate,
        createdAtMs: s.nowMs,
      });
      s.rec.created('events', 'event', eventId);
      for (const id of ids) {
        s.rec.willChange('annotations', 'annotation', id);
        eventRepo.setAnnotationEvent(db, id, eventId, s.nowMs);
      }
      continue;
    }
    const [only] = [...current];
    if (current.size === 1 && only !== null && only !== undefined) {
      const ev = eventRow(db, only);
      const members = eventRepo.eventMemberIds(db, only);
      const same =
        ev.codeId === g.codeId &&
        ev.eventDate === g.eventDate &&
        ev.sourceActorId === g.sourceActorId &&
        ev.targetActorId === g.targetActorId;
      if (same && members.length === ids.length) continue;
    }
    const oursIds = [...current].filter((e): e is number => e !== null);
    conflict(s, 'event', g.label, { eventIds: oursIds }, { ...g, annotationIds: ids });
  }
}

function labelOf(kind: SettingConflictKind, subject: string, db: Db): string {
  if (kind === 'desk-row') return deskRowLabel(db, subject);
  if (kind === 'code-weight') return `Weight of code ${subject}`;
  if (kind === 'grade-factor') return `Factor of grade ${subject}`;
  if (kind === 'outlet-grade') return `Grade of outlet “${subject}”`;
  return `Grouping of ${subject}`;
}

function valueText(kind: SettingConflictKind, v: Record<string, unknown>, db: Db): string {
  if (kind === 'desk-row') return deskRowValue(v);
  if (kind === 'code-weight') return String(v.weight);
  if (kind === 'grade-factor') return String(v.factor);
  if (kind === 'outlet-grade') return v.grade === null ? 'ungraded' : String(v.grade);
  if (Array.isArray(v.eventIds)) return v.eventIds.length ? `in event ${v.eventIds.join(', ')}` : 'not grouped';
  const code = getCode(db, Number(v.codeId));
  return `one event of ${(v.annotationIds as number[]).length} passages, ${code?.name ?? 'a removed code'}, ${String(v.eventDate)}`;
}

export function describeSettingConflicts(ctx: AppContext): SettingConflict[] {
  const { db } = ctx.workspace;
  return listSettingConflicts(db).map((c) => ({
    id: c.id,
    kind: c.kind,
    label: labelOf(c.kind, c.subject, db),
    origin: c.origin,
    ours: valueText(c.kind, c.ours as Record<string, unknown>, db),
    theirs: valueText(c.kind, c.theirs as Record<string, unknown>, db),
  }));
}

function applyTheirs(
  db: Db,
  rec: ChangeRecorder,
  kind: SettingConflictKind,
  subject: string,
  theirs: Record<string, unknown>,
  nowMs: number,
): void {
  if (kind === 'code-weight') {
    const code = getCodeByKey(db, subject);
    if (!code) throw new ApiError('NOT_FOUND', `The code ${subject} is no longer in the codebook; keep yours instead.`);
    rec.willChange('codes', 'code', code.id);
    updateCodeWeight(db, code.id, Number(theirs.weight), nowMs);
  } else if (kind === 'grade-factor') {
    rec.willChange('reliability_grades', 'reliability_grade', subject);
    reliability.setGradeFactor(db, subject as reliability.Grade, Number(theirs.factor), nowMs);
  } else if (kind === 'outlet-grade') {
    rec.willChange('outlet_grades', 'outlet_grade', subject);
    reliability.setOutletGrade(db, subject, theirs.grade as reliability.Grade, nowMs);
  } else if (kind === 'desk-row') {
    takeDeskRowValue(db, rec, subject, theirs);
  } else {
    const g = theirs as unknown as EventInput;
    const ids = g.annotationIds.filter((id) => eventRepo.eventIdOfAnnotation(db, id) !== undefined);
    if (ids.length === 0)
      throw new ApiError('NOT_FOUND', 'The passages of that event have been deleted since the merge; keep yours instead.');
    // Logged in this order (new event, passages, emptied events) so that undo restores the old events, then the passages, then removes the new one.
    const eventId = eventRepo.insertEvent(db, {
      sourceActorId: g.sourceActorId,
      targetActorId: g.targetActorId,
      codeId: g.codeId,
      eventDate: g.eventDate,
      createdAtMs: nowMs,
    });
    rec.created('events', 'event', eventId);
    const emptied = new Set<number>();
    for (const id of ids) {
      rec.willChange('annotations', 'annotation', id);
      const was = eventRepo.eventIdOfAnnotation(db, id);
      if (was !== null && was !== undefined) emptied.add(was);
      eventRepo.setAnnotationEvent(db, id, eventId, nowMs);
    }
    for (const e of emptied)
      if (eventRepo.eventMemberIds(db, e).length === 0) {
        rec.willChange('events', 'event', e);
        eventRepo.deleteEvent(db, e);
      }
  }
}

/** Keeps this workspace's value (the conflict is closed) or takes the colleague's, as one undoable change. */
export function resolveSettingConflict(ctx: AppContext, id: number, keep: 'ours' | 'theirs'): { remaining: number } {
  const { db } = ctx.workspace;
  const c = getSettingConflict(db, id);
  if (!c) throw new ApiError('NOT_FOUND', `There is no merge conflict ${id}; it may have been resolved already.`);
  const label = `${labelOf(c.kind, c.subject, db)}: keep ${keep === 'ours' ? 'mine' : 'theirs'}`;
  recordUndoable(ctx, label, (rec) => {
    if (keep === 'theirs') applyTheirs(db, rec, c.kind, c.subject, c.theirs as Record<string, unknown>, ctx.now().getTime());
    rec.willChange('merge_setting_conflicts', 'setting_conflict', id);
    deleteSettingConflict(db, id);
  });
  return { remaining: listSettingConflicts(db).length };
}
