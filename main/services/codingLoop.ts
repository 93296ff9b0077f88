/**
 * The coding loop's own changes (issue 13): deleting articles with their tags
 * and correcting their details, both undoable; code keys; and the tags that
 * count in no score because their pair is no relationship.
 */
import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { ArticleSummary } from '../../shared/api/schemas';
import { plural } from '../../shared/domain/text';
import * as articles from '../db/articles';
import { stmt } from '../db/statements';
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
  const label =
    found.length === 1
      ? `Delete article “${found[0]!.title}” (${plural(tags, 'tag')})`
      : `Delete ${plural(found.length, 'article')} (${plural(tags, 'tag')})`;
  return recordUndoable(ctx, label, (rec) => {
    let deletedAnnotations = 0;
    for (const a of found) {
      const annotationIds = (stmt(db, 'SELECT id FROM annotations WHERE article_id = ? ORDER BY id').all(a.id) as { id: number }[]).map(
        (r) => r.id,
      );
      for (const id of annotationIds) {
        rec.willChange('annotations', 'annotation', id);
        stmt(db, 'DELETE FROM annotations WHERE id = ?').run(id);
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
    published_on: input.publishedOn ?? before.publishedOn,
  };
  return recordUndoable(ctx, `Edit details of “${before.title}”`, (rec) => {
    rec.willChange('articles', 'article', before.id);
    stmt(db, 'UPDATE articles SET title = ?, outlet = ?, author = ?, url = ?, published_on = ?, updated_at_ms = ? WHERE id = ?').run(
      next.title,
      next.outlet,
      next.author,
      next.url,
      next.published_on,
      ctx.now().getTime(),
      before.id,
    );
    return articles.getArticleSummary(db, before.id)!;
  });
}

export function codeUsage(ctx: AppContext): OpOutput<'codebook:usage'> {
  return stmt(ctx.workspace.db, 'SELECT code_id AS codeId, count(*) AS tags FROM annotations GROUP BY code_id').all() as {
    codeId: number;
    tags: number;
  }[];
}

export function setCodeKey(ctx: AppContext, input: OpParsedInput<'codebook:set-key'>): OpOutput<'codebook:set-key'> {
  const { db } = ctx.workspace;
  const code = stmt(db, 'SELECT id, name FROM codes WHERE id = ?').get(input.id) as { id: number; name: string } | undefined;
  if (!code) throw new ApiError('NOT_FOUND', `There is no code with id ${input.id}.`);
  const key = input.key?.toLowerCase() ?? null;
  return recordUndoable(ctx, key ? `Key ${key.toUpperCase()} for code “${code.name}”` : `Free the key of code “${code.name}”`, (rec) => {
    if (key) {
      for (const other of stmt(db, 'SELECT id FROM codes WHERE lower(shortcut) = ? AND id <> ?').all(key, code.id) as { id: number }[]) {
        rec.willChange('codes', 'code', other.id);
        stmt(db, 'UPDATE codes SET shortcut = NULL WHERE id = ?').run(other.id);
      }
    }
    rec.willChange('codes', 'code', code.id);
    stmt(db, 'UPDATE codes SET shortcut = ?, updated_at_ms = ? WHERE id = ?').run(key, ctx.now().getTime(), code.id);
    return { id: code.id, key };
  });
}

export function tagsOutsideRelationships(ctx: AppContext): OpOutput<'annotations:outside-relationships'> {
  return stmt(
    ctx.workspace.db,
    `SELECT n.id, n.article_id AS articleId, a.title AS articleTitle, n.quote_exact AS exact, n.code_id AS codeId,
            n.source_actor_id AS sourceActorId, n.target_actor_id AS targetActorId, n.event_date AS eventDate
       FROM annotations n JOIN articles a ON a.id = n.article_id
      WHERE n.orphaned = 0 AND NOT EXISTS (
        SELECT 1 FROM relationships r
         WHERE (r.actor_a_id = n.source_actor_id AND r.actor_b_id = n.target_actor_id)
            OR (r.actor_a_id = n.target_actor_id AND r.actor_b_id = n.source_actor_id))
      ORDER BY n.event_date DESC, n.id DESC LIMIT 500`,
  ).all() as OpOutput<'annotations:outside-relationships'>;
}
