/** Operations on what a desk brought that the analyst decides (issue 18): pulled articles that nearly duplicate one of theirs. */
import { z } from 'zod';
import { Empty } from './inputs';
import { Id } from './schemas';

const ArticleBrief = z.object({ id: Id, title: z.string(), outlet: z.string(), publishedOn: z.string() });

export const DeskNearDuplicate = z.object({
  /** The article a pull brought (a colleague's copy). */
  pulled: ArticleBrief,
  /** This laptop's own article it nearly duplicates. */
  own: ArticleBrief,
  /** The exact share of word shingles the two texts have in common. */
  similarity: z.number(),
  foundAtMs: z.number(),
  /** Paragraphs only in the pulled copy, and only in this laptop's. */
  onlyHere: z.array(z.string()),
  onlyThere: z.array(z.string()),
});
export type DeskNearDuplicate = z.infer<typeof DeskNearDuplicate>;

export const deskCarryOperations = {
  'desk:near-duplicates': { input: Empty, output: z.array(DeskNearDuplicate) },
  'desk:keep-both': {
    input: z.object({ articleId: Id }).strict(),
    output: z.object({ remaining: z.number().int().nonnegative() }),
  },
} as const;
