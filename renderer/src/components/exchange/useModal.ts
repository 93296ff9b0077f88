import { useEffect, useRef } from 'react';
import { useReturnFocus } from '../useReturnFocus';

/** Opens and closes a <dialog> as a modal when `open` changes; closing gives the focus back to what opened it. */
export function useModal(open: boolean) {
  useReturnFocus(open);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
