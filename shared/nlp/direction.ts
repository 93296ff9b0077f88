/**
 * Proposes who acts on whom in a selected passage by reading its sentence:
 * the source is the actor that acts (the grammatical subject, the agent of a
 * passive, the speaker of a quotation or of reported speech, a pronoun that
 * refers back to an actor named just before), the target the actor acted upon
 * (object, "on India", "against New Delhi"). Only the open relationship's
 * actors are candidates unless the passage names neither. The result says why,
 * in words the popover shows.
 */
import { findMentions, type AliasedActor, type Mention } from '../domain/direction';
import { present } from '../domain/present';
import { clauseRoles, headlinePassive, isSpeechVerb, phraseTo, quotedTokens, type ClauseRoles } from './roles';
import { clauseSpans, isHeadline, sentencesAround } from './segment';
import { analyse, nthToken, type Span, type Token } from './tokens';

export type { AliasedActor, Mention } from '../domain/direction';

export interface NamedActor extends AliasedActor {
  name?: string;
}

/** How the direction was read: the rule that decided the source. */
export type DirectionBasis = 'subject' | 'passive-agent' | 'speaker' | 'undergoer' | 'object' | 'order';

export interface DirectionReading {
  sourceActorId: number;
  targetActorId: number;
  /** The actor mentions found in the passage's sentence, in text order (pronouns resolved included). */
  mentions: Mention[];
  basis: DirectionBasis;
  /** One sentence for the analyst: "Trump (USA) is the subject; India (IND) is the object of 'impose tariffs on'". */
  reason: string;
}

interface Placed extends Mention {
  token: number;
  /** "he" for a pronoun resolved to an actor named before, else undefined. */
  pronoun?: string;
}

// Words that open a clause of their own, whatever the tagger calls them ("as" is often ADP).
const CLAUSE_OPENERS = new Set(['as', 'while', 'after', 'before', 'because', 'since', 'when', 'until', 'who', 'which', 'that', 'whereas']);
const PRONOUNS_BACK = new Set(['he', 'she', 'they', 'it']);
const PRONOUNS_SPEAKER = new Set(['we', 'i', 'us', 'me', 'our', 'my']);

function tokenAt(tokens: readonly Token[], offset: number): number {
  const i = tokens.findIndex((t) => t.end > offset);
  return i < 0 ? tokens.length - 1 : i;
}

/** Same-length text the tagger reads for a headline in capitals: lower case, actor names capitalised as names. */
function headlineShadow(text: string, mentions: readonly Mention[]): string | undefined {
  const words = text.match(/\p{L}+/gu) ?? [];
  const capital = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (words.length < 2 || capital / words.length < 0.6) return undefined;
  const chars = [...text.toLowerCase()];
  if (chars.length !== text.length) return undefined;
  for (const m of mentions) {
    for (let k = 0; k < m.alias.length; k++) chars[m.start + k] = m.alias.charAt(k);
  }
  chars[0] = (chars[0] ?? '').toUpperCase(); // two words or more: not empty
  return chars.join('');
}

interface Reading {
  tokens: Token[];
  quoted: boolean[];
  mentions: Placed[];
}

/** Mentions in text[span], also in a headline in capitals ("TRUMP" for the alias "Trump"; "US" still only matches "US"). */
function mentionsIn(text: string, span: Span, given: readonly AliasedActor[]): Mention[] {
  // An alias that starts in lower case ("the White House") also opens a sentence ("The White House"),
  // and headlines drop the article ("White House warns India").
  const variants = (x: string) =>
    (/^\p{Ll}/u.test(x) ? [x.charAt(0).toUpperCase() + x.slice(1)] : []).concat(/^the /i.test(x) ? [x.slice(4)] : []);
  const actors = given.map((a) => ({ ...a, aliases: [...a.aliases, ...a.aliases.flatMap(variants)] }));
  const found = findMentions(text, span.start, span.end, actors);
  const slice = text.slice(span.start, span.end);
  if (!/\p{Lu}{3}/u.test(slice)) return found;
  const titled = slice.replace(/\p{Lu}{2,}/gu, (w) => w[0] + w.slice(1).toLowerCase());
  const copy = text.slice(0, span.start) + titled + text.slice(span.end);
  const more = findMentions(copy, span.start, span.end, actors).filter(
    (m) => !found.some((f) => m.start < f.start + f.alias.length && f.start < m.start + m.alias.length),
  );
  return [...found, ...more].sort((a, b) => a.start - b.start);
}

