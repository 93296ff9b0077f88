/** Queries and mutations of the coding loop (shared/api/codingLoop.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OpInput } from '../../../shared/api/contract';
import { assignCodeKeys } from '../../../shared/domain/codeKeys';
import { api } from '../api';
import { useUi } from './ui';
import { useCodebook } from './queries';

const usageKey = ['codebook-usage'] as const;
const outsideKey = ['tags-outside'] as const;

/** code id → the key that picks it in the tag popover (see shared/domain/codeKeys.ts). */
export function useCodeKeys(): Map<number, string> {
  const codes = useCodebook();
  const usage = useQuery({ queryKey: usageKey, queryFn: () => api.invoke('codebook:usage', {}), staleTime: 60_000 });
  return useMemo(
    () => assignCodeKeys(codes.data ?? [], new Map((usage.data ?? []).map((u) => [u.codeId, u.tags]))),
    [codes.data, usage.data],
  );
}

export const useTagsOutside = (enabled: boolean) =>
  useQuery({ queryKey: outsideKey, queryFn: () => api.invoke('annotations:outside-relationships', {}), enabled });

function useLoopMutation<K extends 'articles:delete-many' | 'articles:update-meta' | 'codebook:set-key'>(op: K) {
  const qc = useQueryClient();
  const say = useUi((s) => s.say);
  return useMutation({
    mutationFn: (input: OpInput<K>) => api.invoke(op, input),
    // Articles, tags, codes and scores can all change: refresh what shows them.
    onSuccess: () => qc.invalidateQueries(),
    onError: (err: unknown) => say('error', (err as Error).message),
  });
}

export const useDeleteArticles = () => useLoopMutation('articles:delete-many');
export const useUpdateArticleMeta = () => useLoopMutation('articles:update-meta');
export const useSetCodeKey = () => useLoopMutation('codebook:set-key');
