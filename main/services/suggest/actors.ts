/**
 * Finds actors in a sentence's tokens: the workspace's actors and aliases
 * first (as the analyst typed them, case and all), then the Phoenix country
 * dictionary (names, adjectives, capitals, leaders of about 2014–2019), whose
 * names count only when written with a capital. A dictionary country the
 * workspace lacks comes back with `id: null`: a new actor to propose.
 */
import type { Actor } from '../../../shared/api/schemas';
import type { LexiconData } from './lexicon';
import { tokenize, type Token } from './tokens';

export interface ActorRef {
  code: string;
  name: string;
  /** The workspace actor; null when only the dictionary knows it. */
  id: number | null;
}

export interface TokenMention {
  actor: ActorRef;
  /** Token indices [at, end). */
  at: number;
  end: number;
  /** Named as the people of a country ("Indian fishermen"): a target, never the acting state. */
  people: boolean;
}

interface Entry {
  words: string[];
  actor: ActorRef;
  exact: boolean;
}

export interface ActorIndex {
  byFirst: Map<string, Entry[]>;
  /** Nouns of people who are not the state ("company", "farmer"): "a Chinese company" is not China. */
  nonstate: ReadonlySet<string>;
}

const title = (s: string) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

export function actorIndex(actors: readonly Actor[], dictionary: Pick<LexiconData, 'countries' | 'leaders' | 'agents'> | null): ActorIndex {
  const byFirst = new Map<string, Entry[]>();
  const add = (words: string[], actor: ActorRef, exact: boolean) => {
    const [first] = words;
    if (first === undefined) return;
    const key = first.toLowerCase();
    const list = byFirst.get(key) ?? [];
    list.push({ words, actor, exact });
    byFirst.set(key, list);
  };
  const byCode = new Map<string, ActorRef>();
  for (const a of actors) {
    const ref = { code: a.code, name: a.name, id: a.id };
    byCode.set(a.code, ref);
    for (const alias of [a.name, ...a.aliases])
      add(
        tokenize(alias).map((t) => t.text),
        ref,
        true,
      );
  }
  if (dictionary) {
    for (const [code, names] of Object.entries(dictionary.countries)) {
      const ref = byCode.get(code) ?? { code, name: title(names[0] ?? code), id: null };
      for (const n of names)
        add(
          tokenize(n).map((t) => t.lower),
          ref,
          false,
        );
    }
    for (const [code, names] of Object.entries(dictionary.leaders)) {
      const ref = byCode.get(code);
      if (!ref) continue; // a leader alone does not make a country worth proposing
      for (const n of names)
        add(
          tokenize(n).map((t) => t.lower),
          ref,
          false,
        );
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length || Number(b.exact) - Number(a.exact));
  return { byFirst, nonstate: new Set(dictionary?.agents.nonstate ?? []) };
}

const capitalised = (t: Token) => /^\p{Lu}/u.test(t.text);

function entryMatches(e: Entry, tokens: readonly Token[], i: number): boolean {
  for (const [k, w] of e.words.entries()) {
    const t = tokens[i + k];
    if (!t) return false;
    // An alias word typed in lower case ("the White House") matches any case.
    if (e.exact && w !== w.toLowerCase() ? t.text !== w : t.lower !== w.toLowerCase()) return false;
  }
  const first = tokens[i];
  return e.exact || (first !== undefined && capitalised(first));
}

/** Mentions in token order, longest first where names overlap ("New Delhi" over "Delhi"). */
export function findActorMentions(index: ActorIndex, tokens: readonly Token[]): TokenMention[] {
  const out: TokenMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) break; // i < tokens.length
    const list = index.byFirst.get(token.lower);
    const hit = list?.find((e) => entryMatches(e, tokens, i));
    if (!hit) continue;
    const end = i + hit.words.length;
    const next = [tokens[end]?.lower, tokens[end + 1]?.lower].map((w) => (w && w.endsWith('s') ? w.slice(0, -1) : w));
    const people = next.some((w) => w !== undefined && index.nonstate.has(w));
    out.push({ actor: hit.actor, at: i, end, people });
    i += hit.words.length - 1;
  }
  return out;
}
