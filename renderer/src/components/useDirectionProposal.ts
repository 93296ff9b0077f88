import { useMemo } from 'react';
import type { Actor, Relationship } from '../../../shared/api/schemas';
import type { DirectionReading } from '../../../shared/nlp';
import { useNlp } from '../state/nlp';

/** The direction proposed for the passage being tagged. Reading the sentence takes a few milliseconds: once per selection, not per render. */
export function useDirectionProposal(
  text: string,
  passage: { start: number; end: number } | null,
  actors: readonly Actor[] | undefined,
  relationship: Relationship | undefined,
): DirectionReading | null {
  const start = passage?.start;
  const end = passage?.end;
  const a = relationship?.actorA.id;
  const b = relationship?.actorB.id;
  const nlp = useNlp(passage !== null);
  return useMemo(() => {
    if (start === undefined || end === undefined || !actors || !nlp) return null;
    return nlp.proposeDirection(text, start, end, actors, a !== undefined && b !== undefined ? [a, b] : undefined);
  }, [nlp, text, start, end, actors, a, b]);
}
