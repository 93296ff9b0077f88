import { useEffect, useRef, useState } from 'react';
import { useDeskDialog } from '../desk/deskUi';
import { useMenuButton } from '../useMenuButton';
import { AdjudicationDialog } from './AdjudicationDialog';
import { AgreementDialog } from './AgreementDialog';
import { PackageDialog } from './PackageDialog';
import './agreement.css';

type Panel = 'report' | 'adjudicate' | 'package' | null;

const ITEMS: { panel: Exclude<Panel, null>; label: string }[] = [
  { panel: 'package', label: 'Coding package…' },
  { panel: 'report', label: 'Agreement…' },
  { panel: 'adjudicate', label: 'Adjudicate…' },
];

/** The top bar's entry to the blind coding package, the agreement report and adjudication: one menu, so the bar stays one line. */
export function AgreementMenu() {
  const { open, setOpen, buttonRef, buttonProps, menuProps } = useMenuButton();
  const [panel, setPanel] = useState<Panel>(null);
  // The menu item that opened a dialog is gone afterwards: the focus goes back to the menu's button.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (panel !== null) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      buttonRef.current?.focus();
    }
  }, [panel, buttonRef]);
  const showDesk = useDeskDialog((d) => d.show);
  const openDesk = () => {
    // The focus goes to the menu's button first, so that the Desk dialog gives it back there when it closes.
    buttonRef.current?.focus();
    setOpen(false);
    showDesk();
  };
  const show = (p: Panel) => {
    setOpen(false);
    setPanel(p);
  };
  return (
    <div className="menu">
      <button type="button" {...buttonProps}>
        Coders
      </button>
      {open && (
        <ul {...menuProps} className="menu-list" aria-label="Coders">
          {ITEMS.map((item) => (
            <li key={item.panel} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => show(item.panel)}>
                {item.label}
              </button>
            </li>
          ))}
          <li role="separator" className="menu-separator" />
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={openDesk}>
              Desk…
            </button>
          </li>
        </ul>
      )}
      <AgreementDialog open={panel === 'report'} onClose={() => setPanel(null)} />
      <AdjudicationDialog open={panel === 'adjudicate'} onClose={() => setPanel(null)} />
      <PackageDialog open={panel === 'package'} onClose={() => setPanel(null)} />
    </div>
  );
}
