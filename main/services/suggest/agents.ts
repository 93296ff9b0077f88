/**
 * Who does what to whom around one event verb, from the actor mentions of
 * its sentence: the subject before the verb acts on the first other actor
 * after it; in the passive ("India was warned by China") the "by" phrase is
 * the source; inside a quotation the speaker named outside it is the source.
 * The agent must be an actor: "Economists warned that the tariffs would hurt
 * American farmers" proposes nothing.
 */
import type { ActorRef, TokenMention } from './actors';
import type { Token } from './tokens';

export interface Agents {
  source: ActorRef;
  target: ActorRef;
  /**
   * The plain case: outside a quotation, one actor before the verb and one
   * other after it (or a passive with both named). The sentence analysis
   * (direction.ts) is asked only about the others: it costs more than all
   * the rest of a suggestion.
   */
  plain?: boolean;
}

const BE = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being']);
const QUOTES = new Set(['"', '“', '”']);
const ADDRESSEE = new Set(['told', 'to', 'addressing', 'of', 'with', 'warned', 'urged']);

function insideQuote(tokens: readonly Token[], at: number): { open: number; close: number } | null {
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (!QUOTES.has(tokens[i]?.text ?? '')) continue; // i is in range
    if (open < 0) open = i;
    else {
      if (open < at && at < i) return { open, close: i };
      open = -1;
    }
  }
  return null;
}

const other = (ms: readonly TokenMention[], not: ActorRef) => ms.find((m) => m.actor.code !== not.code)?.actor;

export function agentsOf(
  tokens: readonly Token[],
  mentions: readonly TokenMention[],
  verbAt: number,
  verbEnd: number,
  pair?: readonly [ActorRef, ActorRef],
): Agents | null {
  const states = mentions.filter((m) => !m.people);
  const before = states.filter((m) => m.end <= verbAt);
  const after = mentions.filter((m) => m.at >= verbEnd);
  const partner = (a: ActorRef, candidates: readonly TokenMention[]) =>
    other(candidates, a) ?? other(mentions, a) ?? (pair?.find((p) => p.code === a.code) ? pair.find((p) => p.code !== a.code) : undefined);

  const quote = insideQuote(tokens, verbAt);
  if (quote) {
    const inQuote = mentions.filter((m) => m.at > quote.open && m.end <= quote.close);
    // The speaker: named outside the quotation, not as the one spoken to ("told India").
    const outside = states.filter((m) => (m.at > quote.close || m.end <= quote.open) && !ADDRESSEE.has(tokens[m.at - 1]?.lower ?? ''));
    const subject = inQuote.find((m) => m.end <= verbAt && !m.people);
    const speaker = subject ?? outside[0];
    if (!speaker) return null;
    const target = partner(speaker.actor, [...inQuote.filter((m) => m.at >= verbEnd), ...mentions.filter((m) => m !== speaker)]);
    return target ? { source: speaker.actor, target } : null;
  }

  const passive =
    BE.has(tokens[verbAt - 1]?.lower ?? '') || (BE.has(tokens[verbAt - 2]?.lower ?? '') && /ly$/.test(tokens[verbAt - 1]?.lower ?? ''));
  if (passive) {
    const by = after.find((m) => !m.people && (tokens[m.at - 1]?.lower === 'by' || tokens[m.at - 2]?.lower === 'by'));
    const patient = before[before.length - 1];
    if (by && patient && by.actor.code !== patient.actor.code)
      return { source: by.actor, target: patient.actor, plain: distinct(mentions) === 2 };
    if (by) {
      const t = partner(by.actor, after);
      return t ? { source: by.actor, target: t } : null;
    }
  }

  // The subject: the first actor of the sentence before the verb
  // ("Pakistan's army chief warned India" -> Pakistan).
  const subject = before[0];
  if (!subject) return null;
  const target = partner(subject.actor, after);
  if (!target) return null;
  const plain = distinct(mentions) === 2 && distinct(before) === 1 && after.some((m) => m.actor.code === target.code) && !passive;
  return { source: subject.actor, target, plain };
}

const distinct = (ms: readonly TokenMention[]) => new Set(ms.map((m) => m.actor.code)).size;
