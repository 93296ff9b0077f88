import type { BackupDiff } from '../../../../shared/api/backupDiff';
import { plural } from '../../../../shared/domain/text';
import { useBackupDiff } from '../../state/exchangeQueries';

type Side = BackupDiff['articlesAdded'] | BackupDiff['tagsAdded'];

function DiffList({ title, side, line }: { title: string; side: Side; line(item: Side['items'][number]): string }) {
  if (side.count === 0) return null;
  return (
    <section className="restore-diff-part" aria-label={title}>
      <h4>
        {title} ({side.count})
      </h4>
      <ul>
        {side.items.map((item) => (
          <li key={item.id}>{line(item)}</li>
        ))}
        {side.count > side.items.length && <li className="export-muted">and {side.count - side.items.length} more</li>}
      </ul>
    </section>
  );
}

const article = (a: Side['items'][number]) => ('title' in a ? `${a.title} (${a.publishedOn})` : '');
const tag = (t: Side['items'][number]) => ('codeName' in t ? `${t.codeName}: “${t.exact}” in ${t.articleTitle}` : '');

/** What a restore would change, item by item: what was added since the backup is lost, what was removed comes back. */
export function RestoreDiff({ fileName }: { fileName: string }) {
  const diff = useBackupDiff(fileName);
  const d = diff.data;
  if (diff.isError) return <p role="alert">{diff.error.message}</p>;
  if (!d) return <p aria-busy="true">Comparing with the backup…</p>;
  const total = d.articlesAdded.count + d.articlesRemoved.count + d.articlesChanged.count + d.tagsAdded.count + d.tagsRemoved.count;
  if (total === 0) return <p>The backup holds the same articles and tags as the workspace now.</p>;
  return (
    <div className="restore-diff" aria-label="What the restore changes">
      <p>
        Since this backup, {plural(d.articlesAdded.count, 'article')} and {plural(d.tagsAdded.count, 'tag')} were added (the restore removes
        them), {plural(d.articlesRemoved.count, 'article')} and {plural(d.tagsRemoved.count, 'tag')} were removed (it brings them back).
      </p>
      <DiffList title="Articles added since the backup" side={d.articlesAdded} line={article} />
      <DiffList title="Articles removed since the backup" side={d.articlesRemoved} line={article} />
      <DiffList title="Articles whose text changed since the backup" side={d.articlesChanged} line={article} />
      <DiffList title="Tags added since the backup" side={d.tagsAdded} line={tag} />
      <DiffList title="Tags removed since the backup" side={d.tagsRemoved} line={tag} />
    </div>
  );
}
