import { useVirtualizer } from '@tanstack/react-virtual';
import { SuggestButton } from './suggest/SuggestButton';
import { useRef } from 'react';
import { useImportUi } from '../import/importUi';
import { LIBRARY_PAGE, useArticlePage, useRemoveSample, useWorkspaceInfo } from '../state/queries';
import { useLibraryFilters, type LibraryQuery } from '../state/libraryFilters';
import { useUi } from '../state/ui';
import { LibraryFilters } from './LibraryFilters';
import { DeleteArticles } from './library/DeleteArticles';
import { TagsOutside } from './library/TagsOutside';
import { useLibrarySelection } from '../state/librarySelection';

/** One row; it asks for its page, which TanStack Query fetches once for all the rows on it. */
function ArticleRow({ query, index, total }: { query: LibraryQuery; index: number; total: number }) {
  const page = useArticlePage(query, Math.floor(index / LIBRARY_PAGE));
  const articleId = useUi((s) => s.articleId);
  const openArticle = useUi((s) => s.openArticle);
  const a = page.data?.items[index % LIBRARY_PAGE];
  if (!a) {
    return (
      <span className="article-item loading" aria-busy="true">
        Loading article {index + 1} of {total.toLocaleString()}…
      </span>
    );
  }
  return (
    <div className="article-row">
      <ArticleTick id={a.id} title={a.title} tags={a.annotationCount} />
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
    </div>
  );
}

function ArticleTick({ id, title, tags }: { id: number; title: string; tags: number }) {
  const ticked = useLibrarySelection((s) => s.ids.has(id));
  const toggle = useLibrarySelection((s) => s.toggle);
  return (
    <input type="checkbox" className="article-tick" aria-label={`Tick “${title}”`} checked={ticked} onChange={() => toggle(id, tags)} />
  );
}

export function Library({ onAdd }: { onAdd(): void }) {
  const query = useLibraryFilters((s) => s.query);
  const first = useArticlePage(query, 0);
  const info = useWorkspaceInfo();
  const removeSample = useRemoveSample();
  const openArticle = useUi((s) => s.openArticle);
  const say = useUi((s) => s.say);
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = first.data?.total ?? 0;
  const sampleCount = info.data?.sampleArticleCount ?? 0;
  const filtered = Object.keys(query).some((k) => k !== 'sort');

  // Only the rows in view (and a few around) are in the DOM, so 100,000 articles cost what 30 do.
  // The React Compiler skips this component (the virtualizer's functions cannot be memoized); that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 58,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();

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
        <SuggestButton />
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
      <LibraryFilters />
      <DeleteArticles />
      <TagsOutside />
      {first.isError && <p role="alert">{first.error.message}</p>}
      {first.isSuccess && total === 0 && !filtered && (
        <p className="empty-state">
          No articles yet. Paste one with <b>Add article</b> to start tagging.
        </p>
      )}
      {first.isSuccess && total === 0 && filtered && <p className="empty-state">No article matches these filters.</p>}
      {filtered && total > 0 && <p className="more">{total.toLocaleString()} articles match.</p>}
      <div className="library-scroll" ref={scrollRef}>
        <ul className="article-list virtual-list" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-setsize={total}
              aria-posinset={row.index + 1}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ArticleRow query={query} index={row.index} total={total} />
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
