import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, Article, Relationship } from '../../../shared/api/schemas';
import { PASSAGE_PROBLEM_MESSAGES, passageProblem, trimSpan } from '../../../shared/domain/anchoring';
import { paragraphSpans } from '../../../shared/domain/text';
import { applyCodeColors, clearHighlights, paintHighlights, paintSearchHit } from '../highlight/paint';
import { IntervalIndex } from '../highlight/intervalIndex';
import { caretOffsetAt, TextIndex } from '../highlight/textIndex';
import {
  useActors,
  useAnnotations,
  useArticle,
  useCodebook,
  useCreateAnnotation,
  useDeleteAnnotation,
  useRelationships,
  useAddAlias,
  useUpdateAnnotation,
} from '../state/queries';
import { useCoding } from '../state/coding';
import { useFocus, useUi } from '../state/ui';
import { ArticleTextEditor } from './ArticleTextEditor';
import { HighlightFilterBar, passesFilter } from './HighlightFilterBar';
import { useNlp } from '../state/nlp';
import { useDirectionProposal } from './useDirectionProposal';
import { findWord, sentenceSpans } from './readerText';
import { useReaderKeys } from './reader/useReaderKeys';
import { usePopoverActions } from './reader/usePopoverActions';
import { useCodeKeys } from '../state/codingLoopQueries';
import { ArticleDetailsButton } from './library/ArticleDetailsDialog';
import { LayerBar } from './agreement/LayerBar';
import { LayerStripes } from './agreement/LayerStripes';
import { inShownLayer, useLayerUi } from './agreement/layerState';
import { TagPopover, type TagChoice } from './TagPopover';
import { useSuggestionLayer } from './suggest/useSuggestionLayer';

const NO_ANNOTATIONS: Annotation[] = [];

interface Draft {
  start: number;
  end: number;
  anchor: DOMRect;
  /** A code chosen by its key before the popover opened. */
  codeId?: number;
}

function domRange(index: TextIndex, start: number, end: number): Range | null {
  const r = index.rangeFor(start, end);
  if (!r) return null;
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range;
}

function relationshipFor(article: Article, relationships: readonly Relationship[], fallbackId: number | null): Relationship | undefined {
  return relationships.find((r) => r.id === article.relationshipId) ?? relationships.find((r) => r.id === fallbackId) ?? relationships[0];
}

