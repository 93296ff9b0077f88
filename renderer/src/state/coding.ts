import { create } from 'zustand';

/** UI-only state of the coding workbench (kept apart from ui.ts so that each part stays small). */
interface CodingState {
  /** The orphaned annotation the analyst is placing by hand: the next selection becomes its passage. */
  placingAnnotationId: number | null;
  /** The article whose text is open for correction. */
  editingTextOf: number | null;
  /** A search term to show and select once the article it was found in is open. */
  revealTerm: { articleId: number; term: string; nonce: number } | null;
  shortcutsOpen: boolean;
  /** Which highlights the reader paints: a code (with its subtypes), an actor on either side, a direction. */
  highlightFilter: HighlightFilter;
  setHighlightFilter(f: Partial<HighlightFilter>): void;
  setPlacing(id: number | null): void;
  setEditingText(articleId: number | null): void;
  reveal(articleId: number, term: string): void;
  setShortcutsOpen(open: boolean): void;
}

export interface HighlightFilter {
  codeId: number | null;
  actorId: number | null;
  /** 'ab': from the relationship's first actor to its second; 'ba': the other way. */
  direction: 'any' | 'ab' | 'ba';
}

let nonce = 0;

export const useCoding = create<CodingState>((set) => ({
  placingAnnotationId: null,
  editingTextOf: null,
  revealTerm: null,
  shortcutsOpen: false,
  highlightFilter: { codeId: null, actorId: null, direction: 'any' },
  setHighlightFilter: (f) => set((s) => ({ highlightFilter: { ...s.highlightFilter, ...f } })),
  setPlacing: (id) => set({ placingAnnotationId: id }),
  setEditingText: (articleId) => set({ editingTextOf: articleId, placingAnnotationId: null }),
  reveal: (articleId, term) => set({ revealTerm: { articleId, term, nonce: ++nonce } }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
}));
