import { useImportUi } from '../import/importUi';
import { useArticles, useRemoveSample, useWorkspaceInfo } from '../state/queries';
import { useUi } from '../state/ui';

export function Library({ onAdd }: { onAdd(): void }) {
  const articles = useArticles();
  const info = useWorkspaceInfo();
  const removeSample = useRemoveSample();
  const articleId = useUi((s) => s.articleId);
  const openArticle = useUi((s) => s.openArticle);
  const say = useUi((s) => s.say);
  const items = articles.data?.items ?? [];
  const sampleCount = info.data?.sampleArticleCount ?? 0;

  return (
    <nav className="library" aria-label="Library">
      <div className="library-head">
        <h2>Library</h2>
        <button type="button" className="primary" onClick={onAdd}>
          Add article
        </button>
        <button type="button" onClick={() => useImportUi.getState().show()}>
          Import…
        </button>
      </div>
      {sampleCount > 0 && (
        <div className="sample-banner">
          <p>{sampleCount} sample dispatches, written to show how Parley works.</p>
          <button
            type="button"
            onClick={() => {
              if (window.confirm(`Remove the ${sampleCount} sample articles and their tags? Your own articles stay.`)) {
                removeSample.mutate(undefined, {
                  onSuccess: (r) => {
                    openArticle(null);
                    say('info', `Removed ${r.deletedArticles} sample articles.`);
                  },
                });
              }
            }}
          >
            Remove sample
          </button>
        </div>
      )}
      {articles.isError && <p role="alert">{(articles.error as Error).message}</p>}
      {articles.isSuccess && items.length === 0 && (
        <p className="empty-state">
          No articles yet. Paste one with <b>Add article</b> to start tagging.
        </p>
      )}
      <ul className="article-list">
        {items.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="article-item"
              aria-current={a.id === articleId ? 'true' : undefined}
              onClick={() => openArticle(a.id)}
            >
              <span className="title">{a.title}</span>
              <span className="meta">
                {a.outlet || 'Unknown outlet'} · <time dateTime={a.publishedOn}>{a.publishedOn}</time>
              </span>
              <span className="count" aria-label={`${a.annotationCount} tags`}>
                {a.annotationCount}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {articles.data && articles.data.total > items.length && (
        <p className="more">
          Showing {items.length} of {articles.data.total.toLocaleString()} articles.
        </p>
      )}
    </nav>
  );
}
