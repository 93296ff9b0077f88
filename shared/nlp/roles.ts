/**
 * Grammatical roles in a clause, read from parts of speech (wink-nlp has no
 * dependency parser, and none is needed for news prose): the main verb group,
 * whether it is passive, the subject (the words before it), the agent of a
 * passive ("by Washington"), and who speaks in a quotation or reported speech.
 */
import { nthToken, type Token } from './tokens';

export interface ClauseRoles {
  /** Token index of the main verb, or -1 when the clause has none. */
  verb: number;
  /** First token of the verb group (auxiliaries included). */
  verbGroupStart: number;
  passive: boolean;
  /** Token range [from, to) of the subject: from the clause start (after an opening adverbial) to the verb group. */
  subject: [number, number];
  /** Verbs whose grammatical subject undergoes rather than does the act ("India faced pressure from Washington"). */
  undergoer: boolean;
}

const SPEECH = new Set([
  'say',
  'tell',
  'write',
  'add',
  'warn',
  'state',
  'declare',
  'announce',
  'insist',
  'argue',
  'claim',
  'note',
  'post',
  'tweet',
  'remark',
  'reply',
  'respond',
  'urge',
  'threaten',
  'promise',
  'vow',
  'pledge',
  'caution',
  'allege',
  'accuse',
  'assert',
  'complain',
  'stress',
  'signal',
]);
const UNDERGOER = new Set(['face', 'receive', 'get', 'suffer', 'endure', 'undergo', 'draw', 'attract', 'absorb', 'come']);
const OPENING = new Set([
  'in',
  'after',
  'before',
  'despite',
  'amid',
  'to',
  'while',
  'as',
  'with',
  'following',
  'since',
  'during',
  'when',
  'although',
  'though',
  'if',
  'for',
  'on',
  'at',
  'by',
  'under',
  'ahead',
  'unlike',
  'like',
]);
const RELATIVE = new Set(['who', 'which', 'whose', 'whom', 'that']);

export const isSpeechVerb = (t: Token | undefined): boolean => !!t && (t.pos === 'VERB' || t.pos === 'AUX') && SPEECH.has(t.lemma);

/** Quotation marks toggle: true for tokens inside a quotation (the marks themselves excluded). */
export function quotedTokens(tokens: readonly Token[]): boolean[] {
  const inside: boolean[] = [];
  let open = false;
  for (const t of tokens) {
    if (t.text === '"') {
      open = !open;
      inside.push(false);
    } else if (t.text === '“') {
      open = true;
      inside.push(false);
    } else if (t.text === '”') {
      open = false;
      inside.push(false);
    } else inside.push(open);
  }
  return inside;
}

/** Where the clause proper starts: after an opening adverbial phrase closed by a comma ("In an effort to …, Trump asked"). */
function clauseStart(tokens: readonly Token[], from: number, to: number, quoted: readonly boolean[]): number {
  const first = tokens[from];
  if (!first || !OPENING.has(first.lemma) || !(first.pos === 'ADP' || first.pos === 'SCONJ' || first.pos === 'PART' || first.pos === 'ADV'))
    return from;
  for (let i = from + 1; i < to; i++) {
    if (nthToken(tokens, i).text === ',' && !quoted[i]) return i + 1;
  }
  return from;
}

const isVerbal = (t: Token) => t.pos === 'VERB' || t.pos === 'AUX';

/** Reads the clause tokens[from, to). Quoted words are skipped: they belong to the speaker's clause, not this one. */
export function clauseRoles(tokens: readonly Token[], from: number, to: number, quoted: readonly boolean[]): ClauseRoles {
  const start = clauseStart(tokens, from, to, quoted);
  let i = start;
  let skipping = false; // inside ", who met Modi last week,"
  for (; i < to; i++) {
    const t = nthToken(tokens, i);
    if (quoted[i]) continue;
    if (t.text === ',' && RELATIVE.has(tokens[i + 1]?.lemma ?? '')) {
      skipping = true;
      continue;
    }
    if (skipping) {
      if (t.text === ',') skipping = false;
      continue;
    }
    if (isVerbal(t) && !(tokens[i - 1]?.lemma === 'to' && tokens[i - 1]?.pos === 'PART') && !RELATIVE.has(tokens[i - 1]?.lemma ?? ''))
      break;
  }
  if (i >= to) return { verb: -1, verbGroupStart: -1, passive: false, subject: [start, to], undergoer: false };
  const groupStart = i;
  let verb = i;
  let j = i;
  // Auxiliaries, adverbs and "not" up to the first full verb: "has not yet imposed"; "faced mounting pressure" stops at "faced".
  while (
    j < to &&
    (isVerbal(nthToken(tokens, j)) ||
      nthToken(tokens, j).pos === 'ADV' ||
      (nthToken(tokens, j).pos === 'PART' && nthToken(tokens, j).lemma !== 'to'))
  ) {
    if (isVerbal(nthToken(tokens, j))) verb = j;
    if (nthToken(tokens, j).pos === 'VERB') break;
    j++;
  }
  const group = tokens.slice(groupStart, verb + 1);
  const main = nthToken(tokens, verb);
  const hasBe = group.some((t, k) => k < group.length - 1 && (t.lemma === 'be' || t.lemma === 'get'));
  const passive = hasBe && main.pos === 'VERB' && !/ing$/i.test(main.text);
  return { verb, verbGroupStart: groupStart, passive, subject: [start, groupStart], undergoer: !passive && UNDERGOER.has(main.lemma) };
}

/** A headline's verb reads as passive when it is a participle followed by "by" ("India hit by new U.S. tariffs"). */
export function headlinePassive(tokens: readonly Token[], roles: ClauseRoles): boolean {
  if (roles.verb < 0 || roles.passive) return roles.passive;
  const v = nthToken(tokens, roles.verb);
  return /(ed|en|wn|hit|cut|put|set)$/i.test(v.text) && tokens[roles.verb + 1]?.lemma === 'by';
}

/** The verb phrase that leads to the target, for the popover's reason: "impose tariffs on". */
export function phraseTo(tokens: readonly Token[], verb: number, target: number): string {
  let from = verb;
  for (let k = target - 1; k > verb; k--) {
    if (nthToken(tokens, k).pos === 'VERB') {
      from = k;
      break;
    }
  }
  // The target's own modifiers ("President" in "President Trump's") are not part of the phrase.
  let to = target;
  while (to - 1 > from && ['PROPN', 'NOUN', 'ADJ', 'DET'].includes(nthToken(tokens, to - 1).pos)) to--;
  const words = tokens.slice(from, to).filter((t) => t.pos !== 'PUNCT' && t.pos !== 'DET');
  const noun = words.find((t, k) => k > 0 && t.pos === 'NOUN');
  const [first] = words;
  const last = words[words.length - 1];
  const shown =
    words.length > 4 && first ? [first, ...(noun && noun !== last ? [noun] : []), ...(last && last !== first ? [last] : [])] : words;
  return shown.map((t, k) => (k === 0 ? t.lemma : t.text)).join(' ');
}
