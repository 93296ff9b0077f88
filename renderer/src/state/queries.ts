import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/api/contract';
import { api } from '../api';
import { useUi } from './ui';

/** Query-key factories: every key that names workspace data is built here. */
export const keys = {
  articles: (sort: string) => ['articles', sort] as const,
  article: (id: number) => ['article', id] as const,
  annotations: (articleId: number) => ['annotations', articleId] as const,
  codebook: () => ['codebook'] as const,
  actors: () => ['actors'] as const,
  relationships: () => ['relationships'] as const,
  workspace: () => ['workspace'] as const,
  history: () => ['history'] as const,
  score: (relationshipId: number, halfLife: number) => ['score', relationshipId, halfLife] as const,
  evidence: (relationshipId: number, date: string, halfLife: number) => ['evidence', relationshipId, date, halfLife] as const,
};

export const useCodebook = () => useQuery({ queryKey: keys.codebook(), queryFn: () => api.invoke('codebook:list', {}) });
export const useActors = () => useQuery({ queryKey: keys.actors(), queryFn: () => api.invoke('actors:list', {}) });
export const useRelationships = () => useQuery({ queryKey: keys.relationships(), queryFn: () => api.invoke('relationships:list', {}) });
export const useWorkspaceInfo = () => useQuery({ queryKey: keys.workspace(), queryFn: () => api.invoke('workspace:info', {}) });

/** The first 500 articles, for pickers (the library pages through them with useArticlePage). */
export const useArticles = (sort: OpInput<'articles:list'>['sort'] = 'date-desc') =>
  useQuery({ queryKey: keys.articles(sort ?? 'date-desc'), queryFn: () => api.invoke('articles:list', { sort, limit: 500 }) });

export const useArticle = (id: number | null) =>
  useQuery({ queryKey: keys.article(id ?? 0), queryFn: id === null ? skipToken : () => api.invoke('articles:get', { id }) });

export const useAnnotations = (articleId: number | null) =>
  useQuery({
    queryKey: keys.annotations(articleId ?? 0),
    queryFn: articleId === null ? skipToken : () => api.invoke('annotations:list', { articleId }),
  });

export const useScore = (relationshipId: number | null, halfLifeDays: number) =>
  useQuery({
    queryKey: keys.score(relationshipId ?? 0, halfLifeDays),
    queryFn: relationshipId === null ? skipToken : () => api.invoke('score:series', { relationshipId, halfLifeDays }),
  });

export const useEvidence = (relationshipId: number | null, date: string | null, halfLifeDays: number) =>
  useQuery({
    queryKey: keys.evidence(relationshipId ?? 0, date ?? '', halfLifeDays),
    queryFn:
      relationshipId === null || date === null ? skipToken : () => api.invoke('score:evidence', { relationshipId, date, halfLifeDays }),
  });

/** After any change to tags: the article's list, the library's counts and every score. */
export function useInvalidateTags() {
  const qc = useQueryClient();
  return (articleId: number) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keys.annotations(articleId) }),
      qc.invalidateQueries({ queryKey: ['articles'] }),
      qc.invalidateQueries({ queryKey: ['score'] }),
      qc.invalidateQueries({ queryKey: ['evidence'] }),
      qc.invalidateQueries({ queryKey: keys.workspace() }),
      qc.invalidateQueries({ queryKey: keys.history() }),
    ]);
}

function useReportError() {
  const say = useUi((s) => s.say);
  return (err: unknown) => say('error', (err as Error).message);
}

export function useCreateAnnotation() {
  const invalidate = useInvalidateTags();
  return useMutation({
    mutationFn: (input: OpInput<'annotations:create'>) => api.invoke('annotations:create', input),
    onSuccess: (a) => invalidate(a.articleId),
    onError: useReportError(),
  });
}

export function useUpdateAnnotation() {
  const invalidate = useInvalidateTags();
  return useMutation({
    mutationFn: (input: OpInput<'annotations:update'>) => api.invoke('annotations:update', input),
    onSuccess: (a) => invalidate(a.articleId),
    onError: useReportError(),
  });
}

