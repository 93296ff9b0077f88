/** Queries and mutations of the score's own operations: marks, buckets, grades and events. */
import { skipToken, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { keys } from './keys';
import { useApiMutation } from './mutation';
import { useUi } from './ui';

export const useMarks = (
  relationshipId: number | null,
  halfLifeDays: number,
  windowDays: number,
  thresholds: number[],
  metric: 'M' | 'R' | 'index',
) =>
  useQuery({
    queryKey: keys.marks(relationshipId ?? 0, halfLifeDays, windowDays, thresholds, metric),
    queryFn:
      relationshipId === null
        ? skipToken
        : () => api.invoke('score:marks', { relationshipId, halfLifeDays, windowDays, thresholds, metric }),
  });

export const useBuckets = (relationshipId: number | null, unit: 'week' | 'month', enabled: boolean) =>
  useQuery({
    queryKey: keys.buckets(relationshipId ?? 0, unit),
    queryFn: !enabled || relationshipId === null ? skipToken : () => api.invoke('score:buckets', { relationshipId, unit }),
  });

export const useReliability = () => useQuery({ queryKey: keys.reliability(), queryFn: () => api.invoke('reliability:list', {}) });

/** Says `text` once the change is saved and what it changed is refreshed. */
function useSayDone(text: string) {
  const say = useUi((s) => s.say);
  return () => say('info', text);
}

export const useGroupEvent = () =>
  useApiMutation('events:group', { onSuccess: useSayDone('Grouped as one event: it now counts once.') });
export const useUngroupEvent = () =>
  useApiMutation('events:ungroup', {
    toInput: (eventId: number) => ({ eventId }),
    onSuccess: useSayDone('Event ungrouped: each passage counts on its own again.'),
  });
export const useGradeOutlet = () => useApiMutation('outlets:grade');
export const useSetGradeFactor = () => useApiMutation('reliability:set-factor');
