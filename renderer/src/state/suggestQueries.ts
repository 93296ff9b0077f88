/** Data of assisted coding: suggestions per article, answers, measured quality. */
import { skipToken, useQuery } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/api/contract';
import type { BatchStatus, Suggestion } from '../../../shared/api/suggest';
import { api } from '../api';
import { keys } from './keys';
import type { LibraryQuery } from './libraryFilters';
import { useApiMutation } from './mutation';

export const useSuggestions = (articleId: number | null) =>
  useQuery({
    queryKey: keys.suggestions(articleId ?? 0),
    queryFn: articleId === null ? skipToken : () => api.invoke('suggestions:list', { articleId }),
  });

export const useSuggestQuality = (enabled: boolean) =>
  useQuery({ queryKey: keys.suggestQuality(), queryFn: () => api.invoke('suggestions:quality', {}), enabled });

export const useAcceptSuggestion = () => useApiMutation('suggestions:accept');

/** What a rejection records of a suggestion: its place, code and direction as proposed. */
export const rejectionOf = (s: Suggestion): OpInput<'suggestions:reject'> => ({
  articleId: s.articleId,
  start: s.start,
  end: s.end,
  codeId: s.codeId,
  sourceActorId: s.sourceActorId,
  targetActorId: s.targetActorId,
});

export const useRejectSuggestion = () => useApiMutation('suggestions:reject');

export const useSetThreshold = () => useApiMutation('suggestions:set-threshold');

const LIST_PAGE = 500;
/** How often the dialog asks the server for the batch's progress (ms). */
const POLL_MS = 150;

/**
 * Suggestions for every article the library lists under `query`: its ids read
 * a page at a time, then read by the server as a job (suggestions:batch-start)
 * whose progress is asked for every POLL_MS. Once `stopped()` says so the job
 * is cancelled, which the server honours within milliseconds; what it found
 * so far comes back. Nothing is cached (a batch is looked at once, then answered).
 */
export async function suggestForLibrary(
  query: LibraryQuery,
  stopped: () => boolean,
  onProgress: (found: Suggestion[], done: number, total: number) => void,
): Promise<{ found: Suggestion[]; articles: number; missing: number; phase: BatchStatus['phase'] }> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += LIST_PAGE) {
    const page = await api.invoke('articles:list', { ...query, limit: LIST_PAGE, offset });
    ids.push(...page.items.map((a) => a.id));
    if (ids.length >= page.total || page.items.length === 0 || stopped()) break;
  }
  if (ids.length === 0 || stopped()) return { found: [], articles: 0, missing: 0, phase: ids.length ? 'cancelled' : 'done' };
  let st = await api.invoke('suggestions:batch-start', { articleIds: ids });
  onProgress([], st.done, st.total);
  while (st.phase === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    st = await api.invoke(stopped() ? 'suggestions:batch-cancel' : 'suggestions:batch-status', { jobId: st.jobId });
    onProgress(st.items ?? [], st.done, st.total);
  }
  if (st.phase === 'failed') throw new Error(st.error ?? 'The batch of suggestions stopped.');
  return { found: st.items ?? [], articles: st.articles, missing: st.missing, phase: st.phase };
}
