/** Queries and mutations of the coding loop (shared/api/codingLoop.ts). */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { assignCodeKeys } from '../../../shared/domain/codeKeys';
import { api } from '../api';
import { keys } from './keys';
import { useApiMutation } from './mutation';
import { useCodebook } from './queries';

/** code id → the key that picks it in the tag popover (see shared/domain/codeKeys.ts). */
export function useCodeKeys(): Map<number, string> {
  const codes = useCodebook();
  const usage = useQuery({ queryKey: keys.codebookUsage(), queryFn: () => api.invoke('codebook:usage', {}), staleTime: 60_000 });
  return useMemo(
    () => assignCodeKeys(codes.data ?? [], new Map((usage.data ?? []).map((u) => [u.codeId, u.tags]))),
    [codes.data, usage.data],
  );
}

export const useTagsOutside = (enabled: boolean) =>
  useQuery({ queryKey: keys.tagsOutside(), queryFn: () => api.invoke('annotations:outside-relationships', {}), enabled });

export const useDeleteArticles = () => useApiMutation('articles:delete-many');
export const useUpdateArticleMeta = () => useApiMutation('articles:update-meta');
