/** What a restore would change, item by item: the backup preview's list of articles and tags added or removed since the backup. */
import { z } from 'zod';
import { Id } from './schemas';

const DiffArticle = z.object({ id: Id, title: z.string(), publishedOn: z.string() });
const DiffTag = z.object({ id: Id, articleTitle: z.string(), codeName: z.string(), exact: z.string() });

/** Each list holds at most `limit` items, newest first; the counts are complete. */
const side = <T extends z.ZodTypeAny>(item: T) => z.object({ count: z.number().int(), items: z.array(item) });

export const BackupDiff = z.object({
  /** In the workspace now but not in the backup: a restore removes them. */
  articlesAdded: side(DiffArticle),
  /** In the backup but not in the workspace now: a restore brings them back. */
  articlesRemoved: side(DiffArticle),
  /** In both, with a different text (edited since the backup). */
  articlesChanged: side(DiffArticle),
  tagsAdded: side(DiffTag),
  tagsRemoved: side(DiffTag),
});
export type BackupDiff = z.infer<typeof BackupDiff>;

export const backupDiffOps = {
  'backup:diff': {
    input: z.object({ fileName: z.string(), limit: z.number().int().min(1).max(500).default(20) }).strict(),
    output: BackupDiff,
  },
} as const;
