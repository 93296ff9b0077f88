/**
 * What restoring a backup would change, item by item, beyond the counts of
 * backup:preview-restore: articles and tags added or removed since the
 * backup, and articles whose text changed. Both files are only read.
 */
import type { BackupDiff } from '../../shared/api/backupDiff';
import { articleIdentities, articleLabels, tagIdentities, tagLabels, type Identity } from '../db/backupDiff';
import { openReadonly } from '../db/files';
import { checkDatabaseFile, requireBackup } from './backup';
import type { AppContext } from './context';

const QUOTE_CHARS = 120;
const key = (r: Identity) => `${r.id}:${r.createdAtMs}`;

/** Rows of `a` that `b` lacks, newest first (by creation time). */
function missingFrom(a: Identity[], b: Identity[]): Identity[] {
  const there = new Set(b.map(key));
  return a.filter((r) => !there.has(key(r))).sort((x, y) => y.createdAtMs - x.createdAtMs || y.id - x.id);
}

export function backupDiff(ctx: AppContext, fileName: string, limit: number): BackupDiff {
  const backup = requireBackup(ctx, fileName);
  checkDatabaseFile(backup.path);
  const now = ctx.workspace.db;
  const then = openReadonly(backup.path);
  try {
    const [articlesNow, articlesThen] = [articleIdentities(now), articleIdentities(then)];
    const [tagsNow, tagsThen] = [tagIdentities(now), tagIdentities(then)];
    const hashThen = new Map(articlesThen.map((r) => [key(r), r.hash]));
    const changed = articlesNow.filter((r) => hashThen.has(key(r)) && hashThen.get(key(r)) !== r.hash);
    const ids = (rows: Identity[]) => rows.slice(0, limit).map((r) => r.id);
    const short = <T extends { exact: string }>(t: T) => ({
      ...t,
      exact: t.exact.length > QUOTE_CHARS ? `${t.exact.slice(0, QUOTE_CHARS)}…` : t.exact,
    });
    const added = missingFrom(articlesNow, articlesThen);
    const removed = missingFrom(articlesThen, articlesNow);
    const tagsAdded = missingFrom(tagsNow, tagsThen);
    const tagsRemoved = missingFrom(tagsThen, tagsNow);
    return {
      articlesAdded: { count: added.length, items: articleLabels(now, ids(added)) },
      articlesRemoved: { count: removed.length, items: articleLabels(then, ids(removed)) },
      articlesChanged: { count: changed.length, items: articleLabels(now, ids(changed)) },
      tagsAdded: { count: tagsAdded.length, items: tagLabels(now, ids(tagsAdded)).map(short) },
      tagsRemoved: { count: tagsRemoved.length, items: tagLabels(then, ids(tagsRemoved)).map(short) },
    };
  } finally {
    then.close();
  }
}
