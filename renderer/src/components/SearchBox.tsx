import { useEffect, useId, useRef, useState } from 'react';
import { useSearch } from '../state/queries';
import { useCoding } from '../state/coding';
import { useFocus, useUi } from '../state/ui';

interface Part {
  text: string;
  match: boolean;
}

function Marked({ parts }: { parts: readonly Part[] }) {
  return <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Full-text search over titles, text and notes; a result opens its article scrolled to the match. */
export function SearchBox() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const query = useDebounced(text.trim(), 150);
  const results = useSearch(query);
  const openArticle = useUi((s) => s.openArticle);
  const focusAnnotation = useFocus((s) => s.focusAnnotation);
  const reveal = useCoding((s) => s.reveal);
  const boxRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const data = results.data;
  const shown = open && query !== '' && (data || results.isError);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (boxRef.current && !boxRef.current.contains(e.target as Node)) setOpen(false);
    };
    // Escape in the field or the results closes the results.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && boxRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const close = () => setOpen(false);
  return (
    <div className="search" ref={boxRef} role="search">
      <input
        type="search"
        aria-label="Search articles and notes"
        placeholder="Search articles and notes"
        value={text}
        aria-controls={shown ? panelId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
      />
      {shown && (
        <section id={panelId} className="search-results" aria-label="Search results">
          {results.isError && <p role="alert">{results.error.message}</p>}
          {data?.incomplete && <p role="status">The search index is still taking in the desk's articles: some may be missing.</p>}
          {data && data.articles.length === 0 && data.notes.length === 0 && <p className="empty-state">Nothing matches “{query}”.</p>}
          {data && data.articles.length > 0 && (
            <ol aria-label="Articles">
              {data.articles.map((r) => (
                <li key={r.articleId}>
                  <button
                    type="button"
                    className="search-hit"
                    onClick={() => {
                      openArticle(r.articleId);
                      if (r.term) reveal(r.articleId, r.term);
                      close();
                    }}
                  >
                    <span className="title">
                      <Marked parts={r.title} />
                    </span>
                    <span className="meta">
                      {r.outlet || 'Unknown outlet'} · {r.publishedOn}
                    </span>
                    <span className="snippet">
                      <Marked parts={r.snippet} />
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          {data && data.notes.length > 0 && (
            <>
              <h4>In notes</h4>
              <ol aria-label="Notes">
                {data.notes.map((n) => (
                  <li key={n.annotationId}>
                    <button
                      type="button"
                      className="search-hit"
                      onClick={() => {
                        focusAnnotation(n.articleId, n.annotationId);
                        close();
                      }}
                    >
                      <span className="title">{n.articleTitle}</span>
                      <span className="snippet">
                        <Marked parts={n.snippet} />
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}
    </div>
  );
}
