import type { KeyboardEvent, MouseEvent, ReactNode, RefObject } from 'react';
import type { Annotation, Article, Relationship } from '../../../../shared/api/schemas';
import type { Span } from '../../../../shared/domain/text';
import { useCoding } from '../../state/coding';
import { LayerBar } from '../agreement/LayerBar';
import { ArticleTextEditor } from '../ArticleTextEditor';
import { ArticleDetailsButton } from '../library/ArticleDetailsDialog';

interface Props {
  article: Article;
  text: string;
  paragraphs: readonly Span[];
  rel: Relationship | undefined;
  editing: boolean;
  /** The bar filtering the painted tags (shown once the article has any). */
  filterBar: ReactNode;
  suggestionBar: ReactNode;
  placing: Annotation | null;
  /** True once shared/nlp's sentences are in use (the browser's segmenter until then). */
  nlpSentences: boolean;
  bodyRef: RefObject<HTMLDivElement | null>;
  onMouseUp(e: MouseEvent): void;
  onKeyDown(e: KeyboardEvent): void;
  /** The popovers, placed over the text. */
  children: ReactNode;
}

/** The open article: its head, the bars over the text, the text as a focusable reading surface, and its popovers. */
export function ReaderView({ bodyRef, onMouseUp, onKeyDown, children, ...p }: Props) {
  const { article: a, rel, editing, placing } = p;
  const setEditingText = useCoding((s) => s.setEditingText);
  const setPlacing = useCoding((s) => s.setPlacing);
  return (
    <section className="reader" aria-label="Reader">
      <header className="article-head">
        <h2>{a.title}</h2>
        <p className="byline">
          {a.outlet || 'Unknown outlet'} · <time dateTime={a.publishedOn}>{a.publishedOn}</time>
          {a.author && <> · {a.author}</>}
          {rel && <> · {rel.label}</>}
          {a.isSample && <span className="badge">sample</span>}
        </p>
        {a.url && <p className="url">{a.url}</p>}
        {!editing && (
          <button type="button" className="edit-text" onClick={() => setEditingText(a.id)}>
            Edit text
          </button>
        )}
        {!editing && <ArticleDetailsButton article={a} />}
        <p className="hint">
          Select a passage with the mouse, or press <kbd>]</kbd> for the next sentence and <kbd>Shift</kbd>+<kbd>→</kbd> to extend it; then
          tag it with <kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd>.
        </p>
      </header>
      {!editing && <LayerBar />}
      {!editing && p.filterBar}
      {placing && (
        <p className="placing-banner">
          Placing the tag “{placing.exact}”: select its passage in the text (mouse, or <kbd>]</kbd> and <kbd>Enter</kbd>).{' '}
          <button type="button" onClick={() => setPlacing(null)}>
            Stop
          </button>
        </p>
      )}
      {!editing && p.suggestionBar}
      {editing && <ArticleTextEditor article={a} />}
      {/* The article is a focusable reading surface: selection by mouse, commands by key (listed in the hint above). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        hidden={editing}
        ref={bodyRef}
        className="article-body"
        role="document"
        aria-label="Article text"
        data-sentences={p.nlpSentences ? 'nlp' : 'browser'}
        tabIndex={0}
        onMouseUp={onMouseUp}
        onKeyDown={onKeyDown}
      >
        {p.paragraphs.map((s) => (
          <p key={s.start} data-start={s.start}>
            {p.text.slice(s.start, s.end)}
          </p>
        ))}
      </div>
      {children}
    </section>
  );
}
