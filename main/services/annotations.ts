import type { OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Annotation } from '../../shared/api/schemas';
import { PASSAGE_PROBLEM_MESSAGES, passageProblem, quoteSelector } from '../../shared/domain/anchoring';
import { present } from '../../shared/domain/present';
import { getActor } from '../db/actors';
import * as repo from '../db/annotations';
import { getArticle } from '../db/articles';
import { getCode } from '../db/codebook';
import type { Db } from '../db/connection';
import { assertNotFuture } from './articles';
import type { AppContext } from './context';
import { beginPassageChange, type PassageChange } from './scoreCache';
import { recordUndoable } from './undo';

const TABLE = 'annotations';

import { clip } from '../../shared/domain/text';
export { clip };

function codeName(db: Db, id: number): string {
  return getCode(db, id)?.name ?? 'a code';
}

function requireRefs(db: Db, codeId: number, sourceActorId: number, targetActorId: number): void {
  if (!getCode(db, codeId))
    throw new ApiError('NOT_FOUND', `There is no code with id ${codeId} in the codebook. Pick a code from the list.`);
  for (const [role, id] of [
    ['source', sourceActorId],
    ['target', targetActorId],
  ] as const) {
    if (!getActor(db, id)) throw new ApiError('NOT_FOUND', `There is no actor with id ${id} (the ${role}). Pick an actor from the list.`);
  }
  if (sourceActorId === targetActorId) {
    throw new ApiError('BAD_INPUT', 'The source and the target are the same actor. A tag is directed from one actor to another.');
  }
}

/** `label`: the history entry's wording, when the tag comes from elsewhere than the popover (an accepted suggestion). */
export function createAnnotation(
  ctx: AppContext,
  input: OpParsedInput<'annotations:create'>,
  label?: (a: Annotation) => string,
): Annotation {
  const { db } = ctx.workspace;
  // The shown score follows each change by an incremental update (scoreCache), applied once the write has committed.
  const outermost = !db.inTransaction;
  let change: PassageChange | null = null;
  const created = recordUndoable(ctx, label ?? ((a: Annotation) => `Tag “${clip(a.exact)}” as ${codeName(db, a.codeId)}`), (rec) => {
    change = beginPassageChange(db, null, outermost);
    const article = getArticle(db, input.articleId);
    if (!article) throw new ApiError('NOT_FOUND', `There is no article with id ${input.articleId}; it may have been deleted.`);
    requireRefs(db, input.codeId, input.sourceActorId, input.targetActorId);
    const problem = passageProblem(article.text, input.start, input.end);
    if (problem) throw new ApiError('BAD_INPUT', PASSAGE_PROBLEM_MESSAGES[problem]);
    const quote = quoteSelector(article.text, input.start, input.end);
    if (input.exact !== undefined && input.exact !== quote.exact) {
      throw new ApiError(
        'CONFLICT',
        'The article text at the selection is not what was selected (it may have been edited). Select the passage again.',
      );
    }
    const eventDate = input.eventDate ?? article.publishedOn;
    assertNotFuture(ctx, eventDate, 'The event date');
    const row: repo.NewAnnotation = {
      articleId: input.articleId,
      codeId: input.codeId,
      sourceActorId: input.sourceActorId,
      targetActorId: input.targetActorId,
      start: input.start,
      end: input.end,
      ...quote,
      confidence: input.confidence,
      eventDate,
      note: input.note,
    };
    if (repo.findSameAnnotation(db, row) !== null) {
      throw new ApiError('CONFLICT', 'This passage already carries this tag in this direction. Nothing was added.');
    }
    const id = repo.insertAnnotation(db, row, ctx.now().getTime());
    rec.created(TABLE, 'annotation', id);
    change.written(id);
    return present(repo.getAnnotation(db, id), `annotation ${id}, just added`);
  });
  (change as PassageChange | null)?.apply();
  return created;
}

export function updateAnnotation(ctx: AppContext, input: OpParsedInput<'annotations:update'>): Annotation {
  const { db } = ctx.workspace;
  const existing = repo.getAnnotation(db, input.id);
  if (!existing) throw new ApiError('NOT_FOUND', `There is no annotation with id ${input.id}; it may have been deleted.`);
  const moved = input.start !== undefined || input.end !== undefined;
  const recodedAs = input.codeId !== undefined && input.codeId !== existing.codeId ? input.codeId : null;
  const label = moved
    ? `Move tag “${clip(existing.exact)}”`
    : recodedAs !== null
      ? `Re-code “${clip(existing.exact)}” as ${codeName(db, recodedAs)}`
      : `Change tag on “${clip(existing.exact)}”`;
  const outermost = !db.inTransaction;
  let change: PassageChange | null = null;
  const updated = recordUndoable(ctx, label, (rec) => {
    change = beginPassageChange(db, input.id, outermost);
    rec.willChange(TABLE, 'annotation', input.id);
    const before = present(repo.getAnnotation(db, input.id), `annotation ${input.id}`);
    const next = {
      codeId: input.codeId ?? before.codeId,
      sourceActorId: input.sourceActorId ?? before.sourceActorId,
      targetActorId: input.targetActorId ?? before.targetActorId,
      confidence: input.confidence ?? before.confidence,
      eventDate: input.eventDate ?? before.eventDate,
      note: input.note ?? before.note,
    };
    requireRefs(db, next.codeId, next.sourceActorId, next.targetActorId);
    assertNotFuture(ctx, next.eventDate, 'The event date');
    const nowMs = ctx.now().getTime();
    if (moved) {
      // Adjusting the boundaries, or placing an orphan by hand: the new span must be a passage of today's text.
      const article = present(getArticle(db, before.articleId), `the article of annotation ${input.id}`);
      const start = input.start ?? before.start;
      const end = input.end ?? before.end;
      const problem = passageProblem(article.text, start, end);
      if (problem) throw new ApiError('BAD_INPUT', PASSAGE_PROBLEM_MESSAGES[problem]);
      const quote = quoteSelector(article.text, start, end);
      if (input.exact !== undefined && input.exact !== quote.exact) {
        throw new ApiError(
          'CONFLICT',
          'The article text at the selection is not what was selected (it may have been edited). Select the passage again.',
        );
      }
      repo.setAnnotationAnchor(db, input.id, { start, end, ...quote, orphaned: false }, nowMs);
    }
    const clash = repo.findSameAnnotation(db, { ...before, ...next, start: input.start ?? before.start, end: input.end ?? before.end });
    if (clash !== null && clash !== input.id) {
      throw new ApiError('CONFLICT', 'This passage already carries this tag in this direction. Nothing was changed.');
    }
    repo.updateAnnotation(db, input.id, next, nowMs);
    change.written(input.id);
    return present(repo.getAnnotation(db, input.id), `annotation ${input.id}, just changed`);
  });
  (change as PassageChange | null)?.apply();
  return updated;
}

export function deleteAnnotation(ctx: AppContext, id: number): void {
  const { db } = ctx.workspace;
  const existing = repo.getAnnotation(db, id);
  if (!existing) throw new ApiError('NOT_FOUND', `There is no annotation with id ${id}; it may have been deleted already.`);
  const outermost = !db.inTransaction;
  let change: PassageChange | null = null;
  recordUndoable(ctx, `Delete tag on “${clip(existing.exact)}”`, (rec) => {
    change = beginPassageChange(db, id, outermost);
    rec.willChange(TABLE, 'annotation', id);
    repo.deleteAnnotation(db, id);
    change.written(null);
  });
  (change as PassageChange | null)?.apply();
}
