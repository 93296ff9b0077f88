import { createHash } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { OpParsedInput } from '../../shared/api/contract';
import { MAX_ARTICLE_CHARS, type ArticleSummary } from '../../shared/api/schemas';
import { isoToDay, latestAcceptableDay } from '../../shared/domain/dates';
import { clip, normalizeArticleText, plural, wordCount } from '../../shared/domain/text';
import { present } from '../../shared/domain/present';
import * as articles from '../db/articles';
import { getRelationship } from '../db/actors';
import type { Db } from '../db/connection';
import { articleWithDependents } from '../db/articleDependents';
import type { AppContext } from './context';
import { recordUndoable, type ChangeRecorder } from './undo';

export function contentHash(normalizedText: string): string {
  return createHash('sha256').update(normalizedText, 'utf8').digest('hex');
}

function megabytes(chars: number): string {
  return `${(chars / 1_000_000).toFixed(1)} MB`;
}

export function assertNotFuture(ctx: AppContext, isoDate: string, what: string): void {
  if (isoToDay(isoDate) > latestAcceptableDay(ctx.now())) {
    throw new ApiError('BAD_INPUT', `${what} ${isoDate} is in the future. Check the date; Parley only records what has been reported.`);
  }
}

export function createArticle(ctx: AppContext, input: OpParsedInput<'articles:create'>, opts: { isSample?: boolean } = {}): ArticleSummary {
  const { db } = ctx.workspace;
  if (input.text.length > MAX_ARTICLE_CHARS) {
    throw new ApiError(
      'TOO_LARGE',
      `This text is ${megabytes(input.text.length)}; an article may hold up to ${megabytes(MAX_ARTICLE_CHARS)} of text (about 300,000 words). ` +
        'Split it into several articles. Nothing was saved.',
    );
  }
  const text = normalizeArticleText(input.text);
  if (text.length === 0) throw new ApiError('BAD_INPUT', 'The article text is empty. Paste the text of the article, then save.');
  assertNotFuture(ctx, input.publishedOn, 'The publication date');
  if (input.relationshipId !== null && !getRelationship(db, input.relationshipId)) {
    throw new ApiError('NOT_FOUND', `There is no relationship with id ${input.relationshipId}. Pick one from the list.`);
  }
  const hash = contentHash(text);
  return recordUndoable(ctx, `Add article “${clip(input.title)}”`, (rec) => {
    const existing = articles.findArticleByHash(db, hash);
    if (existing) {
      throw new ApiError(
        'CONFLICT',
        `This text is already in the workspace as “${existing.title}” (${existing.outlet || 'no outlet'}, ${existing.publishedOn}). Nothing was added.`,
      );
    }
    const id = articles.insertArticle(db, {
      title: input.title,
      outlet: input.outlet,
      author: input.author,
      url: input.url,
      publishedOn: input.publishedOn,
      text,
      wordCount: wordCount(text),
      contentHash: hash,
      relationshipId: input.relationshipId,
      isSample: opts.isSample ?? false,
    });
    rec.created('articles', 'article', id);
    return present(articles.getArticleSummary(db, id), `article ${id}, just added`);
  });
}

/** Deletes an article with everything that goes with it (tags, their origins, rejections), recorded so that undo restores it all. */
export function deleteArticleRecorded(db: Db, rec: ChangeRecorder, id: number): void {
  for (const row of articleWithDependents(db, id)) rec.willChange(row.table, row.entity, row.key);
  articles.deleteArticle(db, id);
}

export function deleteArticles(ctx: AppContext, ids: readonly number[]): number {
  const { db } = ctx.workspace;
  const first = ids.length === 1 && ids[0] !== undefined ? articles.getArticle(db, ids[0]) : null;
  const label = first ? `Delete article “${clip(first.title)}”` : `Delete ${plural(ids.length, 'article')}`;
  return recordUndoable(ctx, label, (rec) => {
    let deletedAnnotations = 0;
    for (const id of ids) {
      const article = articles.getArticle(db, id);
      if (!article) throw new ApiError('NOT_FOUND', `There is no article with id ${id}; it may have been deleted already.`);
      deletedAnnotations += article.annotationCount;
      deleteArticleRecorded(db, rec, id);
    }
    return deletedAnnotations;
  });
}
