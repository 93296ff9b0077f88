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
  setPlacing(id: number | null): void;
  setEditingText(articleId: number | null): void;
  reveal(articleId: number, term: string): void;
  setShortcutsOpen(open: boolean): void;
}

let nonce = 0;

export const useCoding = create<CodingState>((set) => ({
  placingAnnotationId: null,
  editingTextOf: null,
  revealTerm: null,
  shortcutsOpen: false,
  setPlacing: (id) => set({ placingAnnotationId: id }),
  setEditingText: (articleId) => set({ editingTextOf: articleId, placingAnnotationId: null }),
  reveal: (articleId, term) => set({ revealTerm: { articleId, term, nonce: ++nonce } }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
}));
