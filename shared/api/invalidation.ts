/**
 * What each operation of the contract makes stale in the renderer's cache.
 * The renderer keeps every read in TanStack Query under a key that starts
 * with its family (renderer/src/state/keys.ts); after a write succeeds, the
 * one mutation hook (renderer/src/state/mutation.ts) looks the write up here
 * and invalidates exactly these, so no component lists keys itself.
 *
 * Entries are as narrow as the write's input and output allow: a tag saved
 * in one article on one relationship refreshes that article's tags, that
 * relationship's score and the library's pages, not every score and list.
 * Whatever replaces the workspace wholesale (restore, salvage, merge, undo)
 * says 'everything'. tests/unit/invalidation.test.ts checks that every
 * operation has an entry, so a new write cannot forget its refresh.
 */
import type { OperationName, OpInput, OpOutput } from './contract';

export type QueryFamily =
  | 'workspace'
  | 'recovery'
  | 'articles'
  | 'article'
  | 'annotations'
  | 'tags-outside'
  | 'codebook'
  | 'codebook-usage'
  | 'actors'
  | 'relationships'
  | 'history'
  | 'search'
  /** Every relationship's score: series, marks, buckets and the evidence of a day, keyed by relationship first. */
  | 'score'
  | 'reliability'
  | 'marks-settings'
  | 'suggestions'
  | 'backups'
  | 'conflicts'
  | 'analyst'
  | 'layers'
  | 'agreement'
  | 'adjudication'
  | 'import'
  /** The desk's status and setting (polled while the window is open). */
  | 'desk'
  /** Pulled articles that nearly duplicate one of this laptop's (not under 'desk': a pull refreshes everything but 'desk'). */
  | 'desk-near-duplicates';

/** The score of whatever relationship joins these two actors (either way); the renderer finds it in its cached relationships. */
interface ScoreOfPair {
  scoreOfPair: { sourceActorId: number; targetActorId: number };
}

/**
 * A part of the cache made stale: a key prefix (a whole family, or a part
 * such as one article's tags: ['annotations', 12]), or the score of a pair.
 */
export type Stale = readonly [QueryFamily, ...(string | number)[]] | ScoreOfPair;

/** 'read': changes nothing the renderer keeps. */
export type Effect<K extends OperationName> =
  | 'read'
  | 'everything'
  | readonly Stale[]
  | ((input: OpInput<K>, output: OpOutput<K>) => readonly Stale[]);

/** The library's pages (their tag counts, the code and actor filters), not its list of outlets. */
const LIBRARY_PAGES = ['articles', 'page'] as const;

/** A new or changed tag on a known pair: its article, the library's counts, the pair's score, the outlets' counts. */
const tagged = (a: { articleId: number; sourceActorId: number; targetActorId: number }): Stale[] => [
  ['annotations', a.articleId],
  LIBRARY_PAGES,
  { scoreOfPair: { sourceActorId: a.sourceActorId, targetActorId: a.targetActorId } },
  ['reliability'],
  ['history'],
];

/** A tag gone, or moved off a pair the write does not name: every score and the list of tags in no score. */
const untagged = (articleId?: number): Stale[] => [
  articleId === undefined ? ['annotations'] : ['annotations', articleId],
  LIBRARY_PAGES,
  ['score'],
  ['tags-outside'],
  ['reliability'],
  ['history'],
];

/** Articles added or removed: the library, counts, search, outlets and scores. */
const articlesChanged: Stale[] = [
  ['articles'],
  ['article'],
  ['annotations'],
  ['workspace'],
  ['search'],
  ['score'],
  ['reliability'],
  ['tags-outside'],
  ['suggestions'],
  ['history'],
];

/** A code's tags moved or removed: every list that shows a code. */
const codesRemoved: Stale[] = [
  ['codebook'],
  ['codebook-usage'],
  ['annotations'],
  LIBRARY_PAGES,
  ['score'],
  ['suggestions'],
  ['history'],
];

