import { create } from 'zustand';

/** Whether the import dialog is open. */
interface ImportUi {
  open: boolean;
  show(): void;
  hide(): void;
}

export const useImportUi = create<ImportUi>((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
