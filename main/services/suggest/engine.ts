/**
 * Reads one sentence for suggestions: the governing event verb of the CAMEO
 * lexicon (the first event that is not a mere statement, so "rejected
 * Pakistan's offer" is governed by the rejection), its agents, and the
 * features the classifier sees. Then combines lexicon and classifier into
 * per-code confidences.
 */
import type { Code } from '../../../shared/api/schemas';
import { findActorMentions, type ActorIndex, type ActorRef } from './actors';
import { agentsOf, type Agents } from './agents';
import { sentenceDirection } from './direction';
import { hashFeatures, predict, type Model } from './classifier';
import { topLevel, type CodeMapper } from './codeMap';
import { findEvents, type LexEvent, type Lexicon } from './lexicon';
import { stem, tokenize, isWord, type Token } from './tokens';

export interface EngineConfig {
  lexicon: Lexicon;
  actors: ActorIndex;
  codes: readonly Code[];
  mapper: CodeMapper;
  model: Model | null;
  /** Top-level code id -> the confidence below which it is not suggested. */
  thresholds: ReadonlyMap<number, number>;
  /** 'verb': the event verb's own agents only (for measuring what the sentence analysis adds). */
  direction?: 'nlp' | 'verb';
  /** The article's relationship, for a target when only one actor is named. */
  pair?: readonly [ActorRef, ActorRef];
}

export interface SentenceReading {
  start: number;
  end: number;
  event: LexEvent | null;
  /** The code the lexicon gives (subtype where the CAMEO code names one), null for none. */
  lexCode: Code | null;
  /** Who acts on whom by the event verb: whether an actor acts at all. */
  agents: Agents | null;
  features: Uint32Array;
  /** Kept to refine the direction of a sentence that is suggested (the sentence analysis costs more than the rest). */
  refine: () => Agents | null;
}

export interface Scored {
  start: number;
  end: number;
  /** The code to suggest (a subtype where the lexicon named one). */
  code: Code;
  topId: number;
  confidence: number;
  lexicon: number;
  classifier: number | null;
  source: ActorRef;
  target: ActorRef;
  cameo: string | null;
  /** What led to it, for the analyst: "CAMEO 130 threaten", "learned from your tags". */
  evidence: string;
}

/** The confidence from which a code is suggested until the analyst sets another. */
export const DEFAULT_THRESHOLD = 0.5;
const STATEMENT = /^01/;

export function readSentence(
  cfg: EngineConfig,
  text: string,
  start: number,
  end: number,
  tokens = tokenize(text, start, end),
): SentenceReading {
  const sentence = text.slice(start, end);
  const mentions = findActorMentions(cfg.actors, tokens);
  const inMention = new Set<number>();
  for (const m of mentions) for (let i = m.at; i < m.end; i++) inMention.add(i);
  const events = findEvents(cfg.lexicon, tokens, sentence, inMention);
  const event = governingEvent(cfg, tokens, events);
  const live = event && !event.negated && !event.remote ? event : null;
  const lexCode = live ? cfg.mapper(live.cameo) : null;
  let agents: Agents | null = null;
  if (event) agents = agentsOf(tokens, mentions, event.at, event.end, cfg.pair);
  else if (mentions[0]) agents = agentsOf(tokens, mentions, mentions[0].end, mentions[0].end, cfg.pair);

  const names: string[] = [];
  let prev = '<s>';
  tokens.forEach((t, i) => {
    if (!isWord(t) && t.text !== '"' && t.text !== '?') return;
    const w = inMention.has(i) ? '<actor>' : stem(t.lower);
    names.push(`w:${w}`, `b:${prev}|${w}`);
    prev = w;
  });
  if (event) {
    names.push(`v:${event.lemma}`, `c:${event.cameo}`, `c2:${event.cameo.slice(0, 2)}`);
    if (event.negated) names.push('neg', `neg:${event.cameo.slice(0, 2)}`);
    if (event.modal) names.push('modal');
    if (event.remote) names.push('remote');
  }
  if (lexCode) names.push(`lex:${topLevel(cfg.codes, lexCode).id}`);
  if (!agents) names.push('noagents');
  const verbAgents = agents;
  const refine = () => (verbAgents ? sentenceDirection(text, start, end, tokens, mentions, verbAgents, cfg.pair) : null);
  return { start, end, event, lexCode, agents, features: hashFeatures(names), refine };
}

/** Intent to cooperate and agreement, not specified (CAMEO 030, 050): the verb says a decision, the infinitive the act. */
const GENERAL_INTENT = /^0[35]0$/;
const CLAUSE_END = new Set([',', ';', ':', '.', '?', '!', '"', '“', '”', 'but', 'while', 'although']);

