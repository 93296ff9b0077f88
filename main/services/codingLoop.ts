/**
 * The coding loop's own changes (issue 13): deleting articles with their tags
 * and correcting their details, both undoable; code keys; and the tags that
 * count in no score because their pair is no relationship.
 */
import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { ArticleSummary } from '../../shared/api/schemas';
import { present } from '../../shared/domain/present';
import { plural } from '../../shared/domain/text';
import { annotationIdsOfArticle, countTagsByCode, deleteAnnotation, listTagsOutsideRelationships } from '../db/annotations';
import * as articles from '../db/articles';
import { clearCodeShortcut, codesWithShortcut, getCode, setCodeShortcut } from '../db/codebook';
import { assertNotFuture } from './articles';
import type { AppContext } from './context';
import { recordUndoable } from './undo';

/**
 * One change set: each tag is removed first (its snapshot kept) and then its
 * article, so that undo puts the article back before its tags and the tag
 * counts kept by triggers come out right.
 */
export function deleteManyArticles(ctx: AppContext, input: OpParsedInput<'articles:delete-many'>): OpOutput<'articles:delete-many'> {
  const { db } = ctx.workspace;
  const ids = [...new Set(input.ids)];
  const found = ids.map((id) => {
    const a = articles.getArticleSummary(db, id);
    if (!a) throw new ApiError('NOT_FOUND', `There is no article with id ${id}; it may have been deleted already. Nothing was deleted.`);
    return a;
  });
  const tags = found.reduce((n, a) => n + a.annotationCount, 0);
  const [only] = found;
  const label =
    found.length === 1 && only
      ? `Delete article “${only.title}” (${plural(tags, 'tag')})`
      : `Delete ${plural(found.length, 'article')} (${plural(tags, 'tag')})`;
  return recordUndoable(ctx, label, (rec) => {
    let deletedAnnotations = 0;
    for (const a of found) {
      const annotationIds = annotationIdsOfArticle(db, a.id);
      for (const id of annotationIds) {
        rec.willChange('annotations', 'annotation', id);
        deleteAnnotation(db, id);
      }
      deletedAnnotations += annotationIds.length;
      rec.willChange('articles', 'article', a.id);
      articles.deleteArticle(db, a.id);
    }
    return { deletedArticles: found.length, deletedAnnotations };
  });
}

export function updateArticleMeta(ctx: AppContext, input: OpParsedInput<'articles:update-meta'>): ArticleSummary {
  const { db } = ctx.workspace;
  const before = articles.getArticleSummary(db, input.id);
  if (!before) throw new ApiError('NOT_FOUND', `There is no article with id ${input.id}; it may have been deleted.`);
  if (input.publishedOn !== undefined) assertNotFuture(ctx, input.publishedOn, 'The published date');
  const next = {
    title: input.title ?? before.title,
    outlet: input.outlet ?? before.outlet,
    author: input.author ?? before.author,
    url: input.url ?? before.url,
    publishedOn: input.publishedOn ?? before.publishedOn,
  };
  return recordUndoable(ctx, `Edit details of “${before.title}”`, (rec) => {
    rec.willChange('articles', 'article', before.id);
    articles.updateArticleMeta(db, before.id, next, ctx.now().getTime());
    return present(articles.getArticleSummary(db, before.id), `article ${before.id}, just edited`);
  });
}

export function codeUsage(ctx: AppContext): OpOutput<'codebook:usage'> {
  return countTagsByCode(ctx.workspace.db);
}

export function setCodeKey(ctx: AppContext, input: OpParsedInput<'codebook:set-key'>): OpOutput<'codebook:set-key'> {
  const { db } = ctx.workspace;
  const code = getCode(db, input.id);
  if (!code) throw new ApiError('NOT_FOUND', `There is no code with id ${input.id}.`);
  const key = input.key?.toLowerCase() ?? null;
  return recordUndoable(ctx, key ? `Key ${key.toUpperCase()} for code “${code.name}”` : `Free the key of code “${code.name}”`, (rec) => {
    if (key) {
      for (const otherId of codesWithShortcut(db, key, code.id)) {
        rec.willChange('codes', 'code', otherId);
        clearCodeShortcut(db, otherId);
      }
    }
    rec.willChange('codes', 'code', code.id);
    setCodeShortcut(db, code.id, key, ctx.now().getTime());
    return { id: code.id, key };
  });
}

export function tagsOutsideRelationships(ctx: AppContext): OpOutput<'annotations:outside-relationships'> {
  return listTagsOutsideRelationships(ctx.workspace.db, 500);
}
