/**
 * The direction of a suggestion from the coding work's sentence analysis
 * (shared/nlp: subject and object, passive agent, speaker of a quotation,
 * pronouns), wrapped for suggestions: countries only the dictionary knows
 * take part under stand-in ids, and the event verb's own agents (agents.ts)
 * decide where the analysis finds none.
 */
import { present } from '../../../shared/domain/present';
import { proposeDirection, type NamedActor } from '../../../shared/nlp';
import type { ActorRef, TokenMention } from './actors';
import type { Agents } from './agents';
import type { Token } from './tokens';

export function sentenceDirection(
  text: string,
  start: number,
  end: number,
  tokens: readonly Token[],
  mentions: readonly TokenMention[],
  fallback: Agents | null,
  pair?: readonly [ActorRef, ActorRef],
): Agents | null {
  const refs = new Map<number, ActorRef>();
  const named: NamedActor[] = [];
  let standIn = -1;
  const idOf = new Map<string, number>();
  for (const m of mentions) {
    let id = idOf.get(m.actor.code);
    if (id === undefined) {
      id = m.actor.id ?? standIn--;
      idOf.set(m.actor.code, id);
      refs.set(id, m.actor);
      named.push({ id, code: m.actor.code, name: m.actor.name, aliases: [] });
    }
    const alias = text.slice(
      present(tokens[m.at], 'the first word of a mention').start,
      present(tokens[m.end - 1], 'the last word of a mention').end,
    );
    const actor = present(
      named.find((a) => a.id === id),
      `the actor ${m.actor.code}`,
    );
    if (!actor.aliases.includes(alias)) (actor.aliases as string[]).push(alias);
  }
  for (const p of pair ?? []) {
    if (p.id !== null && !refs.has(p.id)) refs.set(p.id, p);
  }
  const pairIds = pair && pair[0].id !== null && pair[1].id !== null ? ([pair[0].id, pair[1].id] as const) : undefined;
  const reading = named.length > 0 ? proposeDirection(text, start, end, named, pairIds) : null;
  const source = reading ? refs.get(reading.sourceActorId) : undefined;
  const target = reading ? refs.get(reading.targetActorId) : undefined;
  // "A Chinese company offered": the people of a country are never the acting state.
  const acting = source && mentions.some((m) => m.actor.code === source.code && !m.people);
  if (source && target && acting && source.code !== target.code) return { source, target };
  return fallback;
}
