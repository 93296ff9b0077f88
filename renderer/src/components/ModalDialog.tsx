import { type ReactNode } from 'react';
import { useModal } from './exchange/useModal';

/** A native modal <dialog> (focus trap, Escape, backdrop) opened and closed from React state; closing returns the focus to its opener. */
export function ModalDialog({
  open,
  onClose,
  title,
  className,
  children,
}: {
  open: boolean;
  onClose(): void;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useModal(open);
  return (
    <dialog ref={ref} className={`modal ${className ?? ''}`} aria-label={title} onClose={onClose}>
      <div className="modal-head">
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