export function useDeleteAnnotation(articleId: number) {
  const invalidate = useInvalidateTags();
  return useMutation({
    mutationFn: (id: number) => api.invoke('annotations:delete', { id }),
    onSuccess: () => invalidate(articleId),
    onError: useReportError(),
  });
}

export function useCreateArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OpInput<'articles:create'>) => api.invoke('articles:create', input),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['articles'] }), qc.invalidateQueries({ queryKey: keys.workspace() })]),
  });
}

export function useRemoveSample() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.invoke('sample:remove', {}),
    onSuccess: () => qc.invalidateQueries(),
    onError: useReportError(),
  });
}

// coding: undo and redo
export const useHistoryState = () => useQuery({ queryKey: keys.history(), queryFn: () => api.invoke('history:state', { limit: 50 }) });

/** Undo or redo the last change; everything shown may have changed, so every query is refreshed. */
export function useHistoryStep() {
  const qc = useQueryClient();
  const say = useUi((s) => s.say);
  return useMutation({
    mutationFn: (kind: 'undo' | 'redo') => api.invoke(kind === 'undo' ? 'history:undo' : 'history:redo', {}),
    onSuccess: async (step) => {
      await qc.invalidateQueries();
      say('info', `${step.kind === 'undo' ? 'Undone' : 'Redone'}: ${step.label}.`);
    },
    onError: useReportError(),
  });
}

export function useUpdateArticleText() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OpInput<'articles:update-text'>) => api.invoke('articles:update-text', input),
    onSuccess: (r) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.article(r.article.id) }),
        qc.invalidateQueries({ queryKey: keys.annotations(r.article.id) }),
        qc.invalidateQueries({ queryKey: ['articles'] }),
        qc.invalidateQueries({ queryKey: ['search'] }),
        qc.invalidateQueries({ queryKey: keys.history() }),
      ]),
  });
}

export const useSearch = (text: string) =>
  useQuery({
    queryKey: ['search', text] as const,
    queryFn: () => api.invoke('search:query', { text, limit: 20 }),
    enabled: /[\p{L}\p{N}]/u.test(text),
    staleTime: 0,
  });

// coding: codebook and actors
function useInvalidateCodebook() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keys.codebook() }),
      qc.invalidateQueries({ queryKey: keys.actors() }),
      qc.invalidateQueries({ queryKey: keys.relationships() }),
      qc.invalidateQueries({ queryKey: ['annotations'] }),
      qc.invalidateQueries({ queryKey: ['score'] }),
      qc.invalidateQueries({ queryKey: ['evidence'] }),
      qc.invalidateQueries({ queryKey: keys.history() }),
    ]);
}

/** A mutation of the codebook or the actors registry: refreshes both, the scores and the history. */
export function useRegistryMutation<
  K extends
    | 'codebook:create'
    | 'codebook:update'
    | 'codebook:merge'
    | 'codebook:delete'
    | 'codebook:import'
    | 'actors:create'
    | 'actors:update'
    | 'actors:add-alias'
    | 'actors:remove-alias'
    | 'relationships:create',
>(op: K) {
  const invalidate = useInvalidateCodebook();
  return useMutation({
    mutationFn: (input: OpInput<K>) => api.invoke(op, input),
    onSuccess: () => invalidate(),
    onError: useReportError(),
  });
}

export const useAddAlias = () => useRegistryMutation('actors:add-alias');

/** One page of the library (the virtualized list asks for the pages it shows). */
export const LIBRARY_PAGE = 100;
export const useArticlePage = (query: Omit<OpInput<'articles:list'>, 'limit' | 'offset'>, page: number) =>
  useQuery({
    queryKey: ['articles', 'page', query, page] as const,
    queryFn: () => api.invoke('articles:list', { ...query, limit: LIBRARY_PAGE, offset: page * LIBRARY_PAGE }),
    placeholderData: (previous) => previous,
  });

export const useOutlets = () => useQuery({ queryKey: ['articles', 'outlets'] as const, queryFn: () => api.invoke('articles:outlets', {}) });
