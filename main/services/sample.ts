import fs from 'node:fs';
import { z } from 'zod';
import { ApiError } from '../../shared/api/errors';
import { dayToIso, localToday } from '../../shared/domain/dates';
import { PARAGRAPH_SEPARATOR } from '../../shared/domain/text';
import { actorIdByCode, listRelationships } from '../db/actors';
import { sampleArticleIds } from '../db/articles';
import { listCodes } from '../db/codebook';
import { createAnnotation } from './annotations';
import { createArticle, deleteArticles } from './articles';
import type { AppContext } from './context';
import { present } from '../../shared/domain/present';

const SampleFile = z.object({
  relationship: z.tuple([z.string(), z.string()]),
  articles: z.array(
    z.object({
      daysAgo: z.number().int().min(0),
      title: z.string(),
      outlet: z.string(),
      author: z.string(),
      url: z.string(),
      paragraphs: z.array(z.string()).min(1),
      tags: z.array(z.object({ quote: z.string(), code: z.string(), source: z.string(), target: z.string(), note: z.string() })),
    }),
  ),
});

/**
 * Adds the sample dispatches (dated relative to today, so the chart has recent
 * activity) and their tags, all in one transaction.
 */
export function seedSample(ctx: AppContext, sampleFile: string): number {
  const sample = SampleFile.parse(JSON.parse(fs.readFileSync(sampleFile, 'utf8')));
  const { db } = ctx.workspace;
  const [codeA, codeB] = sample.relationship;
  const actorA = actorIdByCode(db, codeA);
  const actorB = actorIdByCode(db, codeB);
  const relationship = listRelationships(db).find(
    (r) => (r.actorA.id === actorA && r.actorB.id === actorB) || (r.actorA.id === actorB && r.actorB.id === actorA),
  );
  if (!relationship) throw new Error(`The sample's relationship ${codeA}–${codeB} is not in the workspace`);
  const codeIds = new Map(listCodes(db).map((c) => [c.key, c.id]));
  const today = localToday(ctx.now());
  return db
    .transaction(() => {
      for (const a of sample.articles) {
        const text = a.paragraphs.join(PARAGRAPH_SEPARATOR);
        const publishedOn = dayToIso(today - a.daysAgo);
        const article = createArticle(
          ctx,
          { title: a.title, outlet: a.outlet, author: a.author, url: a.url, publishedOn, relationshipId: relationship.id, text },
          { isSample: true },
        );
        for (const tag of a.tags) {
          const start = text.indexOf(tag.quote);
          if (start < 0 || text.indexOf(tag.quote, start + 1) >= 0) throw new Error(`Sample quote not found exactly once: ${tag.quote}`);
          createAnnotation(ctx, {
            articleId: article.id,
            start,
            end: start + tag.quote.length,
            codeId: present(codeIds.get(tag.code), `sample code ${tag.code}`),
            sourceActorId: present(actorIdByCode(db, tag.source), `sample actor ${tag.source}`),
            targetActorId: present(actorIdByCode(db, tag.target), `sample actor ${tag.target}`),
            confidence: 1,
            note: tag.note,
          });
        }
      }
      return sample.articles.length;
    })
    .immediate();
}

export function removeSample(ctx: AppContext): number {
  const ids = sampleArticleIds(ctx.workspace.db);
  if (ids.length === 0) throw new ApiError('NOT_FOUND', 'There are no sample articles left to remove.');
  deleteArticles(ctx, ids);
  return ids.length;
}