function read(text: string, span: Span, actors: readonly AliasedActor[]): Reading {
  const found = mentionsIn(text, span, actors);
  const slice = text.slice(span.start, span.end);
  const shadow = isHeadline(slice)
    ? headlineShadow(
        slice,
        found.map((m) => ({ ...m, start: m.start - span.start })),
      )
    : undefined;
  const { tokens } = analyse(text, span.start, span.end, shadow);
  return { tokens, quoted: quotedTokens(tokens), mentions: found.map((m) => ({ ...m, token: tokenAt(tokens, m.start) })) };
}

/** The actor a clause is about: the first candidate mention in its subject. */
function subjectOf(r: Reading, roles: ClauseRoles, candidates: ReadonlySet<number>): Placed | undefined {
  return r.mentions.find(
    (m) => candidates.has(m.actorId) && m.token >= roles.subject[0] && m.token < roles.subject[1] && !r.quoted[m.token],
  );
}

/** The speaker of a quotation or reported speech: "Modi said", "said Modi", "according to New Delhi". */
function speakerOf(r: Reading, candidates: ReadonlySet<number>): Placed | undefined {
  const { tokens, quoted } = r;
  for (const m of r.mentions) {
    if (!candidates.has(m.actorId) || quoted[m.token]) continue;
    const after = tokens.slice(m.token + 1, m.token + 5);
    const nextVerb = after.find((t) => t.pos === 'VERB' || t.pos === 'AUX');
    const before = tokens[m.token - 1];
    const beforeTitle = tokens.slice(Math.max(0, m.token - 4), m.token).reverse();
    if (
      nextVerb &&
      isSpeechVerb(nextVerb) &&
      !after.slice(0, after.indexOf(nextVerb)).some((t) => t.text === ',' || t.text === '"' || t.text === '“')
    )
      return m;
    // "…," said Prime Minister Modi: the verb follows a comma or a closing quotation mark.
    const verbAt = beforeTitle.findIndex((t) => isSpeechVerb(t));
    const between = verbAt >= 0 ? beforeTitle.slice(0, verbAt) : [];
    const verbIndex = m.token - 1 - verbAt;
    const lead = tokens[verbIndex - 1]?.text ?? '';
    if (verbAt >= 0 && between.every((t) => ['DET', 'NOUN', 'PROPN', 'ADJ'].includes(t.pos)) && [',', '"', '”'].includes(lead)) return m;
    if (before?.lemma === 'to' && tokens[m.token - 2]?.lemma === 'accord') return m;
  }
  return undefined;
}

/** Pronouns that stand for an actor: he/she/it/they for one named before, we/I in a quotation for its speaker. */
function resolvePronouns(r: Reading, antecedent: Placed | undefined, speaker: Placed | undefined): Placed[] {
  const out: Placed[] = [];
  r.tokens.forEach((t, i) => {
    if (t.pos !== 'PRON' || r.mentions.some((m) => m.token === i)) return;
    const word = t.text.toLowerCase();
    const earlier = r.mentions.filter((m) => m.token < i && !r.quoted[m.token]).pop();
    let to: Placed | undefined;
    if (PRONOUNS_SPEAKER.has(word) && r.quoted[i]) to = speaker;
    else if (PRONOUNS_BACK.has(word) && !r.quoted[i]) to = earlier ?? antecedent;
    if (to) out.push({ actorId: to.actorId, alias: to.alias, start: t.start, token: i, pronoun: t.text });
  });
  return out;
}

/** The actor the previous sentence is about, for "he"/"it" at the start of this one. */
function antecedentIn(
  text: string,
  previous: Span | null,
  actors: readonly AliasedActor[],
  candidates: ReadonlySet<number>,
): Placed | undefined {
  if (!previous) return undefined;
  const r = read(text, previous, actors);
  const roles = clauseRoles(r.tokens, 0, r.tokens.length, r.quoted);
  return speakerOf(r, candidates) ?? subjectOf(r, roles, candidates) ?? r.mentions.find((m) => candidates.has(m.actorId));
}

function describe(m: Placed, actors: readonly NamedActor[]): string {
  const code = actors.find((a) => a.id === m.actorId)?.code ?? '?';
  return m.pronoun ? `“${m.pronoun}” (${m.alias}, ${code})` : `${m.alias} (${code})`;
}

function partnerOf(pair: readonly [number, number] | undefined, id: number): number | undefined {
  if (!pair || !pair.includes(id)) return undefined;
  return pair[0] === id ? pair[1] : pair[0];
}

