import { create } from 'zustand';

/** Whether the Desk dialog is open: the status line's link and the Coders menu both open it. */
export const useDeskDialog = create<{ open: boolean; show(): void; close(): void }>((set) => ({
  open: false,
  show: () => set({ open: true }),
  close: () => set({ open: false }),
}));
