import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/errors';
import type { Annotation, Article, Relationship } from '../../../shared/api/schemas';
import { paragraphSpans } from '../../../shared/domain/text';
import { applyCodeColors, clearHighlights, paintHighlights, paintSearchHit } from '../highlight/paint';
import { IntervalIndex } from '../highlight/intervalIndex';
import { TextIndex } from '../highlight/textIndex';
import { useActors, useAnnotations, useArticle, useCodebook, useRelationships } from '../state/queries';
import { useCoding } from '../state/coding';
import { useFocus, useUi } from '../state/ui';
import { HighlightFilterBar, passesFilter } from './HighlightFilterBar';
import { useNlp } from '../state/nlp';
import { findWord, sentenceSpans } from './readerText';
import { useReaderKeys } from './reader/useReaderKeys';
import { domRange, useReaderSelection } from './reader/useReaderSelection';
import { ReaderPopovers } from './reader/ReaderPopovers';
import { ReaderView } from './reader/ReaderView';
import { useCodeKeys } from '../state/codingLoopQueries';
import { LayerStripes } from './agreement/LayerStripes';
import { inShownLayer, useLayerUi } from './agreement/layerState';
import { useSuggestionLayer } from './suggest/useSuggestionLayer';

const NO_ANNOTATIONS: Annotation[] = [];

function relationshipFor(article: Article, relationships: readonly Relationship[], fallbackId: number | null): Relationship | undefined {
  return relationships.find((r) => r.id === article.relationshipId) ?? relationships.find((r) => r.id === fallbackId) ?? relationships[0];
}

/**
 * The open article and everything that happens in its text: what is painted
 * (tags, suggestions, a search hit), the selection (reader/useReaderSelection),
 * the keys (reader/useReaderKeys), the view (reader/ReaderView) and the tag
 * popovers (reader/ReaderPopovers).
 */
