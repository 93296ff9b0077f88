import { useState, type FormEvent } from 'react';
import type { ImportSummary } from '../../../../shared/api/exchange';
import { useConflicts, useSettingConflicts } from '../../state/exchangeQueries';
import { useApiAction } from '../../state/mutation';
import { useUi } from '../../state/ui';
import { mergeSummaryText } from './mergeFiles';
import { fileToBase64 } from './saveFile';
import { SettingConflicts } from './SettingConflicts';
import { useModal } from './useModal';

/** Brings in a colleague's .qdpx, JSON-LD export or workspace, then lists the conflicts to decide. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useModal(open);
  const say = useUi((s) => s.say);
  const merge = useApiAction('export:import');
  const resolveConflict = useApiAction('export:resolve-conflict');
  const conflicts = useConflicts(open);
  const conflictList = conflicts.data ?? [];
  const settingConflicts = useSettingConflicts(open);
  const [summary, setSummary] = useState<{ fileName: string; s: ImportSummary } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError('Choose a file first: a .qdpx project, a .qdc codebook, a Parley JSON-LD export or a Parley workspace.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await merge.mutateAsync({
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        analyst: String(form.get('analyst') ?? '').trim() || undefined,
      });
      setSummary({ fileName: file.name, s });
      say(
        'info',
        `Imported ${file.name}: ${s.annotationsAdded} tags and ${s.codesAdded} codes added, ${s.conflicts + s.settingConflicts} conflicts.`,
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const resolve = async (id: number, keep: 'ours' | 'theirs' | 'both') => {
    try {
      await resolveConflict.mutateAsync({ id, keep });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <dialog ref={ref} className="add-dialog" aria-labelledby="merge-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="merge-title">Import or merge a colleague’s coding</h2>
        <div className="row">
          <label className="field">
            <span>File (.qdpx, .qdc, .jsonld or a Parley workspace)</span>
            <input name="file" type="file" accept=".qdpx,.qdc,.jsonld,.json,.sqlite,.db,.parley" />
          </label>
          <label className="field">
            <span>Colleague (if the file does not name who coded)</span>
            <input name="analyst" maxLength={200} />
          </label>
        </div>
        <p className="export-muted">
          Articles are matched by their text; tags already here are left out; a different tag on the same passage is added and listed below
          for you to choose. Nothing is lost.
        </p>
        {summary && (
          <p role="status" className="export-summary">
            {mergeSummaryText(summary.fileName, summary.s)}
          </p>
        )}
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        {conflictList.length > 0 && (
          <section aria-label="Merge conflicts">
            <h3>Conflicts to decide ({conflictList.length})</h3>
            <p className="export-muted">Until you choose, both tags are in the workspace and both weigh on the score.</p>
            <ul className="export-conflicts">
              {conflictList.map((c) => (
                <li key={c.id}>
                  <q>{c.exact}</q>{' '}
                  <span className="export-muted">
                    in {c.articleTitle} — {c.reason}
                  </span>
                  <div>
                    Ours: {c.ours.code} {c.ours.direction}, by {c.ours.analyst || 'you'}
                    {c.ours.note && ` — “${c.ours.note}”`}
                  </div>
                  <div>
                    Theirs: {c.theirs.code} {c.theirs.direction}, by {c.theirs.analyst || 'colleague'}
                    {c.theirs.note && ` — “${c.theirs.note}”`}
                  </div>
                  <div className="dialog-actions">
                    <button type="button" onClick={() => void resolve(c.id, 'ours')}>
                      Keep ours
                    </button>
                    <button type="button" onClick={() => void resolve(c.id, 'theirs')}>
                      Keep theirs
                    </button>
                    <button type="button" onClick={() => void resolve(c.id, 'both')}>
                      Keep both
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        <SettingConflicts items={settingConflicts.data ?? []} onError={setError} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