export const INVALIDATES: { readonly [K in OperationName]?: Effect<K> } = {
  'workspace:info': 'read',
  'workspace:recovery-backup': 'read',
  'workspace:salvage': 'everything',

  'articles:list': 'read',
  'articles:get': 'read',
  'articles:outlets': 'read',
  'articles:create': [['articles'], ['workspace'], ['search'], ['reliability'], ['history']],
  'articles:delete': articlesChanged,
  'articles:delete-many': articlesChanged,
  'articles:update-meta': (input) => [
    ['article', input.id],
    ['annotations', input.id],
    ['articles'],
    ['search'],
    // The outlet and date decide a passage's grade and day.
    ['score'],
    ['reliability'],
    ['history'],
  ],
  'articles:update-text': (input) => [['article', input.id], ['annotations', input.id], LIBRARY_PAGES, ['search'], ['history']],
  'sample:remove': 'everything',

  'annotations:list': 'read',
  'annotations:outside-relationships': 'read',
  'annotations:create': (_input, a) => tagged(a),
  // An update that names actors may have moved the tag off another pair's score.
  'annotations:update': (input, a) =>
    input.sourceActorId === undefined && input.targetActorId === undefined ? tagged(a) : untagged(a.articleId),
  'annotations:delete': untagged(),

  'actors:list': 'read',
  'relationships:list': 'read',
  'codebook:list': 'read',
  'codebook:usage': 'read',
  'codebook:export': 'read',
  'codebook:create': [['codebook'], ['history']],
  // A weight or a parent changes what each tag weighs.
  'codebook:update': [['codebook'], ['score'], ['history']],
  'codebook:merge': codesRemoved,
  'codebook:delete': codesRemoved,
  'codebook:import': [['codebook'], ['score'], ['history']],
  'codebook:set-key': [['codebook'], ['history']],
  'actors:create': [['actors'], ['history']],
  // Relationships and scores carry their actors' codes and names.
  'actors:update': [['actors'], ['relationships'], ['score'], ['history']],
  'actors:add-alias': [['actors'], ['relationships'], ['history']],
  'actors:remove-alias': [['actors'], ['relationships'], ['history']],
  // Tags on the new pair now count in its score instead of in no score.
  'relationships:create': [['relationships'], ['tags-outside'], ['history']],

  'score:series': 'read',
  'score:evidence': 'read',
  'score:buckets': 'read',
  'score:marks': 'read',
  'reliability:list': 'read',
  'reliability:set-factor': [['score'], ['reliability'], ['history']],
  'outlets:grade': [['score'], ['reliability'], ['history']],
  'events:group': (_input, e) => [
    ['annotations'],
    { scoreOfPair: { sourceActorId: e.sourceActorId, targetActorId: e.targetActorId } },
    ['history'],
  ],
  'events:ungroup': [['annotations'], ['score'], ['history']],
  'marks:settings': 'read',
  // The settings themselves are not refetched: the answer is put in the cache (renderer/src/state/scoreUi.ts),
  // since a refetch could bring back an older value while a newer change is on its way.
  'marks:save-settings': [['history']],

  'history:state': 'read',
  'history:undo': 'everything',
  'history:redo': 'everything',
  'search:query': 'read',

  'report:export': 'read',
  'export:file': 'read',
  'export:import': 'everything',
  'export:conflicts': 'read',
  'export:resolve-conflict': 'everything',
  // Without a name it only reads the analyst's name.
  'export:analyst': (input) => (input.name === undefined ? [] : [['analyst']]),
  'setting-conflicts:list': 'read',
  'setting-conflicts:resolve': 'everything',
  'desk:status': 'read',
  // A desk setting changes no data here, only the desk's status; a round may bring anything from colleagues.
  'desk:configure': [['desk']],
  'desk:sync': 'everything',
  'desk:setting': 'read',
  'desk:connect': [['desk']],
  'desk:disconnect': [['desk']],
  'desk:dismiss-refused': [['desk']],
  'desk:near-duplicates': 'read',
  'desk:keep-both': [['history'], ['desk-near-duplicates'], ['desk']],

  'backup:list': 'read',
  'backup:diff': 'read',
  'backup:preview-restore': 'read',
  'backup:create': [['backups']],
  'backup:settings': [['backups']],
  'backup:restore': 'everything',

  'import:upload': 'read',
  'import:status': 'read',
  // The job's status, not its list of items (thousands of rows, fetched once per phase).
  'import:start': (input) => [['import', input.jobId, 'status']],
  'import:cancel': (input) => [['import', input.jobId, 'status']],
  // The commit saves in the background: its articles are there once its status says 'done'.
  'import:commit': (input, status) =>
    status.phase === 'done'
      ? [['articles'], ['workspace'], ['search'], ['reliability'], ['history']]
      : [['import', input.jobId, 'status']],

  'suggestions:list': 'read',
  'suggestions:quality': 'read',
  'suggestions:batch-start': 'read',
  'suggestions:batch-status': 'read',
  'suggestions:batch-cancel': 'read',
  'suggestions:accept': (_input, a) => [...tagged(a), ['suggestions']],
  'suggestions:reject': [['suggestions'], ['history']],
  'suggestions:set-threshold': [['suggestions']],

  'package:export': 'read',
  'layers:list': 'read',
  'agreement:report': 'read',
  'agreement:csv': 'read',
  'adjudication:list': 'read',
  'adjudication:settle': 'everything',
};
