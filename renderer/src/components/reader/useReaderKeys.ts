import type { KeyboardEvent, RefObject } from 'react';
import type { Span } from '../../../../shared/domain/text';
import type { TextIndex } from '../../highlight/textIndex';
import { nextWordStart, previousWordStart } from '../readerText';

interface Actions {
  selectSpan(span: Span): void;
  /** Opens the tag popover on the selection (with a code chosen); true when the key was used. */
  openDraft(codeId?: number): boolean;
}

interface Options {
  text: string;
  sentences: readonly Span[];
  index: TextIndex | null;
  bodyRef: RefObject<HTMLDivElement | null>;
  /** code key → code id: a code key on a selection opens the popover with that code chosen. */
  codeByKey: ReadonlyMap<string, number>;
  /** Where the last passage tagged or cancelled ended (useReaderSelection): ] continues from there. */
  resumeAt: RefObject<number | null>;
  /** False while the popover is open: the reader's keys are then the popover's. */
  active: boolean;
  onHelp(): void;
  onEscape(): void;
}

/**
 * The reader's keyboard: ] and [ step through sentences (] goes on from the
 * last passage tagged or cancelled), Shift+←/→ extend the selection by a
 * word, Alt+Shift+←/→ move its start, Enter or T opens the tag popover, and a
 * code's key opens it with that code chosen, so that the next sentence is
 * tagged in three keys: ], the code's key, Enter.
 */
export function useReaderKeys(o: Options) {
  const resumeAt = o.resumeAt;
  const selectionStart = (): number | null => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !o.index || !o.bodyRef.current?.contains(sel.anchorNode)) return null;
    return o.index.offsetOf(sel.getRangeAt(0).startContainer, sel.getRangeAt(0).startOffset);
  };

  const onKeyDown = (e: KeyboardEvent, act: Actions) => {
    if (!o.active || e.target !== o.bodyRef.current) return;
    const sel = window.getSelection();
    if (e.key === ']' || e.key === '[') {
      e.preventDefault();
      const at = selectionStart();
      const next =
        e.key === ']'
          ? o.sentences.find((s) => (at !== null ? s.start > at : resumeAt.current === null || s.start >= resumeAt.current))
          : [...o.sentences].reverse().find((s) => (at !== null ? s.start < at : resumeAt.current !== null && s.end <= resumeAt.current));
      if (next) act.selectSpan(next);
    } else if (e.shiftKey && e.altKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft') && sel && !sel.isCollapsed && o.index) {
      // Alt+Shift moves the start of the selection by a word: → drops the first word, ← takes in the one before.
      e.preventDefault();
      const r = sel.getRangeAt(0);
      const s = o.index.offsetOf(r.startContainer, r.startOffset);
      const end = o.index.offsetOf(r.endContainer, r.endOffset);
      if (s === null || end === null) return;
      const next = e.key === 'ArrowRight' ? nextWordStart(o.text, s, end) : previousWordStart(o.text, s);
      if (next < end) act.selectSpan({ start: next, end });
    } else if (e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft') && sel && !sel.isCollapsed) {
      e.preventDefault();
      sel.modify('extend', e.key === 'ArrowRight' ? 'forward' : 'backward', 'word');
    } else if (e.key === 'Enter' || e.key === 't') {
      if (act.openDraft()) e.preventDefault();
    } else if (e.key === '?') {
      e.preventDefault();
      o.onHelp();
    } else if (e.key === 'Escape') {
      sel?.removeAllRanges();
      o.onEscape();
    } else if (!e.ctrlKey && !e.metaKey && !e.altKey && o.codeByKey.has(e.key.toLowerCase()) && selectionStart() !== null) {
      if (act.openDraft(o.codeByKey.get(e.key.toLowerCase()))) e.preventDefault();
    }
  };

  return { onKeyDown };
}
