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
  /** The library's sort order and filters. */
  library: LibraryQuery;
  setLibrary(q: Partial<LibraryQuery>): void;
  setHighlightFilter(f: Partial<HighlightFilter>): void;
  setPlacing(id: number | null): void;
  setEditingText(articleId: number | null): void;
  reveal(articleId: number, term: string): void;
  setShortcutsOpen(open: boolean): void;
}

export type LibrarySort = 'date-desc' | 'date-asc' | 'title' | 'outlet' | 'tags-desc';
export interface LibraryQuery {
  sort: LibrarySort;
  relationshipId?: number;
  codeId?: number;
  actorId?: number;
  outlet?: string;
  fromDate?: string;
  toDate?: string;
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
  library: { sort: 'date-desc' },
  setLibrary: (q) =>
    set((s) => {
      const next: Record<string, unknown> = { ...s.library, ...q };
      // An emptied filter is removed, so that the query sends only the filters in use.
      for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === '') delete next[k];
      return { library: next as unknown as LibraryQuery };
    }),
  setHighlightFilter: (f) => set((s) => ({ highlightFilter: { ...s.highlightFilter, ...f } })),
  setPlacing: (id) => set({ placingAnnotationId: id }),
  setEditingText: (articleId) => set({ editingTextOf: articleId, placingAnnotationId: null }),
  reveal: (articleId, term) => set({ revealTerm: { articleId, term, nonce: ++nonce } }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
}));
