import { useRef, useState, type RefObject } from 'react';
import type { Annotation } from '../../../../shared/api/schemas';
import { PASSAGE_PROBLEM_MESSAGES, passageProblem, trimSpan } from '../../../../shared/domain/anchoring';
import type { Span } from '../../../../shared/domain/text';
import type { IntervalIndex } from '../../highlight/intervalIndex';
import { caretOffsetAt, type TextIndex } from '../../highlight/textIndex';
import { useCoding } from '../../state/coding';
import { useUpdateAnnotation } from '../../state/queries';
import { useUi } from '../../state/ui';

/** A passage about to be tagged: the new-tag popover is open on it. */
export interface Draft extends Span {
  anchor: DOMRect;
  /** A code chosen by its key before the popover opened. */
  codeId?: number;
}

export function domRange(index: TextIndex, start: number, end: number): Range | null {
  const r = index.rangeFor(start, end);
  if (!r) return null;
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range;
}

interface Options {
  text: string;
  index: TextIndex | null;
  bodyRef: RefObject<HTMLDivElement | null>;
  /** The clickable tags, for a click on a painted passage. */
  hitIndex: IntervalIndex<Annotation>;
  /** The orphaned (or re-placed) tag whose passage the next selection sets. */
  placing: Annotation | null;
}

/**
 * What the analyst has selected in the reader: a passage to tag (the draft), a
 * painted tag to edit (its anchor), or the new place of a tag being placed.
 * `resumeAt` is where the last passage tagged or cancelled ended: ] goes on from there.
 */
export function useReaderSelection(o: Options) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editAnchor, setEditAnchor] = useState<DOMRect | null>(null);
  const resumeAt = useRef<number | null>(null);
  const selectAnnotation = useUi((s) => s.selectAnnotation);
  const say = useUi((s) => s.say);
  const setPlacing = useCoding((s) => s.setPlacing);
  const updateAnnotation = useUpdateAnnotation();

  /** Opens the tag popover on the window's selection (with a code chosen); true when there was one to use. */
  const openDraftFromSelection = (codeId?: number): boolean => {
    const sel = window.getSelection();
    const { index, bodyRef, text, placing } = o;
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

  /** A drag selects a passage to tag; a click on a painted passage opens its tag. */
  const onMouseUp = (e: React.MouseEvent) => {
    if (openDraftFromSelection() || !o.index) return;
    const offset = caretOffsetAt(o.index, e.clientX, e.clientY);
    const hit = offset === null ? null : o.hitIndex.at(offset);
    setDraft(null);
    selectAnnotation(hit?.id ?? null);
    if (hit) setEditAnchor(domRange(o.index, hit.start, hit.end)?.getBoundingClientRect() ?? null);
  };

  const selectSpan = (span: Span) => {
    if (!o.index) return;
    const range = domRange(o.index, span.start, span.end);
    const sel = window.getSelection();
    if (!range || !sel) return;
    sel.removeAllRanges();
    sel.addRange(range);
    (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'nearest' });
  };

  /** After a save or a cancel: the place moves on, and the keys are the reader's again. */
  const closeDraft = () => {
    if (draft) resumeAt.current = draft.end;
    setDraft(null);
    window.getSelection()?.removeAllRanges();
    o.bodyRef.current?.focus();
  };

  return { draft, setDraft, editAnchor, setEditAnchor, resumeAt, openDraftFromSelection, onMouseUp, selectSpan, closeDraft };
}
