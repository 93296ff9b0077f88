/**
 * The contract's invalidation table (shared/api/invalidation.ts) as the
 * renderer applies it (renderer/src/state/invalidate.ts) to a real
 * QueryClient: every operation has an entry, and a tag save refreshes the
 * article, library pages and relationship it touched, not every list and score.
 */
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, isOperationName } from '../../shared/api/contract';
import { INVALIDATES } from '../../shared/api/invalidation';
import type { ImportStatus } from '../../shared/api/importSchemas';
import type { Annotation, Code, Relationship } from '../../shared/api/schemas';
import { invalidateAfter } from '../../renderer/src/state/invalidate';
import { keys } from '../../renderer/src/state/keys';

const actor = (id: number) => ({ id, code: `A${id}`, name: `Actor ${id}`, aliases: [] });
const RELATIONSHIPS: Relationship[] = [
  { id: 1, actorA: actor(10), actorB: actor(20), label: 'A10–A20' },
  { id: 2, actorA: actor(10), actorB: actor(30), label: 'A10–A30' },
];

/** What the workbench typically has cached while an analyst tags: two articles, two relationships' scores, the library. */
const CACHED = {
  annotations1: keys.annotations(1),
  annotations2: keys.annotations(2),
  article1: keys.article(1),
  page: keys.articlePage({ sort: 'date-desc' }, 0),
  outlets: keys.outlets(),
  series1: keys.series(1, 30),
  evidence1: keys.evidence(1, '2026-01-05', 30),
  marks1: keys.marks(1, 30, 14, [-5, 5], 'M'),
  buckets1: keys.buckets(1, 'month'),
  series2: keys.series(2, 30),
  evidence2: keys.evidence(2, '2026-01-05', 30),
  workspace: keys.workspace(),
  codebook: keys.codebook(),
  actors: keys.actors(),
  history: keys.history(),
  reliability: keys.reliability(),
  tagsOutside: keys.tagsOutside(),
  search: keys.search('tariff'),
  suggestions1: keys.suggestions(1),
} satisfies Record<string, QueryKey>;
type Cached = keyof typeof CACHED;

function cache(relationships: Relationship[] | null): QueryClient {
  const qc = new QueryClient();
  for (const key of Object.values(CACHED)) qc.setQueryData(key, { cached: true });
  if (relationships) qc.setQueryData(keys.relationships(), relationships);
  return qc;
}

const stale = (qc: QueryClient): Cached[] =>
  (Object.keys(CACHED) as Cached[]).filter((name) => qc.getQueryState(CACHED[name])?.isInvalidated).sort();

const tag = (over: Partial<Annotation> = {}): Annotation => ({
  id: 7,
  articleId: 1,
  codeId: 3,
  sourceActorId: 20,
  targetActorId: 10,
  start: 0,
  end: 5,
  exact: 'Delhi',
  prefix: '',
  suffix: '',
  confidence: 1,
  eventDate: '2026-01-05',
  note: '',
  eventId: null,
  createdAtMs: 0,
  updatedAtMs: 0,
  orphaned: false,
  ...over,
});
const input = (a: Annotation) => ({ articleId: a.articleId, start: a.start, end: a.end, codeId: a.codeId, sourceActorId: a.sourceActorId, targetActorId: a.targetActorId });

