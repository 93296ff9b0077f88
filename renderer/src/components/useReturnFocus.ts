import { useEffect, useRef } from 'react';

/**
 * Remembers what had the keyboard focus when `active` became true (a dialog
 * opening) and gives it back when `active` turns false or the component
 * unmounts. Call it before the hook that opens the dialog, so that it sees the
 * focus before showModal moves it. When the opener is gone by then (a menu item,
 * a button the dialog replaced), `fallback` names what gets the focus instead.
 */
export function useReturnFocus(active: boolean, fallback?: () => HTMLElement | null | undefined): void {
  const fallbackRef = useRef(fallback);
  useEffect(() => {
    fallbackRef.current = fallback;
  });
  useEffect(() => {
    if (!active) return;
    const now = document.activeElement;
    const from = now instanceof HTMLElement && now !== document.body ? now : null;
    return () => {
      // After React and the native <dialog> have finished closing: either may still hold the focus inside.
      queueMicrotask(() => {
        const target = from?.isConnected ? from : fallbackRef.current?.();
        target?.focus();
      });
    };
  }, [active]);
}
