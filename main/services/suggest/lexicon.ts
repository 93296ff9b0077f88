/**
 * The CAMEO verb lexicon shipped in resources/suggest-lexicon.json (derived
 * from PETRARCH2 by scripts/derive-lexicon.mjs): finds the event verbs of a
 * sentence, refines each verb's CAMEO code by the noun patterns after it, and
 * reads negation, modality and tense around it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { present } from '../../../shared/domain/present';
import { bestPattern, compilePatterns, type Pattern, type PatternIndex } from './patterns';
import { isWord, stem, type Token } from './tokens';

export interface LexiconData {
  lemmas: [string, string | null][];
  forms: Record<string, number>;
  blocks: number[][];
  patterns: Pattern[];
  /** Event nouns made from the verbs ("withdrawal", "exemption"): form -> lemma index. */
  nominals: Record<string, number>;
  /** Word lists of Parley's own relief and yield patterns (see reliefCode). */
  relief: Record<'verbs' | 'sanctions' | 'restrictions' | 'grants' | 'reliefNouns' | 'yields' | 'demands', string[]>;
  countries: Record<string, string[]>;
  leaders: Record<string, string[]>;
  agents: { state: string[]; nonstate: string[] };
}

export interface Lexicon {
  data: LexiconData;
  /** First word of a form -> the forms starting with it (as word lists), longest first. */
  byFirst: Map<string, { words: string[]; lemma: number; nominal: boolean }[]>;
  relief: Record<keyof LexiconData['relief'], ReadonlySet<string>>;
  /** Lemma -> its block's patterns. */
  patternsOf: Map<number, PatternIndex>;
}

export interface LexEvent {
  /** Index of the verb's first token. */
  at: number;
  /** Index after the verb's last token. */
  end: number;
  lemma: string;
  cameo: string | null;
  /** Said by an event noun ("the withdrawal of"), not the verb. */
  nominal: boolean;
  /** A noun pattern (not only the verb) gave the code. */
  pattern: boolean;
  negated: boolean;
  /** may, might, could: a weaker statement. */
  modal: boolean;
  /** A reported past event (a dated past, a pluperfect) or a question: not a current action. */
  remote: boolean;
}

export function buildLexicon(data: LexiconData): Lexicon {
  const byFirst: Lexicon['byFirst'] = new Map();
  const add = (form: string, lemma: number, nominal: boolean) => {
    const words = form.split(' ');
    const first = words[0] ?? ''; // split gives at least one word
    const list = byFirst.get(first) ?? [];
    list.push({ words, lemma, nominal });
    byFirst.set(first, list);
  };
  for (const [form, lemma] of Object.entries(data.forms)) add(form, lemma, false);
  for (const [form, lemma] of Object.entries(data.nominals)) add(form, lemma, true);
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const patternsOf = new Map<number, PatternIndex>();
  data.blocks.forEach((lemmas, b) => {
    const patterns = compilePatterns(data.patterns.filter((p) => p[0] === b));
    for (const lemma of lemmas) patternsOf.set(lemma, patterns);
  });
  const r = data.relief;
  const relief: Lexicon['relief'] = {
    verbs: new Set(r.verbs),
    sanctions: new Set(r.sanctions),
    restrictions: new Set(r.restrictions),
    grants: new Set(r.grants),
    reliefNouns: new Set(r.reliefNouns),
    yields: new Set(r.yields),
    demands: new Set(r.demands),
  };
  return { data, byFirst, patternsOf, relief };
}

let shipped: Lexicon | null = null;

/** resources/suggest-lexicon.json, found from a checkout (tests), dist/main (CLI, server) or app.asar. */
export function shippedLexicon(): Lexicon {
  if (shipped) return shipped;
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'resources', 'suggest-lexicon.json');
    if (fs.existsSync(file)) {
      shipped = buildLexicon(JSON.parse(fs.readFileSync(file, 'utf8')) as LexiconData);
      return shipped;
    }
  }
  throw new Error('The suggestion lexicon (resources/suggest-lexicon.json) is missing from this installation.');
}

const STOP = new Set([',', ';', ':', '"', '“', '”', '(', ')', '—', '–', '.', '?', '!']);
const NEGATORS = new Set(['not', 'never', 'no', 'neither', 'nor', 'cannot', 'unlikely', 'without']);
const NEGATING_VERBS = /^(refus|declin|reject|den(y|ies|ied)|fail|dismiss|rul)/;
const MODALS = new Set(['may', 'might', 'could', 'can']);
const DOUBT = new Set(['whether', 'unclear', 'if']);
const AUX = new Set(['had']);
const DATED_PAST = /\b(?:in|by|during|until) (?:the )?(?:1[89]\d\d|20[01]\d)s?\b|\b(?:decades|years) ago\b|\bhistorians?\b/i;