/** The selection's clause when it lies within one, else the whole sentence(s) it touches. */
function focus(text: string, start: number, end: number, touched: readonly Span[]): Span {
  const first = touched[0];
  const last = touched[touched.length - 1];
  if (!first || !last) throw new RangeError('The selection touches no sentence.');
  const whole = { start: first.start, end: last.end };
  if (touched.length !== 1) return whole;
  const clauses = clauseSpans(text, whole);
  const inside = clauses.filter((c) => c.end > start && c.start < end);
  const [only] = inside;
  return inside.length === 1 &&
    only &&
    (only.start > start || only.end < end || clauses.length > 1) &&
    end - start < whole.end - whole.start
    ? only
    : whole;
}

export function proposeDirection(
  text: string,
  start: number,
  end: number,
  actors: readonly NamedActor[],
  pair?: readonly [number, number],
): DirectionReading | null {
  const { previous, touched } = sentencesAround(text, start, end);
  if (touched.length === 0) return null;
  const span = focus(text, start, end, touched);
  const r = read(text, span, actors);
  const named = new Set(r.mentions.map((m) => m.actorId));
  const pairNamed = pair ? pair.some((id) => named.has(id)) : false;
  // Pronouns may bring in the pair's actor from the sentence before.
  const pairSet = new Set(pair ?? []);
  const candidates = pairNamed || (pair && !named.size) ? pairSet : new Set(named);
  const speaker = speakerOf(r, candidates);
  const antecedent = antecedentIn(text, previous, actors, candidates);
  const pronouns = resolvePronouns(r, antecedent, speaker);
  r.mentions = [...r.mentions, ...pronouns].sort((a, b) => a.token - b.token);
  const cands = r.mentions.filter((m) => candidates.has(m.actorId));
  if (cands.length === 0) return null;
  // A pronoun can be the speaker ("he said"): look again with pronouns resolved.
  const result = decide(r, cands, speakerOf(r, candidates), actors, pair, isHeadline(text.slice(span.start, span.end)));
  if (!result) return null;
  return { ...result, mentions: r.mentions.map(({ actorId, alias, start: s }) => ({ actorId, alias, start: s })) };
}

type Decision = Omit<DirectionReading, 'mentions'>;

