/**
 * Queries and mutations of the score's own operations. Keys start with
 * 'score' so that the invalidation after any tag change (queries.ts) reaches them.
 */
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/api/contract';
import { api } from '../api';
import { useUi } from './ui';

export const scoreKeys = {
  marks: (relationshipId: number, halfLife: number, windowDays: number, thresholds: number[], metric: string) =>
    ['score', 'marks', relationshipId, halfLife, windowDays, thresholds.join(','), metric] as const,
  buckets: (relationshipId: number, unit: string) => ['score', 'buckets', relationshipId, unit] as const,
  reliability: () => ['reliability'] as const,
};

export const useMarks = (
  relationshipId: number | null,
  halfLifeDays: number,
  windowDays: number,
  thresholds: number[],
  metric: 'M' | 'R' | 'index',
) =>
  useQuery({
    queryKey: scoreKeys.marks(relationshipId ?? 0, halfLifeDays, windowDays, thresholds, metric),
    queryFn:
      relationshipId === null
        ? skipToken
        : () => api.invoke('score:marks', { relationshipId, halfLifeDays, windowDays, thresholds, metric }),
  });

export const useBuckets = (relationshipId: number | null, unit: 'week' | 'month', enabled: boolean) =>
  useQuery({
    queryKey: scoreKeys.buckets(relationshipId ?? 0, unit),
    queryFn: !enabled || relationshipId === null ? skipToken : () => api.invoke('score:buckets', { relationshipId, unit }),
  });

export const useReliability = () => useQuery({ queryKey: scoreKeys.reliability(), queryFn: () => api.invoke('reliability:list', {}) });

/** After a change to what the score is made of: every score, the evidence, grades, codes and tag lists. */
function useInvalidateScore() {
  const qc = useQueryClient();
  return () =>
    Promise.all(
      [['score'], ['evidence'], ['reliability'], ['codebook'], ['annotations'], ['history']].map((queryKey) =>
        qc.invalidateQueries({ queryKey }),
      ),
    );
}

function useScoreMutation<I>(fn: (input: I) => Promise<unknown>, done?: string) {
  const invalidate = useInvalidateScore();
  const say = useUi((s) => s.say);
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await invalidate();
      if (done) say('info', done);
    },
    onError: (err: unknown) => say('error', (err as Error).message),
  });
}

export const useGroupEvent = () =>
  useScoreMutation((input: OpInput<'events:group'>) => api.invoke('events:group', input), 'Grouped as one event: it now counts once.');
export const useUngroupEvent = () =>
  useScoreMutation(
    (eventId: number) => api.invoke('events:ungroup', { eventId }),
    'Event ungrouped: each passage counts on its own again.',
  );
export const useGradeOutlet = () => useScoreMutation((input: OpInput<'outlets:grade'>) => api.invoke('outlets:grade', input));
export const useSetGradeFactor = () =>
  useScoreMutation((input: OpInput<'reliability:set-factor'>) => api.invoke('reliability:set-factor', input));
