/**
 * Proposes who acts on whom for a selected passage, from the actors' aliases
 * found in the passage and the sentence around it. The first actor mentioned
 * is taken as the source (in news prose it is most often the subject), the
 * next different actor as the target; the analyst confirms or swaps.
 */

export interface AliasedActor {
  id: number;
  code: string;
  aliases: readonly string[];
}

export interface Mention {
  actorId: number;
  alias: string;
  start: number;
}

export interface DirectionProposal {
  sourceActorId: number;
  targetActorId: number;
  /** The mentions that led to the proposal, in text order. */
  mentions: Mention[];
}

/** The sentence(s) around [start, end): from the end of the previous sentence to the end of the last one touched. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text.charAt(s - 1))) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text.charAt(e))) e++;
  return { start: s, end: Math.min(text.length, e + 1) };
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Every whole-word occurrence of an alias in text[from, to), longest first where aliases overlap. */
export function findMentions(text: string, from: number, to: number, actors: readonly AliasedActor[]): Mention[] {
  const window = text.slice(from, to);
  const found: Mention[] = [];
  for (const actor of actors) {
    for (const alias of actor.aliases) {
      if (!alias) continue;
      for (let at = window.indexOf(alias); at >= 0; at = window.indexOf(alias, at + 1)) {
        if (isWordChar(window[at - 1]) || isWordChar(window[at + alias.length])) continue;
        found.push({ actorId: actor.id, alias, start: from + at });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.alias.length - a.alias.length);
  const kept: Mention[] = [];
  let coveredTo = -1;
  for (const m of found) {
    if (m.start < coveredTo) continue; // "Delhi" inside "New Delhi"
    kept.push(m);
    coveredTo = m.start + m.alias.length;
  }
  return kept;
}

/**
 * `pair`: the article's relationship, used for the target when only one of its
 * actors is mentioned. Null when no alias is found.
 */
export function proposeDirection(
  text: string,
  start: number,
  end: number,
  actors: readonly AliasedActor[],
  pair?: readonly [number, number],
): DirectionProposal | null {
  const sentence = sentenceAround(text, start, end);
  const mentions = findMentions(text, sentence.start, sentence.end, actors);
  const first = mentions[0];
  if (!first) return null;
  const other = mentions.find((m) => m.actorId !== first.actorId);
  let target = other?.actorId;
  if (target === undefined && pair && pair.includes(first.actorId)) target = pair[0] === first.actorId ? pair[1] : pair[0];
  if (target === undefined) return null;
  return { sourceActorId: first.actorId, targetActorId: target, mentions };
}