export function Reader() {
  const articleId = useUi((s) => s.articleId);
  const selectedId = useUi((s) => s.selectedAnnotationId);
  const selectAnnotation = useUi((s) => s.selectAnnotation);
  const relationshipId = useUi((s) => s.relationshipId);
  const scrollNonce = useFocus((s) => s.scrollNonce);
  const article = useArticle(articleId);
  const annotations = useAnnotations(articleId);
  const codes = useCodebook();
  const actors = useActors();
  const relationships = useRelationships();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState<TextIndex | null>(null);
  const text = article.data?.text ?? '';
  const paragraphs = useMemo(() => paragraphSpans(text), [text]);
  const nlp = useNlp(articleId !== null);
  const sentences = useMemo(() => (text ? (nlp ?? { sentenceSpans }).sentenceSpans(text) : []), [text, nlp]);
  const codeKeys = useCodeKeys();
  const codeByKey = useMemo(() => new Map([...codeKeys].map(([id, k]) => [k, id])), [codeKeys]);

  const all = annotations.data ?? NO_ANNOTATIONS;
  // Orphans (passages not found after a text edit) have no place in the text to paint or click.
  // ... and the reader shows one coder layer at a time (the analyst's own unless another is picked).
  const shownLayer = useLayerUi((s) => s.shown);
  const placed = useMemo(() => all.filter((x) => !x.orphaned && inShownLayer(x, shownLayer)), [all, shownLayer]);
  const filter = useCoding((s) => s.highlightFilter);
  const relationshipsData = relationships.data;
  const codesData = codes.data;
  const rel = article.data && relationshipsData ? relationshipFor(article.data, relationshipsData, relationshipId) : undefined;
  // What is painted and clickable: placed tags that pass the highlight filter.
  const list = useMemo(
    () => (codesData ? placed.filter((x) => passesFilter(x, filter, codesData, rel)) : placed),
    [placed, filter, codesData, rel],
  );
  const hitIndex = useMemo(() => new IntervalIndex(list), [list]);
  const editingTextOf = useCoding((s) => s.editingTextOf);
  const placingId = useCoding((s) => s.placingAnnotationId);
  const setPlacing = useCoding((s) => s.setPlacing);
  const setShortcutsOpen = useCoding((s) => s.setShortcutsOpen);
  const editing = articleId !== null && editingTextOf === articleId;
  const placing = all.find((x) => x.id === placingId) ?? null;
  const selected = list.find((a) => a.id === selectedId) ?? null;
  const selection = useReaderSelection({ text, index, bodyRef, hitIndex, placing });
  const { draft, setDraft, setEditAnchor } = selection;
  const keys = useReaderKeys({
    text,
    sentences,
    index,
    bodyRef,
    codeByKey,
    resumeAt: selection.resumeAt,
    active: !draft,
    onHelp: () => setShortcutsOpen(true),
    onEscape: () => {
      selectAnnotation(null);
      setPlacing(null);
    },
  });
  const suggestions = useSuggestionLayer({
    articleId,
    index,
    text,
    codes: codesData,
    actors: actors.data,
    tags: placed,
    focusBody: () => bodyRef.current?.focus(),
  });

  useLayoutEffect(() => {
    setIndex(bodyRef.current && text ? new TextIndex(bodyRef.current) : null);
    setDraft(null);
  }, [text, editing, setDraft]);

  useEffect(() => {
    if (codes.data) applyCodeColors(codes.data);
  }, [codes.data]);

  useEffect(() => {
    if (index) paintHighlights(index, list, selectedId);
  }, [index, list, selectedId]);

  useEffect(
    () => () => {
      clearHighlights();
      paintSearchHit(null);
    },
    [],
  );

  // Opened from a search result: mark the matched word and bring it into view.
  const revealTerm = useCoding((s) => s.revealTerm);
  // (findWord: whole word first, so that "tariff" does not land inside "tariffs".)
  useEffect(() => {
    if (!index || !revealTerm || revealTerm.articleId !== articleId) {
      paintSearchHit(null);
      return;
    }
    const at = findWord(text, revealTerm.term);
    const range = at === null ? null : index.rangeFor(at, at + revealTerm.term.length);
    paintSearchHit(range);
    if (range) range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  }, [index, revealTerm, articleId, text]);

  // Scroll to and open the annotation picked in the side panel or the evidence list.
  useEffect(() => {
    if (!index || !selected) return;
    const range = domRange(index, selected.start, selected.end);
    (range?.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({ block: 'center' });
    // The popover's anchor can only be measured after the scroll, so it is set from this effect.
    if (range) setEditAnchor(range.getBoundingClientRect());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollNonce, index, selected?.id]);

  if (articleId === null) {
    return (
      <section className="reader empty" aria-label="Reader">
        <p>
          Pick an article in the library to read it, or add one with <b>Add article</b>.
        </p>
      </section>
    );
  }
  if (article.isError) {
    // The open article was deleted, its creation undone or a backup restored without it: say so and how to get it back,
    // rather than the server's "There is no article with id N".
    const gone = article.error instanceof ApiError && article.error.code === 'NOT_FOUND';
    return (
      <section className="reader empty" aria-label="Reader">
        {gone ? (
          <p>
            This article is no longer in the workspace (deleted, its creation undone, or a backup restored). Pick another
            article in the library; if removing it was your last change, <b>Ctrl+Shift+Z</b> (redo) brings it back.
          </p>
        ) : (
          <p role="alert">{article.error.message}</p>
        )}
      </section>
    );
  }
  if (!article.data || !codes.data || !actors.data || !relationships.data) {
    return <section className="reader empty" aria-label="Reader" aria-busy="true" />;
  }
  const a = article.data;
  const focusBody = () => bodyRef.current?.focus();

  return (
    <ReaderView
      article={a}
      text={text}
      paragraphs={paragraphs}
      rel={rel}
      editing={editing}
      filterBar={
        <HighlightFilterBar codes={codes.data} actors={actors.data} rel={rel} shown={list.length} total={placed.length} />
      }
      suggestionBar={suggestions.bar}
      placing={placing}
      nlpSentences={nlp !== null}
      bodyRef={bodyRef}
      onMouseUp={selection.onMouseUp}
      onKeyDown={(e) => {
        if (!draft && e.target === bodyRef.current && suggestions.onKeyDown(e)) return;
        keys.onKeyDown(e, { selectSpan: selection.selectSpan, openDraft: selection.openDraftFromSelection });
      }}
    >
      {!editing && <LayerStripes bodyRef={bodyRef} index={index} annotations={all} />}
      <ReaderPopovers
        article={a}
        text={text}
        rel={rel}
        draft={draft}
        closeDraft={selection.closeDraft}
        selected={draft ? null : selected}
        editAnchor={selection.editAnchor}
        scrollNonce={scrollNonce}
        onAdjust={(tag) => {
          selectAnnotation(null);
          setPlacing(tag.id);
          focusBody();
          selection.selectSpan(tag);
        }}
        focusBody={focusBody}
      />
    </ReaderView>
  );
}
