/**
 * One document import, as the import dialog follows it: files uploaded, the
 * job started, its status polled (TanStack Query's refetchInterval) while
 * main reads or saves, the table of items fetched once per phase that shows
 * one, and what the saved articles made stale refreshed when it is done.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef } from 'react';
import type { ImportPhase, ImportStatus } from '../../../shared/api/importSchemas';
import { api } from '../api';
import { keys } from './keys';
import { shownByCaller, useApiMutation, useInvalidateAfter } from './mutation';
import { useUi } from './ui';

/** How often the dialog asks while main works on the files. */
const IMPORT_POLL_MS = 250;

const listed = (phase: ImportPhase | undefined): phase is 'review' | 'done' => phase === 'review' || phase === 'done';

export function useImportJob(jobId: string | null) {
  const qc = useQueryClient();
  const say = useUi((s) => s.say);
  const invalidateAfter = useInvalidateAfter();
  const status = useQuery({
    queryKey: keys.importStatus(jobId ?? ''),
    queryFn: () => api.invoke('import:status', { jobId: jobId ?? '' }),
    enabled: jobId !== null,
    retry: false,
    // Asked again while main reads or saves; still once the table can be shown.
    refetchInterval: (q) => (q.state.data && !listed(q.state.data.phase) ? IMPORT_POLL_MS : false),
  });
  const phase = status.data?.phase;
  const items = useQuery({
    queryKey: keys.importItems(jobId ?? '', phase ?? ''),
    queryFn: () => api.invoke('import:status', { jobId: jobId ?? '', includeItems: true }),
    enabled: jobId !== null && listed(phase),
    staleTime: Infinity,
    retry: false,
  });
  // Thousands of rows: React builds the table from the deferred list in slices between frames, so the interface never stalls on it.
  const listedStatus = useDeferredValue(items.data ?? null);

  const done = items.data?.phase === 'done' ? items.data : null;
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!done || announced.current === done.jobId) return;
    announced.current = done.jobId;
    void invalidateAfter('import:commit', { jobId: done.jobId }, done);
    say('info', `Imported ${done.counts.saved.toLocaleString()} article${done.counts.saved === 1 ? '' : 's'}.`);
  }, [done, invalidateAfter, say]);

  // The job's first status comes with its start: shown at once, polled from there.
  const seed = (s: ImportStatus) => qc.setQueryData(keys.importStatus(s.jobId), s);
  const upload = useApiMutation('import:upload', { onError: shownByCaller });
  const start = useApiMutation('import:start', { onError: shownByCaller, onSuccess: seed });
  const cancel = useApiMutation('import:cancel', { onError: shownByCaller });
  const commit = useApiMutation('import:commit', { onError: shownByCaller });
  return {
    status: status.data ?? null,
    error: status.error ?? items.error,
    /** The status with its items, once fetched for the phase shown now (null meanwhile: "Preparing the list…"). */
    listed: listedStatus && listedStatus.jobId === jobId && listedStatus.phase === phase ? listedStatus : null,
    upload: upload.mutateAsync,
    start: start.mutateAsync,
    cancel: cancel.mutateAsync,
    commit: commit.mutateAsync,
  };
}
