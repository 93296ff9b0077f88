import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../shared/api/exchange';
import type { ReportFormat } from '../../../shared/api/schemas';
import { useApiAction } from '../state/mutation';
import { useUi } from '../state/ui';
import { BackupsPanel } from './exchange/BackupsPanel';
import { ExportDialog } from './exchange/ExportDialog';
import { ImportDialog } from './exchange/ImportDialog';
import { saveExported } from './exchange/saveFile';
import { useMenuButton } from './useMenuButton';

const QUICK: { format: ReportFormat; label: string }[] = [
  { format: 'html', label: 'HTML report' },
  { format: 'md', label: 'Markdown report' },
  { format: 'csv', label: 'CSV of tags' },
  { format: 'json', label: 'JSON dump' },
];

const BRIEF: { format: ExportFormat; label: string }[] = [
  { format: 'brief-pdf', label: 'Analyst brief (PDF, Word, HTML)…' },
  { format: 'quotes-csv', label: 'Data exports (CSV, JSON-LD)…' },
  { format: 'qdpx', label: 'REFI-QDA for NVivo, ATLAS.ti, MAXQDA…' },
];

type Panel = { kind: 'export'; format: ExportFormat } | { kind: 'import' } | { kind: 'backups' } | null;

export function ExportMenu() {
  const relationshipId = useUi((s) => s.relationshipId);
  const halfLifeDays = useUi((s) => s.halfLifeDays);
  const say = useUi((s) => s.say);
  const exportReport = useApiAction('report:export');
  const { open, setOpen, buttonRef, buttonProps, menuProps } = useMenuButton();
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  // The menu item that opened a dialog (or a quick export, which disables the button) is gone afterwards:
  // give the focus back to the Export button.
  const away = panel !== null || busy;
  const wasAway = useRef(false);
  useEffect(() => {
    if (away) wasAway.current = true;
    else if (wasAway.current) {
      wasAway.current = false;
      buttonRef.current?.focus();
    }
  }, [away, buttonRef]);

  const run = async (format: ReportFormat) => {
    if (relationshipId === null) return;
    setOpen(false);
    setBusy(true);
    try {
      const file = await exportReport.mutateAsync({ relationshipId, format, halfLifeDays });
      saveExported(file);
      say('info', `Exported ${file.fileName}.`);
    } catch (err) {
      say('error', (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const show = (p: Panel) => {
    setOpen(false);
    setPanel(p);
  };

  return (
    <div className="menu">
      <button type="button" {...buttonProps} disabled={relationshipId === null || busy}>
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {open && (
        <ul {...menuProps} className="menu-list" aria-label="Export">
          {BRIEF.map((f) => (
            <li key={f.format} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => show({ kind: 'export', format: f.format })}>
                {f.label}
              </button>
            </li>
          ))}
          <li role="separator" className="menu-separator" />
          {QUICK.map((f) => (
            <li key={f.format} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => void run(f.format)}>
                {f.label}
              </button>
            </li>
          ))}
          <li role="separator" className="menu-separator" />
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => show({ kind: 'import' })}>
              Import or merge…
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => show({ kind: 'backups' })}>
              Backups…
            </button>
          </li>
        </ul>
      )}
      {/* Mounted only while shown, so each opening starts fresh. */}
      {panel?.kind === 'export' && <ExportDialog open initialFormat={panel.format} onClose={() => setPanel(null)} />}
      {panel?.kind === 'import' && <ImportDialog open onClose={() => setPanel(null)} />}
      {panel?.kind === 'backups' && <BackupsPanel open onClose={() => setPanel(null)} />}
    </div>
  );
}
