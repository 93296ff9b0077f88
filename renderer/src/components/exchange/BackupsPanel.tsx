import { useState } from 'react';
import type { OpOutput } from '../../../../shared/api/contract';
import { useBackups } from '../../state/exchangeQueries';
import { useApiAction } from '../../state/mutation';
import { useUi } from '../../state/ui';
import { RestoreDiff } from './RestoreDiff';
import { useModal } from './useModal';

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toLocaleString());
const size = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Backups of the whole workspace: make one now, set the daily rotation, restore after seeing what is replaced. */
export function BackupsPanel({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useModal(open);
  const say = useUi((s) => s.say);
  const backups = useBackups(open);
  const create = useApiAction('backup:create');
  const saveSettings = useApiAction('backup:settings');
  const previewRestore = useApiAction('backup:preview-restore');
  const restore = useApiAction('backup:restore');
  const [preview, setPreview] = useState<OpOutput<'backup:preview-restore'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const settings = backups.data?.settings;

  return (
    <dialog ref={ref} className="add-dialog" aria-labelledby="backups-title" onClose={onClose}>
      <div className="export-panel">
        <h2 id="backups-title">Backups</h2>
        <p className="export-muted">Saved in {backups.data?.dir ?? '…'}. Each backup is the whole workspace in one checked file.</p>
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const b = await create.mutateAsync({});
                say('info', `Backed up to ${b.fileName}.`);
              })
            }
          >
            Back up now
          </button>
          {settings && (
            <>
              <label>
                <input
                  type="checkbox"
                  checked={settings.autoDaily}
                  onChange={(e) =>
                    void act(async () => void (await saveSettings.mutateAsync({ autoDaily: e.target.checked })))
                  }
                />{' '}
                Daily backup
              </label>
              <label>
                Keep{' '}
                <input
                  type="number"
                  min={1}
                  max={365}
                  aria-label="Daily backups to keep"
                  defaultValue={settings.keepDaily}
                  key={settings.keepDaily}
                  onBlur={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= 1 && n !== settings.keepDaily)
                      void act(async () => void (await saveSettings.mutateAsync({ keepDaily: n })));
                  }}
                />{' '}
                daily backups
              </label>
            </>
          )}
        </div>
        <table className="export-backups">
          <thead>
            <tr>
              <th scope="col">Backup</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(backups.data?.items ?? []).map((b) => (
              <tr key={b.fileName}>
                <td>{when(b.createdAtMs)}</td>
                <td>{b.kind}</td>
                <td>{size(b.sizeBytes)}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void act(async () => setPreview(await previewRestore.mutateAsync({ fileName: b.fileName })))}
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
            {backups.data?.items.length === 0 && (
              <tr>
                <td colSpan={4}>No backup yet.</td>
              </tr>
            )}
          </tbody>
        </table>
        {preview && (
          <section role="alertdialog" aria-label="Confirm restore" className="export-confirm">
            <p>
              <b>Replace the workspace with the backup of {when(preview.backup.createdAtMs)}?</b>
            </p>
            <p>
              Now: {preview.current.articles} articles, {preview.current.annotations} tags, last change{' '}
              {when(preview.current.lastChangeAtMs)}.
              <br />
              Backup: {preview.replacement.articles} articles, {preview.replacement.annotations} tags, last change{' '}
              {when(preview.replacement.lastChangeAtMs)}.
            </p>
            <RestoreDiff fileName={preview.backup.fileName} />
            <p className="export-muted">What is there now is saved as a backup first, so this can be undone.</p>
            <div className="dialog-actions">
              <button type="button" onClick={() => setPreview(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const r = await restore.mutateAsync({ fileName: preview.backup.fileName, confirm: true });
                    setPreview(null);
                    say('info', `Restored ${r.restored.fileName}; the replaced workspace is saved as ${r.savedAs.fileName}.`);
                  })
                }
              >
                Replace the workspace
              </button>
            </div>
          </section>
        )}
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
