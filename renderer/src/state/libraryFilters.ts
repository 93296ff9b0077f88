import { create } from 'zustand';

/** The library's sort order and filters (UI state: the articles they select live in the query cache). */
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

interface LibraryFilters {
  query: LibraryQuery;
  set(q: Partial<LibraryQuery>): void;
}

export const useLibraryFilters = create<LibraryFilters>((set) => ({
  query: { sort: 'date-desc' },
  set: (q) =>
    set((s) => {
      const next: Record<string, unknown> = { ...s.query, ...q };
      // An emptied filter is removed, so that the query sends only the filters in use.
      for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === '') delete next[k];
      return { query: next as unknown as LibraryQuery };
    }),
}));
