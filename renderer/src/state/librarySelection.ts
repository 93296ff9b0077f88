import { create } from 'zustand';

/** Articles ticked in the library, for deleting several at once. */
interface LibrarySelection {
  /** id → the article's tag count when ticked (for the confirmation). */
  ids: ReadonlyMap<number, number>;
  toggle(id: number, tags: number): void;
  clear(): void;
}

export const useLibrarySelection = create<LibrarySelection>((set) => ({
  ids: new Map(),
  toggle: (id, tags) =>
    set((s) => {
      const ids = new Map(s.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.set(id, tags);
      return { ids };
    }),
  clear: () => set({ ids: new Map() }),
}));
