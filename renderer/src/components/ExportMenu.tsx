import { useState } from 'react';
import type { ReportFormat } from '../../../shared/api/schemas';
import { api } from '../api';
import { useUi } from '../state/ui';

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'html', label: 'HTML report' },
  { format: 'md', label: 'Markdown report' },
  { format: 'csv', label: 'CSV of tags' },
  { format: 'json', label: 'JSON dump' },
];

/** Saves a report through the browser's (or Electron's) save dialog. */
function saveFile(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportMenu() {
  const relationshipId = useUi((s) => s.relationshipId);
  const halfLifeDays = useUi((s) => s.halfLifeDays);
  const say = useUi((s) => s.say);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (format: ReportFormat) => {
    if (relationshipId === null) return;
    setOpen(false);
    setBusy(true);
    try {
      const file = await api.invoke('report:export', { relationshipId, format, halfLifeDays });
      saveFile(file.fileName, file.mimeType, file.content);
      say('info', `Exported ${file.fileName}.`);
    } catch (err) {
      say('error', (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="menu">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={relationshipId === null || busy}
        onClick={() => setOpen((o) => !o)}
      >
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {open && (
        <ul role="menu" className="menu-list" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {FORMATS.map((f) => (
            <li key={f.format} role="none">
              <button type="button" role="menuitem" onClick={() => void run(f.format)}>
                {f.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
