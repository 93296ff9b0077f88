/** Data of assisted coding: suggestions per article, answers, measured quality. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/api/contract';
import type { Suggestion } from '../../../shared/api/suggest';
import { api } from '../api';
import { useInvalidateTags } from './queries';
import { useUi } from './ui';

export const suggestKeys = {
  article: (articleId: number) => ['suggestions', articleId] as const,
  quality: () => ['suggestions', 'quality'] as const,
};

export const useSuggestions = (articleId: number | null) =>
  useQuery({
    queryKey: suggestKeys.article(articleId ?? 0),
    queryFn: () => api.invoke('suggestions:list', { articleId: articleId! }),
    enabled: articleId !== null,
  });

export const useSuggestQuality = (enabled: boolean) =>
  useQuery({ queryKey: suggestKeys.quality(), queryFn: () => api.invoke('suggestions:quality', {}), enabled });

function useAfterAnswer() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['suggestions'] }), qc.invalidateQueries({ queryKey: ['history'] })]);
}

export function useAcceptSuggestion() {
  const invalidate = useInvalidateTags();
  const after = useAfterAnswer();
  const say = useUi((s) => s.say);
  return useMutation({
    mutationFn: (input: OpInput<'suggestions:accept'>) => api.invoke('suggestions:accept', input),
    onSuccess: (a) => Promise.all([invalidate(a.articleId), after()]),
    onError: (e) => say('error', (e).message),
  });
}

/** What a rejection records of a suggestion: its place, code and direction as proposed. */
export const rejectionOf = (s: Suggestion): OpInput<'suggestions:reject'> => ({
  articleId: s.articleId,
  start: s.start,
  end: s.end,
  codeId: s.codeId,
  sourceActorId: s.sourceActorId,
  targetActorId: s.targetActorId,
});

export function useRejectSuggestion() {
  const after = useAfterAnswer();
  const say = useUi((s) => s.say);
  return useMutation({
    mutationFn: (input: OpInput<'suggestions:reject'>) => api.invoke('suggestions:reject', input),
    onSuccess: () => after(),
    onError: (e) => say('error', (e).message),
  });
}

export function useSetThreshold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OpInput<'suggestions:set-threshold'>) => api.invoke('suggestions:set-threshold', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['suggestions'] }),
  });
}