describe('invalidation table', () => {
  it('has an entry for every operation of the contract, and none for an operation that is not in it', () => {
    const missing = OPERATION_NAMES.filter((op) => INVALIDATES[op] === undefined);
    expect(missing, 'say in shared/api/invalidation.ts what these make stale, or that they only read').toEqual([]);
    expect(Object.keys(INVALIDATES).filter((op) => !isOperationName(op))).toEqual([]);
  });

  it('a tag saved on a relationship refreshes its article, the library pages, that relationship, the outlets and history', async () => {
    const qc = cache(RELATIONSHIPS);
    const a = tag();
    await invalidateAfter(qc, 'annotations:create', input(a), a);
    expect(stale(qc)).toEqual(['annotations1', 'buckets1', 'evidence1', 'history', 'marks1', 'page', 'reliability', 'series1'].sort());
  });

  it('a tag on a pair that is no relationship changes no score, only the list of tags in no score', async () => {
    const qc = cache(RELATIONSHIPS);
    const a = tag({ sourceActorId: 20, targetActorId: 30 });
    await invalidateAfter(qc, 'annotations:create', input(a), a);
    expect(stale(qc)).toEqual(['annotations1', 'history', 'page', 'reliability', 'tagsOutside'].sort());
  });

  it('before the relationships are known, a tag refreshes every score and the tags in no score', async () => {
    const qc = cache(null);
    const a = tag();
    await invalidateAfter(qc, 'annotations:create', input(a), a);
    expect(stale(qc)).toEqual(
      ['annotations1', 'buckets1', 'evidence1', 'history', 'marks1', 'page', 'reliability', 'series1', 'series2', 'evidence2', 'tagsOutside'].sort(),
    );
  });

  it('an edit that names the actors may move the tag off another pair: every score, still only its own article', async () => {
    const qc = cache(RELATIONSHIPS);
    const a = tag();
    await invalidateAfter(qc, 'annotations:update', { id: a.id, sourceActorId: 10, targetActorId: 20 }, a);
    expect(stale(qc)).toContain('series2');
    expect(stale(qc)).not.toContain('annotations2');
    const note = cache(RELATIONSHIPS);
    await invalidateAfter(note, 'annotations:update', { id: a.id, note: 'seen' }, a);
    expect(stale(note)).not.toContain('series2');
    expect(stale(note)).toContain('series1');
  });

  it('a new code refreshes the codebook and history only; a re-weighted one every score too', async () => {
    const code: Code = { id: 9, key: 'THREAT.X', name: 'X', color: '#000000', description: '', weight: -1, parentId: 1, cameo: '', shortcut: null };
    const created = cache(RELATIONSHIPS);
    await invalidateAfter(created, 'codebook:create', { name: 'X', color: '#000000', weight: -1, parentId: 1 }, code);
    expect(stale(created)).toEqual(['codebook', 'history']);
    const reweighted = cache(RELATIONSHIPS);
    await invalidateAfter(reweighted, 'codebook:update', { id: 9, weight: -2 }, code);
    expect(stale(reweighted)).toEqual(['buckets1', 'codebook', 'evidence1', 'evidence2', 'history', 'marks1', 'series1', 'series2']);
  });

  it('a read refreshes nothing; a restore refreshes everything', async () => {
    const read = cache(RELATIONSHIPS);
    await invalidateAfter(read, 'score:series', { relationshipId: 1 }, undefined as never);
    expect(stale(read)).toEqual([]);
    const restore = cache(RELATIONSHIPS);
    await invalidateAfter(restore, 'history:undo', {}, undefined as never);
    expect(stale(restore)).toEqual((Object.keys(CACHED) as Cached[]).sort());
  });

  it('an import being saved refreshes only its status; once done, the library, counts and search', async () => {
    const counts = { ready: 0, conflict: 0, saved: 0 } as ImportStatus['counts'];
    const status: ImportStatus = { jobId: 'imp-1', phase: 'saving', cancelled: false, total: 1, processed: 0, currentFile: '', timeLeftMs: null, counts };
    const qc = cache(RELATIONSHIPS);
    qc.setQueryData(keys.importStatus('imp-1'), status);
    qc.setQueryData(keys.importItems('imp-1', 'review'), status);
    await invalidateAfter(qc, 'import:commit', { jobId: 'imp-1' }, status!);
    expect(stale(qc)).toEqual([]);
    expect(qc.getQueryState(keys.importStatus('imp-1'))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(keys.importItems('imp-1', 'review'))?.isInvalidated).toBe(false);
    await invalidateAfter(qc, 'import:commit', { jobId: 'imp-1' }, { ...status, phase: 'done' }!);
    expect(stale(qc)).toEqual(['history', 'outlets', 'page', 'reliability', 'search', 'workspace'].sort());
  });
});
