import { useEffect, useRef, useState } from 'react';
import { plural } from '../../../shared/domain/text';
import { useRecoveryBackup } from '../state/exchangeQueries';
import { useApiMutation } from '../state/mutation';
import { useWorkspaceInfo } from '../state/queries';
import { useUi } from '../state/ui';

const when = (ms: number) => new Date(ms).toLocaleString();

/**
 * Shown when the workspace could not be read at start and an empty one was opened in its place:
 * what happened, and the two ways back — restore the latest good backup, or salvage what can be read.
 */
export function RecoveryBanner() {
  const info = useWorkspaceInfo();
  const say = useUi((s) => s.say);
  const openArticle = useUi((s) => s.openArticle);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The button that asked disappears with the question: the keyboard moves on to the answer.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const recovery = info.data?.recovery;
  const good = useRecoveryBackup(recovery?.atMs ?? null);
  const salvage = useApiMutation<'workspace:salvage', void>('workspace:salvage', {
    toInput: () => ({}),
    onSuccess: (r) => {
      const copied = r.tables.reduce((n, t) => n + t.copied, 0);
      const lost = r.tables.reduce((n, t) => n + Math.max(0, t.unreadable), 0);
      say('info', `Salvaged ${copied.toLocaleString()} records${lost ? `; ${lost.toLocaleString()} could not be read` : ''}.`);
    },
  });
  const restore = useApiMutation('backup:restore', {
    toInput: (fileName: string) => ({ fileName, confirm: true }),
    onSuccess: (r) => {
      setConfirming(false);
      openArticle(null);
      say('info', `Restored the backup of ${when(r.restored.createdAtMs)}. The damaged file stays where it was kept aside.`);
    },
  });
  if (!recovery) return null;
  const backup = good.data ?? null;
  const busy = salvage.isPending || restore.isPending;

  return (
    <section className="recovery-banner" role="alert" aria-label="Damaged workspace">
      <p>
        <b>Parley could not read your workspace</b> ({recovery.reason}). Nothing was deleted: the damaged file was kept as{' '}
        <code>{recovery.damagedPath}</code>, and an empty workspace was opened in its place, so Parley can be used meanwhile.
      </p>
      {good.isPending && <p aria-busy="true">Looking for a backup to restore…</p>}
      {backup && (
        <p>
          <b>What to do:</b> restore the backup of {when(backup.backup.createdAtMs)} ({plural(backup.counts.articles, 'article')},{' '}
          {plural(backup.counts.annotations, 'tag')}; changes made after it are not in it), or salvage every record that can still be read
          from the damaged file into this empty workspace. Choose one.
        </p>
      )}
      {good.isSuccess && !backup && (
        <p>
          <b>What to do:</b> salvage every record that can still be read from the damaged file into this empty workspace. No backup made
          before the damage opens cleanly, so there is none to restore.
        </p>
      )}
      {good.isError && <p>{good.error.message}</p>}
      {confirming && backup ? (
        <div role="group" aria-label="Confirm restore" className="export-confirm">
          <p>
            <b>Replace this empty workspace with the backup of {when(backup.backup.createdAtMs)}?</b> The damaged file stays at{' '}
            <code>{recovery.damagedPath}</code>.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
            <button
              ref={confirmRef}
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => restore.mutate(backup.backup.fileName)}
            >
              {restore.isPending ? 'Restoring…' : 'Restore'}
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          {backup && (
            <button type="button" className="primary" disabled={busy} onClick={() => setConfirming(true)}>
              Restore backup of {when(backup.backup.createdAtMs)}
            </button>
          )}
          <button type="button" className={backup ? undefined : 'primary'} disabled={busy} onClick={() => salvage.mutate()}>
            {salvage.isPending ? 'Salvaging…' : 'Salvage what can be read'}
          </button>
        </div>
      )}
    </section>
  );
}
