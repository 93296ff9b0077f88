import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

const items = (menu: HTMLElement | null) => [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];

/**
 * The WAI-ARIA menu button pattern: Enter, Space or ↓ on the button opens the
 * menu on its first item, ↑ on its last; in the menu ↑/↓ move (wrapping),
 * Home/End jump, Escape closes it and gives the button back the focus, Tab
 * closes it and moves on. A click outside closes it.
 */
export function useMenuButton() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  // Which item to focus once the menu is rendered: the first, the last, or none (opened by the mouse keeps the focus on the button).
  const focusOnOpen = useRef<'first' | 'last' | null>(null);

  useEffect(() => {
    if (!open) return;
    const list = items(menuRef.current);
    const want = focusOnOpen.current;
    focusOnOpen.current = null;
    if (want) list[want === 'first' ? 0 : list.length - 1]?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const openAt = (where: 'first' | 'last' | null) => {
    focusOnOpen.current = where;
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const buttonProps = {
    ref: buttonRef,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open,
    onClick: (e: { detail: number }) => (open ? close(false) : openAt(e.detail === 0 ? 'first' : null)),
    onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (open) items(menuRef.current)[e.key === 'ArrowDown' ? 0 : items(menuRef.current).length - 1]?.focus();
        else openAt(e.key === 'ArrowDown' ? 'first' : 'last');
      } else if (e.key === 'Escape' && open) {
        e.preventDefault();
        close(true);
      }
    },
  };

  const menuProps = {
    ref: menuRef,
    role: 'menu' as const,
    onKeyDown: (e: KeyboardEvent<HTMLUListElement>) => {
      const list = items(menuRef.current);
      const at = list.indexOf(document.activeElement as HTMLElement);
      const go = (i: number) => list[(i + list.length) % list.length]?.focus();
      if (e.key === 'ArrowDown') go(at + 1);
      else if (e.key === 'ArrowUp') go(at < 0 ? -1 : at - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(-1);
      else if (e.key === 'Escape') close(true);
      else if (e.key === 'Tab') return close(false);
      else return;
      e.preventDefault();
      e.stopPropagation();
    },
  };

  return { open, setOpen, buttonRef, buttonProps, menuProps };
}
