import type { KeyboardEvent } from 'react';

interface Listbox {
  open: boolean;
  /** Options in the list. */
  count: number;
  show(): void;
  hide(): void;
  move(to: (i: number) => number): void;
  /** Picks the active option (index clamped to the list), or nothing when the list is empty. */
  pickActive(): void;
}

/** The keys of a combobox's list (WAI-ARIA): ↑/↓ open and move, Enter picks, Escape closes; they never reach the popover. */
export function listboxKeyDown(e: KeyboardEvent<HTMLInputElement>, l: Listbox): void {
  const stop = () => {
    e.preventDefault();
    e.stopPropagation();
  };
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    stop();
    if (!l.open) l.show();
    const n = l.count || 1;
    l.move((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
  } else if (e.key === 'Enter' && l.open) {
    stop();
    if (l.count) l.pickActive();
    else l.hide();
  } else if (e.key === 'Escape' && l.open) {
    stop();
    l.hide();
  }
}
