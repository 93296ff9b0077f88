import type { Actor } from '../../../../shared/api/schemas';
import { useRegistryMutation } from '../../state/queries';
import { useUi } from '../../state/ui';

/** A short code for a new actor from its name: its first letters, made unique ("Japan" → JAP, then JAP2). */
export function codeFor(name: string, actors: readonly Actor[]): string {
  const base = (
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase() || 'ACT'
  )
    .slice(0, 3)
    .padEnd(2, 'X');
  const taken = new Set(actors.map((a) => a.code));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** What the tag popover creates from inside itself: an actor (the passage's word as its alias) and a relationship. */
export function usePopoverActions(actors: readonly Actor[], quoteAlias: string | null) {
  const createActor = useRegistryMutation('actors:create');
  const createRelationship = useRegistryMutation('relationships:create');
  const say = useUi((s) => s.say);
  return {
    onCreateActor: async (name: string): Promise<number> => {
      const aliases = [...new Set([name, ...(quoteAlias ? [quoteAlias] : [])])];
      const actor = await createActor.mutateAsync({ code: codeFor(name, actors), name, aliases });
      say('info', `Actor ${actor.code} (${actor.name}) added, alias ${aliases.map((a) => `“${a}”`).join(', ')}.`);
      return actor.id;
    },
    onCreateRelationship: (actorAId: number, actorBId: number) =>
      createRelationship.mutate(
        { actorAId, actorBId },
        { onSuccess: (r) => say('info', `Relationship ${r.label} created: the tag will count in its score.`) },
      ),
  };
}