function context(tokens: readonly Token[], at: number): { negated: boolean; modal: boolean; doubt: boolean; pluperfect: boolean } {
  let negated = false;
  let modal = false;
  let doubt = false;
  let pluperfect = false;
  for (let j = at - 1, seen = 0; j >= 0 && seen < 6; j--) {
    const t = tokens[j];
    if (t === undefined || STOP.has(t.text)) break; // j is in range
    seen++;
    if (NEGATORS.has(t.lower) || t.lower === "'t") negated = true;
    if (NEGATING_VERBS.test(t.lower)) negated = true;
    if (MODALS.has(t.lower)) modal = true;
    if (DOUBT.has(t.lower)) doubt = true;
    if (seen <= 2 && AUX.has(t.lower)) pluperfect = true;
  }
  // "no plans to", "no intention of": a negated noun governs the verb.
  return { negated, modal, doubt, pluperfect };
}

const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that']);
const POSSESSIVE = new Set(["'s", "'"]);

/** Whether the sentence part the verb is in ends with a question mark. */
function asked(tokens: readonly Token[], from: number): boolean {
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j]?.text; // j is in range
    if (t === '?') return true;
    if (t === '.' || t === '!') return false;
  }
  return false;
}

/**
 * The event verbs of one sentence's tokens, in text order. `skip`: token
 * indices inside actor names ("United" in "the United States" is no verb).
 */
export function findEvents(lex: Lexicon, tokens: readonly Token[], sentenceText: string, skip?: ReadonlySet<number>): LexEvent[] {
  const events: LexEvent[] = [];
  const dated = DATED_PAST.test(sentenceText);
  const window = { lowers: tokens.map((t) => t.lower), stems: tokens.map((t) => stem(t.lower)) };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || !isWord(t) || skip?.has(i)) continue; // i is in range
    const candidates = lex.byFirst.get(t.lower);
    if (!candidates) continue;
    const hit = candidates.find((c) => c.words.every((w, k) => tokens[i + k]?.lower === w));
    if (!hit) continue;
    // After a determiner or a possessive the word is a noun: "the planned increase", "India's purchase"
    // are no events, but an event noun ("the withdrawal") and a gerund with "of" ("the lifting of") are.
    const nounPlace = DETERMINERS.has(tokens[i - 1]?.lower ?? '') || POSSESSIVE.has(tokens[i - 1]?.lower ?? '');
    const nominal = hit.nominal || (nounPlace && /ing$/.test(t.lower) && tokens[i + hit.words.length]?.lower === 'of');
    if (nounPlace && !nominal) continue;
    const end = i + hit.words.length;
    const [lemma, blockCode] = present(lex.data.lemmas[hit.lemma], `lexicon lemma ${hit.lemma}`);
    let cameo = blockCode;
    let pattern = false;
    const relief = reliefCode(lex, lemma, tokens, end);
    if (relief) {
      cameo = relief;
      pattern = true;
    } else {
      const index = lex.patternsOf.get(hit.lemma);
      const p = index ? bestPattern(index, window, i, end) : null;
      if (p) {
        cameo = p.code;
        pattern = true;
      }
    }
    const c = context(tokens, i);
    events.push({
      at: i,
      end,
      lemma,
      cameo,
      nominal,
      pattern,
      negated: c.negated,
      modal: c.modal,
      remote: asked(tokens, end) || dated || c.doubt || c.pluperfect,
    });
    i = end - 1;
  }
  return events;
}

// Parley's own addition to the CAMEO patterns (word lists in the lexicon,
// from scripts/derive-lexicon.mjs): easing or removing a restriction is a
// concession (CAMEO 081 ease restrictions, 085 ease economic sanctions)
// whichever verb says it, and so is granting a waiver or an exemption;
// accepting a demand is yielding (080). PETRARCH's patterns cover only some
// pairs ("lift sanctions" but not "scrap tariffs"), and some send "lift
// sanctions" to 0351, the intent rather than the act.
function reliefCode(lex: Lexicon, lemma: string, tokens: readonly Token[], from: number): string | null {
  const r = lex.relief;
  const removes = r.verbs.has(lemma);
  const grants = r.grants.has(lemma);
  const yields = r.yields.has(lemma);
  if (!removes && !grants && !yields) return null;
  let relieved = !grants;
  for (let j = from; j < Math.min(tokens.length, from + 6); j++) {
    const t = tokens[j];
    if (t === undefined || STOP.has(t.text)) break; // j is in range
    const w = stem(t.lower);
    if (grants && (r.reliefNouns.has(w) || r.reliefNouns.has(t.lower))) relieved = true;
    if (relieved && (removes || grants) && (r.sanctions.has(w) || r.sanctions.has(t.lower))) return '085';
    if (removes && r.restrictions.has(w)) return '081';
    if (yields && (r.demands.has(w) || r.demands.has(t.lower))) return '080';
  }
  return grants && relieved ? '081' : null;
}