function decide(
  r: Reading,
  cands: readonly Placed[],
  speaker: Placed | undefined,
  actors: readonly NamedActor[],
  pair: readonly [number, number] | undefined,
  headline: boolean,
): Decision | null {
  const { tokens, quoted } = r;
  const candidates = new Set(cands.map((m) => m.actorId));
  const other = (id: number, after = -1) => cands.find((m) => m.actorId !== id && m.token > after) ?? cands.find((m) => m.actorId !== id);
  // `lead` says why the source is the source; `why` adds the target, or the relationship supplies it.
  const finish = (
    source: Placed,
    target: Placed | undefined,
    basis: DirectionBasis,
    lead: string,
    why: (t: string) => string,
  ): Decision | null => {
    if (target)
      return { sourceActorId: source.actorId, targetActorId: target.actorId, basis, reason: `${lead}; ${why(describe(target, actors))}` };
    const partner = partnerOf(pair, source.actorId);
    if (partner === undefined) return null;
    const code = actors.find((a) => a.id === partner)?.code ?? '?';
    return {
      sourceActorId: source.actorId,
      targetActorId: partner,
      basis,
      reason: `${lead}; ${code} (the other side of the relationship) is the target`,
    };
  };

  if (speaker) {
    const target = other(speaker.actorId, -1);
    return finish(speaker, target, 'speaker', `${describe(speaker, actors)} is the speaker`, (t) => `${t} is named in what was said`);
  }

  let roles = clauseRoles(tokens, 0, tokens.length, quoted);
  // "Officials said the U.S. and India …": a reporting verb without an actor as subject; read what was reported.
  if (roles.verb >= 0 && isSpeechVerb(tokens[roles.verb]) && !subjectOf(r, roles, candidates)) {
    const inner = clauseRoles(tokens, roles.verb + 1, tokens.length, quoted);
    if (inner.verb >= 0) roles = inner;
  }
  // "Russia offered discounts as Washington pressed New Delhi …": the main clause's subject is no candidate; a later clause's may be.
  if (!subjectOf(r, roles, candidates) && roles.verb >= 0) {
    for (let k = roles.verb + 1; k < tokens.length - 1; k++) {
      const t = nthToken(tokens, k);
      if (quoted[k] || !(t.pos === 'SCONJ' || t.pos === 'CCONJ' || t.text === ',' || t.text === ';' || CLAUSE_OPENERS.has(t.lemma)))
        continue;
      const inner = clauseRoles(tokens, k + 1, tokens.length, quoted);
      if (inner.verb >= 0 && subjectOf(r, inner, candidates)) {
        roles = inner;
        break;
      }
    }
  }
  const passive = roles.passive || (headline && headlinePassive(tokens, roles));
  const subject = subjectOf(r, roles, candidates);
  const afterVerb = cands.filter((m) => m.token > roles.verb && roles.verb >= 0);

  if (passive) {
    const agent = afterVerb.find(
      (m) => tokens.slice(roles.verb + 1, m.token).some((t) => t.lemma === 'by') && tokens[m.token - 1]?.lemma !== 'on',
    );
    const verbText = tokens
      .slice(roles.verbGroupStart, roles.verb + 1)
      .map((t) => t.text)
      .join(' ');
    if (agent) {
      const target = subject && subject.actorId !== agent.actorId ? subject : other(agent.actorId);
      return finish(
        agent,
        target,
        'passive-agent',
        `${describe(agent, actors)} is the agent of the passive “${verbText} by”`,
        (t) => `${t} is acted upon`,
      );
    }
    const patient = subject ?? afterVerb[0];
    if (patient) {
      const partner = partnerOf(pair, patient.actorId);
      const src = other(patient.actorId);
      if (src)
        return {
          sourceActorId: src.actorId,
          targetActorId: patient.actorId,
          basis: 'object',
          reason: `${describe(patient, actors)} is acted upon (“${verbText}”); ${describe(src, actors)} is the other actor named`,
        };
      if (partner !== undefined) {
        const code = actors.find((a) => a.id === partner)?.code ?? '?';
        return {
          sourceActorId: partner,
          targetActorId: patient.actorId,
          basis: 'object',
          reason: `${describe(patient, actors)} is acted upon (“${verbText}”); ${code} is the other side of the relationship`,
        };
      }
    }
  }

  if (subject && roles.undergoer) {
    const from =
      afterVerb.find((m) => m.actorId !== subject.actorId && ['from', 'by'].includes(tokens[m.token - 1]?.lemma ?? '')) ??
      afterVerb.find((m) => m.actorId !== subject.actorId && tokens.slice(roles.verb + 1, m.token).some((t) => t.lemma === 'from'));
    if (from)
      return {
        sourceActorId: from.actorId,
        targetActorId: subject.actorId,
        basis: 'undergoer',
        reason: `${describe(subject, actors)} is the subject of “${nthToken(tokens, roles.verb).lemma}”, which it undergoes; it comes from ${describe(from, actors)}`,
      };
  }

  if (subject) {
    const target = afterVerb.find((m) => m.actorId !== subject.actorId) ?? other(subject.actorId);
    const verbWord = roles.verb >= 0 ? nthToken(tokens, roles.verb).lemma : '';
    const objectOfVerb = target && target.token > roles.verb && roles.verb >= 0;
    return finish(
      subject,
      target,
      'subject',
      `${describe(subject, actors)} is the subject${objectOfVerb || !verbWord ? '' : ` of “${verbWord}”`}`,
      (t) => (objectOfVerb ? `${t} is the object of “${phraseTo(tokens, roles.verb, target.token)}”` : `${t} is the other actor`),
    );
  }

  // No candidate in subject position: the first one after the verb is acted upon.
  const object = afterVerb[0];
  if (object) {
    const src = cands.find((m) => m.actorId !== object.actorId);
    const partner = partnerOf(pair, object.actorId);
    const phrase = phraseTo(tokens, roles.verb, object.token);
    if (src)
      return {
        sourceActorId: src.actorId,
        targetActorId: object.actorId,
        basis: 'object',
        reason: `${describe(object, actors)} is the object of “${phrase}”; ${describe(src, actors)} is the other actor named`,
      };
    if (partner !== undefined) {
      const code = actors.find((a) => a.id === partner)?.code ?? '?';
      return {
        sourceActorId: partner,
        targetActorId: object.actorId,
        basis: 'object',
        reason: `${describe(object, actors)} is the object of “${phrase}”; ${code} is the other side of the relationship`,
      };
    }
  }

  const first = present(cands[0], 'an actor named in the sentence');
  return finish(
    first,
    other(first.actorId),
    'order',
    `${describe(first, actors)} is named first and no subject was found`,
    (t) => `${t} next`,
  );
}
