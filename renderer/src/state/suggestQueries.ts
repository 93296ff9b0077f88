/** Data of assisted coding: suggestions per article, answers, measured quality. */
import { useQuery } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/api/contract';
import type { Suggestion } from '../../../shared/api/suggest';
import { api } from '../api';
import { keys } from './keys';
import type { LibraryQuery } from './libraryFilters';
import { useApiMutation } from './mutation';

export const useSuggestions = (articleId: number | null) =>
  useQuery({
    queryKey: keys.suggestions(articleId ?? 0),
    queryFn: () => api.invoke('suggestions:list', { articleId: articleId! }),
    enabled: articleId !== null,
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
const SUGGEST_CHUNK = 50;

/**
 * Suggestions for every article the library lists under `query`: its ids read
 * a page at a time, then suggested in chunks, reporting what was found so far.
 * Stops between requests once `stopped()` says so; nothing is cached (a batch
 * is looked at once, then answered).
 */
export async function suggestForLibrary(
  query: LibraryQuery,
  stopped: () => boolean,
  onProgress: (found: Suggestion[], done: number, total: number) => void,
): Promise<{ found: Suggestion[]; articles: number }> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += LIST_PAGE) {
    const page = await api.invoke('articles:list', { ...query, limit: LIST_PAGE, offset });
    ids.push(...page.items.map((a) => a.id));
    if (ids.length >= page.total || page.items.length === 0 || stopped()) break;
  }
  const found: Suggestion[] = [];
  onProgress(found, 0, ids.length);
  for (let i = 0; i < ids.length && !stopped(); i += SUGGEST_CHUNK) {
    const r = await api.invoke('suggestions:batch', { articleIds: ids.slice(i, i + SUGGEST_CHUNK) });
    found.push(...r.items);
    onProgress([...found], Math.min(ids.length, i + SUGGEST_CHUNK), ids.length);
  }
  return { found, articles: ids.length };
}
