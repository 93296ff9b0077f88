/** Data of the desk in the window: its status (polled), its setting, and the writes of the Desk dialog. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { DeskStatus } from '../../../shared/api/desk';
import { api } from '../api';
import { keys } from './keys';
import { useApiAction, useApiMutation } from './mutation';

/** How often the status is asked for: often while a round pulls, rarely while no desk is set (only this window sets one). */
function pollMs(s: DeskStatus | undefined): number {
  if (!s || s.state === 'off') return 10_000;
  return s.state === 'syncing' || s.state === 'waiting' ? 500 : 2_000;
}

export const useDeskStatus = () =>
  useQuery({
    queryKey: keys.deskStatus(),
    queryFn: () => api.invoke('desk:status', {}),
    refetchInterval: (q) => pollMs(q.state.data),
  });

export const useDeskSetting = (enabled: boolean) =>
  useQuery({ queryKey: keys.deskSetting(), queryFn: () => api.invoke('desk:setting', {}), enabled });

export const useDeskConnect = () => useApiAction('desk:connect');
export const useDeskDisconnect = () => useApiAction('desk:disconnect');
export const useDeskDismissRefused = () => useApiAction('desk:dismiss-refused');
export const useDeskSync = () => useApiMutation('desk:sync');

/** Colleagues' copies of this laptop's own articles, with their differences (refreshed after every pull that brought sets). */
export const useDeskNearDuplicates = (enabled: boolean) =>
  useQuery({ queryKey: keys.deskNearDuplicates(), queryFn: () => api.invoke('desk:near-duplicates', {}), enabled });
export const useDeskKeepBoth = () => useApiMutation('desk:keep-both', { toInput: (articleId: number) => ({ articleId }) });

/**
 * A background round that brought colleagues' change sets changed what the window shows, without a write of its
 * own to say so: when the count of pulled sets grows, everything but the desk's status is fetched again.
 */
export function useRefreshAfterPull(pulled: number | undefined): void {
  const qc = useQueryClient();
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (pulled === undefined) return;
    if (seen.current !== null && pulled > seen.current) {
      const [desk] = keys.deskStatus();
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== desk });
    }
    seen.current = pulled;
  }, [pulled, qc]);
}