/**
 * The event that governs the sentence: the first that is not a mere
 * statement, unless it only says a decision in general ("030 decide",
 * "050 agree") and an infinitive of
 * the same clause names the act: "decided to lift the restrictions" is the
 * lifting, "agreed to cut duties" the cut. The first verb's negation,
 * modality and distance carry over ("did not agree to lift").
 */
function governingEvent(cfg: EngineConfig, tokens: readonly Token[], events: readonly LexEvent[]): (LexEvent & { cameo: string }) | null {
  const at = events.findIndex((e) => e.cameo !== null && !STATEMENT.test(e.cameo));
  const found = events[at];
  if (!found || found.cameo === null) return null;
  const head = { ...found, cameo: found.cameo };
  if (!GENERAL_INTENT.test(head.cameo)) return head;
  let sawTo = false;
  let j = head.end;
  for (const next of events.slice(at + 1)) {
    for (; j < next.at; j++) {
      const word = tokens[j]?.lower ?? ''; // j < next.at, inside the sentence
      if (CLAUSE_END.has(word)) return head;
      if (word === 'to') sawTo = true;
    }
    if (sawTo && next.cameo && cfg.mapper(next.cameo)) {
      return {
        ...next,
        cameo: next.cameo,
        negated: next.negated || head.negated,
        modal: next.modal || head.modal,
        remote: next.remote || head.remote,
      };
    }
    j = next.end;
  }
  return head;
}

/** Lexicon confidence: a noun pattern is surer than the verb alone; may/might/could weaken it. */
export function lexiconConfidence(r: SentenceReading): number {
  if (!r.lexCode || !r.event) return 0;
  return (r.event.pattern ? 0.9 : 0.75) * (r.event.modal ? 0.85 : 1);
}

/** How much the classifier counts: nothing untrained, up to 0.7 after a few hundred answers. */
export function classifierWeight(model: Model | null): number {
  if (!model) return 0;
  return Math.min(0.7, model.trainedOn / (model.trainedOn + 100));
}

export interface ScoreOptions {
  /** 'lexicon' or 'classifier' alone (for measuring), or both (the default). */
  use?: 'lexicon' | 'classifier' | 'combined';
}

/** The best code for one sentence reading, or null when nothing reaches its threshold or no direction is found. */
export function scoreReading(cfg: EngineConfig, r: SentenceReading, opts: ScoreOptions = {}): Scored | null {
  if (!r.agents) return null;
  const use = opts.use ?? 'combined';
  const lexTop = r.lexCode ? topLevel(cfg.codes, r.lexCode) : null;
  const lexConf = use === 'classifier' ? 0 : lexiconConfidence(r);
  const probs = use !== 'lexicon' && cfg.model ? predict(cfg.model, r.features) : null;
  const alpha = use === 'classifier' ? 1 : use === 'lexicon' ? 0 : classifierWeight(cfg.model);
  let best: Scored | null = null;
  const candidates = new Set<number>(cfg.model && use !== 'lexicon' ? cfg.model.classes.filter((c) => c !== 0) : []);
  if (lexTop) candidates.add(lexTop.id);
  for (const topId of candidates) {
    const lex = lexTop?.id === topId ? lexConf : 0;
    const clf = probs ? (probs.get(topId) ?? 0) : null;
    const confidence = clf === null ? lex : (1 - alpha) * lex + alpha * clf;
    if (confidence < (cfg.thresholds.get(topId) ?? DEFAULT_THRESHOLD)) continue;
    if (best && best.confidence >= confidence) continue;
    const top = cfg.codes.find((c) => c.id === topId);
    if (!top) continue;
    const code = lexTop?.id === topId && r.lexCode ? r.lexCode : top;
    const fromLex = lex > 0 && r.event;
    best = {
      start: r.start,
      end: r.end,
      code,
      topId,
      confidence,
      lexicon: lex,
      classifier: clf,
      source: r.agents.source,
      target: r.agents.target,
      cameo: fromLex ? fromLex.cameo : null,
      evidence: fromLex ? `CAMEO ${fromLex.cameo} “${fromLex.lemma}”` : 'learned from your tags',
    };
  }
  if (best && cfg.direction !== 'verb' && !r.agents.plain) {
    // The event verb's agents say whether an actor acts at all; the sentence analysis says which, and on whom.
    const refined = r.refine();
    if (refined) {
      best.source = refined.source;
      best.target = refined.target;
    }
  }
  return best;
}

/** The suggestion for one sentence of an article; a sentence that names no actor is skipped unread (no one to act). */
export function suggestSentence(cfg: EngineConfig, text: string, start: number, end: number): Scored | null {
  const tokens = tokenize(text, start, end);
  if (findActorMentions(cfg.actors, tokens).length === 0) return null;
  return scoreReading(cfg, readSentence(cfg, text, start, end, tokens));
}
