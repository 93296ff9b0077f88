import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { useWorkspaceInfo } from '../state/queries';
import { useUi } from '../state/ui';

/** Shown when the workspace could not be read at start and a fresh one was opened in its place. */
export function RecoveryBanner() {
  const info = useWorkspaceInfo();
  const qc = useQueryClient();
  const say = useUi((s) => s.say);
  const salvage = useMutation({
    mutationFn: () => api.invoke('workspace:salvage', {}),
    onSuccess: (r) => {
      const copied = r.tables.reduce((n, t) => n + t.copied, 0);
      const lost = r.tables.reduce((n, t) => n + Math.max(0, t.unreadable), 0);
      say('info', `Salvaged ${copied.toLocaleString()} records${lost ? `; ${lost.toLocaleString()} could not be read` : ''}.`);
      void qc.invalidateQueries();
    },
    onError: (err) => say('error', (err as Error).message),
  });
  const recovery = info.data?.recovery;
  if (!recovery) return null;
  return (
    <section className="recovery-banner" role="alert" aria-label="Damaged workspace">
      <p>
        <b>Parley could not read your workspace</b> ({recovery.reason}). Nothing was deleted: the damaged file was kept as{' '}
        <code>{recovery.damagedPath}</code>, and a fresh workspace was opened in its place.
      </p>
      <p>Salvage copies every record that can still be read from the damaged file into this workspace. You can also restore a backup.</p>
      <button type="button" className="primary" disabled={salvage.isPending} onClick={() => salvage.mutate()}>
        {salvage.isPending ? 'Salvaging…' : 'Salvage what can be read'}
      </button>
    </section>
  );
}
