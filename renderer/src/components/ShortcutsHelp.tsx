import { useEffect } from 'react';
import { useCoding } from '../state/coding';
import { ModalDialog } from './ModalDialog';

const SHORTCUTS: readonly (readonly [string, string, string])[] = [
  ['Reading', ']  /  [', 'Select the next / previous sentence'],
  ['Reading', 'Shift+→  /  Shift+←', 'Extend / shrink the selection at its end by a word'],
  ['Reading', 'Alt+Shift+→  /  Alt+Shift+←', 'Shrink / extend the selection at its start by a word'],
  ['Reading', 'Enter  or  T', 'Tag the selection (or place the tag being placed)'],
  ['Reading', 'Esc', 'Clear the selection'],
  ['Tagging', '1  2  3', 'Threat, overture, concession'],
  ['Tagging', '4 … 9,  0', 'Pick a subtype of the chosen code; 0 for none'],
  ['Tagging', 'S', 'Swap source and target'],
  ['Tagging', 'C', 'Cycle the confidence (100 %, 75 %, 50 %, 25 %)'],
  ['Tagging', 'N', 'Write a note'],
  ['Tagging', 'B', 'Adjust the passage of an existing tag (then select and Enter)'],
  ['Tagging', 'Enter  /  Esc  /  Del', 'Save / cancel / delete the tag'],
  ['Anywhere', 'Ctrl+Z  /  Ctrl+Shift+Z', 'Undo / redo the last change (kept across restarts)'],
  ['Anywhere', '?', 'This list'],
];

/** Every keyboard shortcut, opened with `?`. */
export function ShortcutsHelp() {
  const open = useCoding((s) => s.shortcutsOpen);
  const setOpen = useCoding((s) => s.setShortcutsOpen);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
      if (e.key === '?' && !typing && !e.defaultPrevented) setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);

  return (
    <ModalDialog open={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" className="shortcuts">
      <table>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Keys</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([where, keys, what]) => (
            <tr key={keys + where}>
              <td>{where}</td>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
