/**
 * Writes that change what the score is made of: a code's weight, an outlet's
 * grade, a grade's factor, and grouping passages into one event. Each is one
 * undoable change set (Ctrl+Z), recorded with the analyst.
 */
import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { clip, plural } from '../../shared/domain/text';
import type { Annotation } from '../../shared/api/schemas';
import * as annotations from '../db/annotations';
import { getCode } from '../db/codebook';
import * as eventRepo from '../db/events';
import * as reliability from '../db/reliability';
import type { AppContext } from './context';
import { recordUndoable } from './undo';
import { present } from '../../shared/domain/present';

function gradeRow(db: Parameters<typeof reliability.listGrades>[0], grade: reliability.Grade): reliability.GradeRow {
  return present(
    reliability.listGrades(db).find((g) => g.grade === grade),
    `grade ${grade} (every workspace holds A to F)`,
  );
}

export function listReliability(ctx: AppContext): OpOutput<'reliability:list'> {
  const { db } = ctx.workspace;
  const grades = reliability.listGrades(db);
  const factor = new Map(grades.map((g) => [g.grade, g.factor]));
  return {
    grades,
    outlets: reliability
      .listOutlets(db)
      .map((o) => ({ ...o, factor: o.grade === null ? 1 : present(factor.get(o.grade), `grade ${o.grade}`) })),
  };
}

export function setGradeFactor(ctx: AppContext, input: OpParsedInput<'reliability:set-factor'>): OpOutput<'reliability:set-factor'> {
  const { db } = ctx.workspace;
  return recordUndoable(ctx, `Set the factor of grade ${input.grade} to ${input.factor}`, (rec) => {
    rec.willChange('reliability_grades', 'reliability_grade', input.grade);
    reliability.setGradeFactor(db, input.grade, input.factor, ctx.now().getTime());
    return gradeRow(db, input.grade);
  });
}

export function gradeOutlet(ctx: AppContext, input: OpParsedInput<'outlets:grade'>): OpOutput<'outlets:grade'> {
  const { db } = ctx.workspace;
  const label =
    input.grade === null ? `Remove the grade of outlet “${clip(input.outlet)}”` : `Grade outlet “${clip(input.outlet)}” ${input.grade}`;
  return recordUndoable(ctx, label, (rec) => {
    const known = reliability.listOutlets(db).some((o) => o.outlet === input.outlet);
    if (!known)
      throw new ApiError('NOT_FOUND', `No article comes from an outlet called “${input.outlet}”. Check the spelling in the article list.`);
    rec.willChange('outlet_grades', 'outlet_grade', input.outlet); // absent before: recorded as created
    reliability.setOutletGrade(db, input.outlet, input.grade, ctx.now().getTime());
    const outlet = present(
      reliability.listOutlets(db).find((o) => o.outlet === input.outlet),
      `outlet ${input.outlet}, just graded`,
    );
    const factor = outlet.grade === null ? 1 : gradeRow(db, outlet.grade).factor;
    return { ...outlet, factor };
  });
}

/** Grouping is one undoable change set: the new event row and every passage's event_id. */
export function groupEvent(ctx: AppContext, input: OpParsedInput<'events:group'>): OpOutput<'events:group'> {
  const { db } = ctx.workspace;
  const nowMs = ctx.now().getTime();
  const ids = [...new Set(input.annotationIds)];
  return recordUndoable(ctx, `Group ${plural(ids.length, 'passage')} as one event`, (rec) => {
    if (ids.length < 2) throw new ApiError('BAD_INPUT', 'Select at least two tagged passages to group them as one event.');
    const members: Annotation[] = ids.map((id) => {
      const a = annotations.getAnnotation(db, id);
      if (!a) throw new ApiError('NOT_FOUND', `There is no annotation with id ${id}; it may have been deleted. Select the passages again.`);
      if (a.eventId !== null)
        throw new ApiError('CONFLICT', `The passage “${a.exact.slice(0, 60)}” already belongs to an event. Ungroup that event first.`);
      return a;
    });
    const [first] = members;
    if (!first) throw new ApiError('BAD_INPUT', 'Select at least two tagged passages to group them as one event.');
    if (members.some((m) => m.sourceActorId !== first.sourceActorId || m.targetActorId !== first.targetActorId))
      throw new ApiError(
        'BAD_INPUT',
        'The passages are tagged in different directions. An event has one direction: select passages of one direction.',
      );
    const codeIds = new Set(members.map((m) => m.codeId));
    const codeId = input.codeId ?? (codeIds.size === 1 ? first.codeId : null);
    if (codeId === null)
      throw new ApiError(
        'BAD_INPUT',
        'The passages carry different codes. Choose the code of the event, or select passages with one code.',
      );
    if (!getCode(db, codeId))
      throw new ApiError('NOT_FOUND', `There is no code with id ${codeId} in the codebook. Pick a code from the list.`);
    const eventDate = input.eventDate ?? members.map((m) => m.eventDate).sort()[0] ?? first.eventDate;
    const event = { sourceActorId: first.sourceActorId, targetActorId: first.targetActorId, codeId, eventDate, createdAtMs: nowMs };
    // Logged in this order (event first), so undo detaches the passages before removing the event, and redo the reverse.
    const eventId = eventRepo.insertEvent(db, event);
    rec.created('events', 'event', eventId);
    for (const m of members) {
      rec.willChange('annotations', 'annotation', m.id);
      eventRepo.setAnnotationEvent(db, m.id, eventId, nowMs);
    }
    return { id: eventId, ...event, annotationIds: ids };
  });
}

/** Ungrouping is one undoable change set: the passages detached, then the event row deleted. */
export function ungroupEvent(ctx: AppContext, input: OpParsedInput<'events:ungroup'>): OpOutput<'events:ungroup'> {
  const { db } = ctx.workspace;
  const nowMs = ctx.now().getTime();
  const event = eventRepo.getEvent(db, input.eventId);
  if (!event) throw new ApiError('NOT_FOUND', `There is no event with id ${input.eventId}; it may have been ungrouped already.`);
  const ids = eventRepo.eventMemberIds(db, event.id);
  return recordUndoable(ctx, `Ungroup an event of ${plural(ids.length, 'passage')}`, (rec) => {
    for (const id of ids) {
      rec.willChange('annotations', 'annotation', id);
      eventRepo.setAnnotationEvent(db, id, null, nowMs);
    }
    rec.willChange('events', 'event', event.id);
    eventRepo.deleteEvent(db, event.id);
    return { eventId: event.id, annotationIds: ids };
  });
}
