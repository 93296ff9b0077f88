import { useState, type FormEvent } from 'react';
import { EXPORT_FORMATS, FORMAT_LIMITS, type ExportFormat } from '../../../../shared/api/exchange';
import { useAnalyst, useSetAnalyst } from '../../state/exchangeQueries';
import { useApiAction } from '../../state/mutation';
import { useCodebook, useRelationships } from '../../state/queries';
import { useUi } from '../../state/ui';
import { saveExported } from './saveFile';
import { useModal } from './useModal';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  'brief-html': 'Brief — HTML (one self-contained file)',
  'brief-pdf': 'Brief — PDF',
  'brief-docx': 'Brief — Word (DOCX)',
  'brief-md': 'Brief — Markdown',
  'quotes-csv': 'Quotes — CSV, one row per tag',
  'events-csv': 'Event data — CSV (ICEWS-like)',
  'series-csv': 'Score series — CSV',
  'annotations-jsonld': 'Annotations — JSON-LD (W3C Web Annotation)',
  qdpx: 'REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder',
  qdc: 'REFI-QDA codebook (.qdc)',
};

/** The analyst brief's options (period, codes, actors, grouping, analyst) and the format to save. */
export function ExportDialog({ open, onClose, initialFormat }: { open: boolean; onClose(): void; initialFormat: ExportFormat }) {
  const ref = useModal(open);
  const relationshipId = useUi((s) => s.relationshipId);
  const halfLifeDays = useUi((s) => s.halfLifeDays);
  const say = useUi((s) => s.say);
  const relationships = useRelationships();
  const codebook = useCodebook();
  const analyst = useAnalyst();
  const setAnalyst = useSetAnalyst();
  const exportFile = useApiAction('export:file');
  const [format, setFormat] = useState<ExportFormat>(initialFormat);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rel = relationships.data?.find((r) => r.id === relationshipId);
  const topCodes = (codebook.data ?? []).filter((c) => c.parentId === null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (relationshipId === null) return;
    const form = new FormData(e.currentTarget);
    const codeIds = form.getAll('code').map(Number);
    const actorIds = form.getAll('actor').map(Number);
    const name = String(form.get('analyst') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      if (name !== (analyst.data?.name ?? '')) await setAnalyst.mutateAsync(name);
      const file = await exportFile.mutateAsync({
        relationshipId,
        halfLifeDays,
        format,
        fromDate: String(form.get('fromDate') || '') || undefined,
        toDate: String(form.get('toDate') || '') || undefined,
        codeIds: codeIds.length === topCodes.length ? undefined : codeIds,
        actorIds: actorIds.length === 2 ? undefined : actorIds,
        groupBy: form.get('groupBy') === 'date' ? 'date' : 'code',
        analyst: name || undefined,
        keyEventCount: Number(form.get('keyEventCount') ?? 5),
      });
      saveExported(file);
      say('info', `Exported ${file.fileName}.`);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="add-dialog" aria-labelledby="export-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="export-title">Analyst brief and data exports{rel ? `: ${rel.label}` : ''}</h2>
        <label className="field">
          <span>Format</span>
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <p className="export-muted" data-testid="format-limits">
          {FORMAT_LIMITS[format]}
        </p>
        <div className="row">
          <label className="field">
            <span>From</span>
            <input name="fromDate" type="date" />
          </label>
          <label className="field">
            <span>To</span>
            <input name="toDate" type="date" />
          </label>
          <label className="field">
            <span>Group quotes by</span>
            <select name="groupBy" defaultValue="code">
              <option value="code">Code</option>
              <option value="date">Date (month)</option>
            </select>
          </label>
        </div>
        <div className="row">
          <fieldset className="field export-choices">
            <legend>Codes</legend>
            {topCodes.map((c) => (
              <label key={c.id}>
                <input type="checkbox" name="code" value={c.id} defaultChecked /> {c.name}
              </label>
            ))}
          </fieldset>
          <fieldset className="field export-choices">
            <legend>Source actors</legend>
            {rel &&
              [rel.actorA, rel.actorB].map((a) => (
                <label key={a.id}>
                  <input type="checkbox" name="actor" value={a.id} defaultChecked /> {a.name} ({a.code})
                </label>
              ))}
          </fieldset>
        </div>
        <div className="row">
          <label className="field">
            <span>Analyst (title page and your own tags)</span>
            <input name="analyst" maxLength={200} defaultValue={analyst.data?.name ?? ''} key={analyst.data?.name ?? ''} />
          </label>
          <label className="field">
            <span>Key events</span>
            <input name="keyEventCount" type="number" min={0} max={50} defaultValue={5} />
          </label>
        </div>
        <p className="export-muted">
          Period defaults to the first tagged event up to today. Nothing leaves this machine: the file is saved where you choose.
        </p>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || relationshipId === null}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