export function Reader() {
  const articleId = useUi((s) => s.articleId);
  const selectedId = useUi((s) => s.selectedAnnotationId);
  const selectAnnotation = useUi((s) => s.selectAnnotation);
  const relationshipId = useUi((s) => s.relationshipId);
  const say = useUi((s) => s.say);
  const scrollNonce = useFocus((s) => s.scrollNonce);
  const article = useArticle(articleId);
  const annotations = useAnnotations(articleId);
  const codes = useCodebook();
  const actors = useActors();
  const relationships = useRelationships();
  const createAnnotation = useCreateAnnotation();
  const updateAnnotation = useUpdateAnnotation();
  const deleteAnnotation = useDeleteAnnotation(articleId ?? 0);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState<TextIndex | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editAnchor, setEditAnchor] = useState<DOMRect | null>(null);
  const text = article.data?.text ?? '';
  const paragraphs = useMemo(() => paragraphSpans(text), [text]);
  const nlp = useNlp();
  const sentences = useMemo(() => (text ? (nlp ?? { sentenceSpans }).sentenceSpans(text) : []), [text, nlp]);
  const openRel = article.data && relationships.data ? relationshipFor(article.data, relationships.data, relationshipId) : undefined;
  const proposal = useDirectionProposal(text, draft, actors.data, openRel);
  const codeKeys = useCodeKeys();
  const codeByKey = useMemo(() => new Map([...codeKeys].map(([id, k]) => [k, id])), [codeKeys]);
  const draftWord = draft ? text.slice(draft.start, draft.end) : '';
  const popoverActions = usePopoverActions(
    actors.data ?? [],
    draftWord.length <= 40 && draftWord.split(/\s+/).length <= 4 ? draftWord : null,
  );
  const keys = useReaderKeys({
    text,
    sentences,
    index,
    bodyRef,
    codeByKey,
    active: !draft,
    onHelp: () => setShortcutsOpen(true),
    onEscape: () => {
      selectAnnotation(null);
      setPlacing(null);
    },
  });

  const all = annotations.data ?? NO_ANNOTATIONS;
  // Orphans (passages not found after a text edit) have no place in the text to paint or click.
  // ... and the reader shows one coder layer at a time (the analyst's own unless another is picked).
  const shownLayer = useLayerUi((s) => s.shown);
  const placed = useMemo(() => all.filter((x) => !x.orphaned && inShownLayer(x, shownLayer)), [all, shownLayer]);
  const filter = useCoding((s) => s.highlightFilter);
  const relationshipsData = relationships.data;
  const codesData = codes.data;
  const articleRel = article.data && relationshipsData ? relationshipFor(article.data, relationshipsData, relationshipId) : undefined;
  // What is painted and clickable: placed tags that pass the highlight filter.
  const list = useMemo(
    () => (codesData ? placed.filter((x) => passesFilter(x, filter, codesData, articleRel)) : placed),
    [placed, filter, codesData, articleRel],
  );
  const hitIndex = useMemo(() => new IntervalIndex(list), [list]);
  const editingTextOf = useCoding((s) => s.editingTextOf);
  const setEditingText = useCoding((s) => s.setEditingText);
  const placingId = useCoding((s) => s.placingAnnotationId);
  const setPlacing = useCoding((s) => s.setPlacing);
  const setShortcutsOpen = useCoding((s) => s.setShortcutsOpen);
  const addAlias = useAddAlias();
  const editing = articleId !== null && editingTextOf === articleId;
  const placing = all.find((x) => x.id === placingId) ?? null;
  const selected = list.find((a) => a.id === selectedId) ?? null;
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
  }, [text, editing]);

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
    if (range) (range.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({ block: 'center' });
  }, [index, revealTerm, articleId, text]);

  // Scroll to and open the annotation picked in the side panel or the evidence list.
  useEffect(() => {
    if (!index || !selected) return;
    const range = domRange(index, selected.start, selected.end);
    (range?.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({ block: 'center' });
    // The popover's anchor can only be measured after the scroll, so it is set from this effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
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
    return (
      <section className="reader empty" aria-label="Reader">
        <p role="alert">{(article.error as Error).message}</p>
      </section>
    );
  }
  if (!article.data || !codes.data || !actors.data || !relationships.data) {
    return <section className="reader empty" aria-label="Reader" aria-busy="true" />;
  }
  const a = article.data;
  const rel = relationshipFor(a, relationships.data, relationshipId);

  const openDraftFromSelection = (codeId?: number): boolean => {
    const sel = window.getSelection();
    if (!index || !sel || sel.rangeCount === 0 || sel.isCollapsed || !bodyRef.current) return false;
    const r = sel.getRangeAt(0);
    if (!bodyRef.current.contains(r.commonAncestorContainer)) return false;
    const s = index.offsetOf(r.startContainer, r.startOffset);
    const e = index.offsetOf(r.endContainer, r.endOffset);
    if (s === null || e === null) return false;
    const span = trimSpan(text, s, e);
    const problem = passageProblem(text, span.start, span.end);
    if (problem) {
      say('error', PASSAGE_PROBLEM_MESSAGES[problem]);
      return true;
    }
    if (placing) {
      updateAnnotation.mutate(
        { id: placing.id, start: span.start, end: span.end, exact: text.slice(span.start, span.end) },
        {
          onSuccess: () => {
            setPlacing(null);
            sel.removeAllRanges();
            say('info', `Tag placed on “${text.slice(span.start, span.end)}”.`);
          },
        },
      );
      return true;
    }
    selectAnnotation(null);
    setDraft({ ...span, anchor: r.getBoundingClientRect(), ...(codeId !== undefined ? { codeId } : {}) });
    return true;
  };

  const onMouseUp = (e: React.MouseEvent) => {
    if (openDraftFromSelection() || !index) return;
    const offset = caretOffsetAt(index, e.clientX, e.clientY);
    const hit = offset === null ? null : hitIndex.at(offset);
    setDraft(null);
    selectAnnotation(hit?.id ?? null);
    if (hit) setEditAnchor(domRange(index, hit.start, hit.end)?.getBoundingClientRect() ?? null);
  };

  const selectSpan = (span: { start: number; end: number }) => {
    if (!index) return;
    const range = domRange(index, span.start, span.end);
    if (!range) return;
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'nearest' });
  };

  const directionNote = proposal ? `${proposal.reason}. S swaps.` : null;
  const defaultChoice = (): TagChoice => ({
    codeId: draft?.codeId ?? null,
    sourceActorId: proposal?.sourceActorId ?? rel?.actorA.id ?? actors.data[0]!.id,
    targetActorId: proposal?.targetActorId ?? rel?.actorB.id ?? actors.data[1]!.id,
    note: '',
    eventDate: a.publishedOn,
    confidence: 1,
  });
  const draftQuote = draft ? text.slice(draft.start, draft.end) : '';
  const aliasCandidate = draftQuote.length <= 40 && draftQuote.split(/\s+/).length <= 4 && !/[.!?;:]$/.test(draftQuote);

  const closeDraft = () => {
    if (draft) keys.resumeFrom(draft.end);
    setDraft(null);
    window.getSelection()?.removeAllRanges();
    bodyRef.current?.focus();
  };

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
      {!editing && placed.length > 0 && (
        <HighlightFilterBar codes={codes.data} actors={actors.data} rel={rel} shown={list.length} total={placed.length} />
      )}
      {placing && (
        <p className="placing-banner">
          Placing the tag “{placing.exact}”: select its passage in the text (mouse, or <kbd>]</kbd> and <kbd>Enter</kbd>).{' '}
          <button type="button" onClick={() => setPlacing(null)}>
            Stop
          </button>
        </p>
      )}
      {!editing && suggestions.bar}
      {editing && <ArticleTextEditor article={a} />}
      {/* The article is a focusable reading surface: selection by mouse, commands by key (listed in the hint above). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        hidden={editing}
        ref={bodyRef}
        className="article-body"
        role="document"
        aria-label="Article text"
        data-sentences={nlp ? 'nlp' : 'browser'}
        tabIndex={0}
        onMouseUp={onMouseUp}
        onKeyDown={(e) => {
          if (!draft && e.target === bodyRef.current && suggestions.onKeyDown(e)) return;
          keys.onKeyDown(e, { selectSpan, openDraft: openDraftFromSelection });
        }}
      >
        {paragraphs.map((p) => (
          <p key={p.start} data-start={p.start}>
            {text.slice(p.start, p.end)}
          </p>
        ))}
      </div>
      {!editing && <LayerStripes bodyRef={bodyRef} index={index} annotations={all} />}
      {draft && (
        <TagPopover
          key={`new-${draft.start}-${draft.end}`}
          mode="new"
          anchor={draft.anchor}
          quote={text.slice(draft.start, draft.end)}
          codes={codes.data}
          codeKeys={codeKeys}
          actors={actors.data}
          relationships={relationships.data}
          {...popoverActions}
          initial={defaultChoice()}
          directionNote={directionNote}
          onHelp={() => setShortcutsOpen(true)}
          onAddAlias={
            aliasCandidate
              ? (actorId) =>
                  addAlias.mutate(
                    { actorId, alias: draftQuote },
                    { onSuccess: (actor) => say('info', `“${draftQuote}” is now an alias of ${actor.name}.`) },
                  )
              : undefined
          }
          busy={createAnnotation.isPending}
          onCancel={closeDraft}
          onSave={(c) =>
            createAnnotation.mutate(
              { articleId: a.id, start: draft.start, end: draft.end, exact: text.slice(draft.start, draft.end), ...c },
              {
                onSuccess: (created: Annotation) => {
                  closeDraft();
                  say('info', `Tagged as ${codes.data.find((x) => x.id === created.codeId)?.name ?? 'code'}.`);
                },
              },
            )
          }
        />
      )}
      {selected && editAnchor && !draft && (
        <TagPopover
          key={`edit-${selected.id}-${selected.updatedAtMs}-${scrollNonce}`}
          mode="edit"
          anchor={editAnchor}
          quote={selected.exact}
          codes={codes.data}
          codeKeys={codeKeys}
          actors={actors.data}
          relationships={relationships.data}
          {...popoverActions}
          initial={{
            codeId: selected.codeId,
            sourceActorId: selected.sourceActorId,
            targetActorId: selected.targetActorId,
            note: selected.note,
            eventDate: selected.eventDate,
            confidence: selected.confidence,
          }}
          onHelp={() => setShortcutsOpen(true)}
          onAdjust={() => {
            const span = { start: selected.start, end: selected.end };
            selectAnnotation(null);
            setPlacing(selected.id);
            bodyRef.current?.focus();
            selectSpan(span);
          }}
          busy={updateAnnotation.isPending}
          onCancel={() => {
            selectAnnotation(null);
            bodyRef.current?.focus();
          }}
          onSave={(c) => updateAnnotation.mutate({ id: selected.id, ...c }, { onSuccess: () => say('info', 'Tag updated.') })}
          onDelete={() =>
            deleteAnnotation.mutate(selected.id, {
              onSuccess: () => {
                selectAnnotation(null);
                say('info', 'Tag deleted.');
                bodyRef.current?.focus();
              },
            })
          }
        />
      )}
    </section>
  );
}
