import { skipToken, useQueries, useQuery } from '@tanstack/react-query';
import type { OperationName, OpInput } from '../../../shared/api/contract';
import { api } from '../api';
import { keys } from './keys';
import { shownByCaller, useApiMutation } from './mutation';
import { useUi } from './ui';

export const useCodebook = () => useQuery({ queryKey: keys.codebook(), queryFn: () => api.invoke('codebook:list', {}) });
export const useActors = () => useQuery({ queryKey: keys.actors(), queryFn: () => api.invoke('actors:list', {}) });
export const useRelationships = () => useQuery({ queryKey: keys.relationships(), queryFn: () => api.invoke('relationships:list', {}) });
export const useWorkspaceInfo = () => useQuery({ queryKey: keys.workspace(), queryFn: () => api.invoke('workspace:info', {}) });

/** The first 500 articles, for pickers (the library pages through them with useArticlePage). */
export const useArticleChoices = (sort: OpInput<'articles:list'>['sort'] = 'date-desc') =>
  useQuery({ queryKey: keys.articleChoices(sort ?? 'date-desc'), queryFn: () => api.invoke('articles:list', { sort, limit: 500 }) });

export const useArticle = (id: number | null) =>
  useQuery({ queryKey: keys.article(id ?? 0), queryFn: id === null ? skipToken : () => api.invoke('articles:get', { id }) });

export const useAnnotations = (articleId: number | null) =>
  useQuery({
    queryKey: keys.annotations(articleId ?? 0),
    queryFn: articleId === null ? skipToken : () => api.invoke('annotations:list', { articleId }),
  });

export const useScore = (relationshipId: number | null, halfLifeDays: number) =>
  useQuery({
    queryKey: keys.series(relationshipId ?? 0, halfLifeDays),
    queryFn: relationshipId === null ? skipToken : () => api.invoke('score:series', { relationshipId, halfLifeDays }),
  });

/** The series of several relationships at once (the comparison view). */
export const useScores = (relationshipIds: readonly number[], halfLifeDays: number) =>
  useQueries({
    queries: relationshipIds.map((relationshipId) => ({
      queryKey: keys.series(relationshipId, halfLifeDays),
      queryFn: () => api.invoke('score:series', { relationshipId, halfLifeDays }),
    })),
  });

export const useEvidence = (relationshipId: number | null, date: string | null, halfLifeDays: number) =>
  useQuery({
    queryKey: keys.evidence(relationshipId ?? 0, date ?? '', halfLifeDays),
    queryFn:
      relationshipId === null || date === null ? skipToken : () => api.invoke('score:evidence', { relationshipId, date, halfLifeDays }),
  });

export const useCreateAnnotation = () => useApiMutation('annotations:create');
export const useUpdateAnnotation = () => useApiMutation('annotations:update');
/** Deletes a tag of the open article (the argument of mutate is the tag's id). */
export const useDeleteAnnotation = (_articleId: number) => useApiMutation('annotations:delete', { toInput: (id: number) => ({ id }) });

/** The form shows its own error. */
export const useCreateArticle = () => useApiMutation('articles:create', { onError: shownByCaller });
export const useRemoveSample = () => useApiMutation<'sample:remove', void>('sample:remove', { toInput: () => ({}) });

// coding: undo and redo
export const useHistoryState = () => useQuery({ queryKey: keys.history(), queryFn: () => api.invoke('history:state', { limit: 50 }) });

/** Undo or redo the last change; everything shown may have changed (the table says 'everything'). */
export function useHistoryStep() {
  const say = useUi((s) => s.say);
  return useApiMutation((kind: 'undo' | 'redo') => (kind === 'undo' ? 'history:undo' : 'history:redo'), {
    toInput: () => ({}),
    onSuccess: (step) => say('info', `${step.kind === 'undo' ? 'Undone' : 'Redone'}: ${step.label}.`),
  });
}

export const useUpdateArticleText = () => useApiMutation('articles:update-text', { onError: shownByCaller });

export const useSearch = (text: string) =>
  useQuery({
    queryKey: keys.search(text),
    queryFn: () => api.invoke('search:query', { text, limit: 20 }),
    enabled: /[\p{L}\p{N}]/u.test(text),
    staleTime: 0,
  });

// coding: codebook and actors
type RegistryOperation = Extract<OperationName, `codebook:${string}` | `actors:${string}` | 'relationships:create'>;

/** A change to the codebook or the actors registry (what it refreshes is in shared/api/invalidation.ts). */
export const useRegistryMutation = <K extends RegistryOperation>(op: K) => useApiMutation(op);

export const useAddAlias = () => useRegistryMutation('actors:add-alias');

/** One page of the library (the virtualized list asks for the pages it shows). */
export const LIBRARY_PAGE = 100;
export const useArticlePage = (query: Omit<OpInput<'articles:list'>, 'limit' | 'offset'>, page: number) =>
  useQuery({
    queryKey: keys.articlePage(query, page),
    queryFn: () => api.invoke('articles:list', { ...query, limit: LIBRARY_PAGE, offset: page * LIBRARY_PAGE }),
    placeholderData: (previous) => previous,
  });

export const useOutlets = () => useQuery({ queryKey: keys.outlets(), queryFn: () => api.invoke('articles:outlets', {}) });
