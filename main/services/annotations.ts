import type { OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Annotation } from '../../shared/api/schemas';
import { PASSAGE_PROBLEM_MESSAGES, passageProblem, quoteSelector } from '../../shared/domain/anchoring';
import { getActor } from '../db/actors';
import * as repo from '../db/annotations';
import { getArticle } from '../db/articles';
import { logChange } from '../db/changeLog';
import { getCode } from '../db/codebook';
import type { Db } from '../db/connection';
import { assertNotFuture } from './articles';
import type { AppContext } from './context';
import { beginPassageChange, type PassageChange } from './scoreCache';

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

export function createAnnotation(ctx: AppContext, input: OpParsedInput<'annotations:create'>): Annotation {
  const { db } = ctx.workspace;
  const outermost = !db.inTransaction;
  let change: PassageChange | null = null;
  const created = db
    .transaction(() => {
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
      const created = repo.getAnnotation(db, id)!;
      logChange(db, { entity: 'annotation', entityId: id, action: 'create', after: created });
      change.written(id);
      return created;
    })
    .immediate();
  // The shown score follows by an incremental update, not a recompute.
  (change as PassageChange | null)?.apply();
  return created;
}

export function updateAnnotation(ctx: AppContext, input: OpParsedInput<'annotations:update'>): Annotation {
  const { db } = ctx.workspace;
  const outermost = !db.inTransaction;
  let change: PassageChange | null = null;
  const updated = db
    .transaction(() => {
      change = beginPassageChange(db, input.id, outermost);
      const before = repo.getAnnotation(db, input.id);
      if (!before) throw new ApiError('NOT_FOUND', `There is no annotation with id ${input.id}; it may have been deleted.`);
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
      repo.updateAnnotation(db, input.id, next, ctx.now().getTime());
      const after = repo.getAnnotation(db, input.id)!;
      logChange(db, { entity: 'annotation', entityId: input.id, action: 'update', before, after });
      change.written(input.id);
      return after;
    })
    .immediate();
  (change as PassageChange | null)?.apply();
  return updated;
}

export function deleteAnnotation(ctx: AppContext, id: number): void {
  const { db } = ctx.workspace;
  const outermost = !db.inTransaction;
  let change: PassageChange | null = null;
  db.transaction(() => {
    change = beginPassageChange(db, id, outermost);
    const before = repo.getAnnotation(db, id);
    if (!before) throw new ApiError('NOT_FOUND', `There is no annotation with id ${id}; it may have been deleted already.`);
    repo.deleteAnnotation(db, id);
    logChange(db, { entity: 'annotation', entityId: id, action: 'delete', before });
    change.written(null);
  }).immediate();
  (change as PassageChange | null)?.apply();
}
