import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { ftsQuery, searchArticles, searchNotes, snippetParts, type SnippetPart } from '../db/search';
import { bulkIndexesPending } from '../db/deskBulkIndexes';
import type { AppContext } from './context';

function firstMatch(parts: readonly SnippetPart[]): string | null {
  return parts.find((p) => p.match)?.text ?? null;
}

export function search(ctx: AppContext, input: OpParsedInput<'search:query'>): OpOutput<'search:query'> {
  const query = ftsQuery(input.text);
  if (query === null) {
    throw new ApiError('BAD_INPUT', 'Type at least one word (letters or digits) to search for.');
  }
  const { db } = ctx.workspace;
  const articles = searchArticles(db, query, input.limit).map((r) => {
    const snippet = snippetParts(r.snippet);
    const title = snippetParts(r.titleMarked);
    return {
      articleId: r.id,
      title,
      outlet: r.outlet,
      publishedOn: r.publishedOn,
      snippet,
      /** The matched word of the text, to scroll to when the article opens. */
      term: firstMatch(snippet),
    };
  });
  const notes = input.includeNotes
    ? searchNotes(db, query, input.limit).map((r) => ({
        annotationId: r.annotationId,
        articleId: r.articleId,
        articleTitle: r.title,
        snippet: snippetParts(r.snippet),
      }))
    : [];
  // While a large desk pull runs, its articles are not in the index yet: the results say so rather than look complete.
  return { query, articles, notes, ...(bulkIndexesPending(db) ? { incomplete: true } : {}) };
}
