import { create } from 'zustand';
import type { PickedFile } from './files';

/** Whether the import dialog is open, and files dropped on the window waiting for it. */
interface ImportUi {
  open: boolean;
  dropped: PickedFile[] | null;
  show(dropped?: PickedFile[]): void;
  takeDropped(): PickedFile[] | null;
  hide(): void;
}

export const useImportUi = create<ImportUi>((set, get) => ({
  open: false,
  dropped: null,
  show: (dropped) => set({ open: true, dropped: dropped ?? null }),
  takeDropped: () => {
    const d = get().dropped;
    if (d) set({ dropped: null });
    return d;
  },
  hide: () => set({ open: false, dropped: null }),
}));
