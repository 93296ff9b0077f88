/**
 * Applies the contract's invalidation table (shared/api/invalidation.ts) to
 * the query cache after a write. Kept apart from React so that a unit test
 * can run it on a real QueryClient.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { OperationName, OpInput, OpOutput } from '../../../shared/api/contract';
import { INVALIDATES, type Effect, type Stale } from '../../../shared/api/invalidation';
import type { Relationship } from '../../../shared/api/schemas';
import { keys } from './keys';

/** The key prefixes a write's stale parts stand for; a pair's score is found through the cached relationships. */
export function staleKeys(qc: QueryClient, stale: readonly Stale[]): QueryKey[] {
  return stale.flatMap((s): QueryKey[] => {
    if (!('scoreOfPair' in s)) return [s];
    const { sourceActorId: a, targetActorId: b } = s.scoreOfPair;
    const relationships = qc.getQueryData<Relationship[]>(keys.relationships());
    // Not known yet: every score, and the tag may be one in no score.
    if (!relationships) return [['score'], keys.tagsOutside()];
    const rel = relationships.find((r) => (r.actorA.id === a && r.actorB.id === b) || (r.actorA.id === b && r.actorB.id === a));
    // A pair that is no relationship counts in no score: only the list of such tags changes.
    return [rel ? keys.score(rel.id) : keys.tagsOutside()];
  });
}

/** What the write `op` made stale, as key prefixes; null means everything. */
export function keysAfter<K extends OperationName>(qc: QueryClient, op: K, input: OpInput<K>, output: OpOutput<K>): QueryKey[] | null {
  const effect: Effect<K> | undefined = INVALIDATES[op];
  // An operation missing from the table (tests/unit/invalidation.test.ts forbids it) is taken to change anything.
  if (effect === undefined || effect === 'everything') return null;
  if (effect === 'read') return [];
  return staleKeys(qc, typeof effect === 'function' ? effect(input, output) : effect);
}

export async function invalidateAfter<K extends OperationName>(qc: QueryClient, op: K, input: OpInput<K>, output: OpOutput<K>): Promise<void> {
  const stale = keysAfter(qc, op, input, output);
  if (stale === null) return qc.invalidateQueries();
  await Promise.all(stale.map((queryKey) => qc.invalidateQueries({ queryKey })));
}
