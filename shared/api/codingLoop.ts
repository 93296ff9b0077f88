/** Operations of the coding loop (issue 13): managing articles, code keys and usage, tags outside every relationship. */
import { z } from 'zod';
import { ArticleCreateInput } from './inputs';
import { ArticleSummary, Id, IsoDate } from './schemas';

const meta = ArticleCreateInput.pick({ title: true, outlet: true, author: true, url: true }).partial();

export const OutsideTag = z.object({
  id: Id,
  articleId: Id,
  articleTitle: z.string(),
  exact: z.string(),
  codeId: Id,
  sourceActorId: Id,
  targetActorId: Id,
  eventDate: IsoDate,
});
export type OutsideTag = z.infer<typeof OutsideTag>;

export const codingLoopOps = {
  /** Deletes articles with their tags in one undoable step. */
  'articles:delete-many': {
    input: z.object({ ids: z.array(Id).min(1, 'No article chosen').max(10_000) }).strict(),
    output: z.object({ deletedArticles: z.number().int(), deletedAnnotations: z.number().int() }),
  },
  /** Corrects an article's title, outlet, author, published date or URL (undoable). */
  'articles:update-meta': {
    input: meta.extend({ id: Id, publishedOn: IsoDate.optional() }).strict(),
    output: ArticleSummary,
  },
  /** Tags per code, for handing out the popover's keys to the most used codes first. */
  'codebook:usage': { input: z.object({}).strict(), output: z.array(z.object({ codeId: Id, tags: z.number().int() })) },
  /** Sets the key a code is picked with in the tag popover (null: the next free one); a code that had it loses it. */
  'codebook:set-key': {
    input: z
      .object({
        id: Id,
        key: z
          .string()
          .regex(/^[1-9d-mo-qu-z]$/i, 'A code key is a digit 1–9 or a letter other than A, B, C, N, R, S and T')
          .nullable(),
      })
      .strict(),
    output: z.object({ id: Id, key: z.string().nullable() }),
  },
  /** Tags whose source and target form no relationship: they count in no score. */
  'annotations:outside-relationships': { input: z.object({}).strict(), output: z.array(OutsideTag) },
} as const;
