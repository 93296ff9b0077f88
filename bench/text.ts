/**
 * Synthetic dispatches, already in Parley's normalized form, with the offsets
 * of every word so that annotation spans can be placed on word boundaries.
 *
 * The words follow the shape of real news text, because full-text search cost
 * depends on it (how many articles each query word occurs in): about half the
 * running words are English function words ("the", "of", "said" …, drawn with
 * their own skewed frequencies), the other half content words drawn from a
 * Zipf–Mandelbrot distribution over a vocabulary of CONTENT_VOCABULARY words —
 * the wire-service words below spread over the ranks ("ministry" is the
 * commonest, "official" among the rarer) and generated pseudo-words (some capitalized, as names of
 * people and places are) for the rest. Measured at 100,000 articles: the
 * commonest content word occurs in about a third of the articles, the
 * 1,000th commonest term in 3.5 %, the 10,000th in 0.36 %; 150,000 of the
 * 188,000 terms occur in fewer than 100 articles, as a wire archive's long
 * tail of names does. The two actors of the article's relationship are
 * mentioned throughout, and every article opens with its dateline.
 */
import type { Rng } from './rng';
import { createRng } from './rng';

// prettier-ignore
const WIRE_WORDS = [
  'ministry', 'delegation', 'summit', 'border', 'tariff', 'agreement', 'envoy', 'spokesperson', 'treaty', 'exercise',
  'sanction', 'consulate', 'corridor', 'pipeline', 'shipment', 'visa', 'embassy', 'parliament', 'coalition', 'frigate',
  'patrol', 'negotiation', 'communique', 'framework', 'dialogue', 'cabinet', 'minister', 'official', 'ceasefire', 'statement',
  'partnership', 'investment', 'quota', 'port', 'airspace', 'satellite', 'reactor', 'loan', 'grain', 'refinery',
  'memorandum', 'roadmap', 'deadline', 'protest', 'committee', 'garrison', 'drill', 'observer', 'waiver', 'export',
  'warned', 'announced', 'rejected', 'welcomed', 'proposed', 'signed', 'suspended', 'resumed', 'criticized', 'praised',
  'threatened', 'offered', 'postponed', 'confirmed', 'denied', 'expanded', 'reduced', 'lifted', 'imposed', 'recalled',
  'hosted', 'cancelled', 'extended', 'demanded', 'pledged', 'accused', 'backed', 'questioned', 'endorsed', 'blocked',
  'bilateral', 'regional', 'strategic', 'economic', 'naval', 'diplomatic', 'senior', 'joint', 'formal', 'unexpected',
  'provisional', 'disputed', 'long-awaited', 'modest', 'sweeping', 'narrow', 'fresh', 'tentative', 'firm', 'quiet',
];
/** English function words, commonest first (each drawn with weight 1/rank). */
// prettier-ignore
export const FUNCTION_WORDS = [
  'the', 'of', 'to', 'a', 'and', 'in', 'said', 'on', 'that', 'for', 'is', 'was', 'with', 'by', 'at', 'it', 'as', 'from',
  'has', 'be', 'have', 'its', 'an', 'not', 'but', 'are', 'were', 'which', 'will', 'would', 'this', 'after', 'had', 'who',
  'been', 'their', 'they', 'also', 'more', 'than', 'over', 'about', 'or', 'two', 'new', 'last', 'up', 'into', 'could',
  'other', 'year', 'week', 'some', 'when', 'against', 'since', 'before', 'while', 'both', 'sides', 'according', 'people',
  'on Tuesday', 'later', 'earlier', 'despite', 'between', 'during', 'under', 'further', 'such', 'those', 'there', 'no',
];
/** Content words in the vocabulary (wire words plus generated pseudo-words). */
export const CONTENT_VOCABULARY = 200_000;
/** Zipf–Mandelbrot shape of the content words: weight 1 / (rank + Q) ^ S. */
const ZIPF_Q = 100;
const ZIPF_S = 1.0;
/** Share of running words that are function words, and that name one of the article's two actors. */
const FUNCTION_SHARE = 0.48;
const ACTOR_SHARE = 0.03;

const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'gr', 'kr', 'st', 'tr', 'sh', 'ch'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'k', 'm'];

interface Vocabulary {
  /** Content words by rank, commonest first. */
  words: string[];
  cumulative: number[];
  functionCumulative: number[];
}

let vocabulary: Vocabulary | null = null;

/**
 * The content vocabulary, the same for every seed: pseudo-words of two or three
 * syllables, distinct from each other and from every real word used here,
 * with the wire words placed at ranks spread evenly on a log scale from 1 to
 * 20,000 (the k-th of n at rank ≈ 20,000^(k/n), nouns, verbs and adjectives
 * interleaved).
 */
export function contentVocabulary(): Vocabulary {
  if (vocabulary) return vocabulary;
  const rng = createRng(0x5eed_70c4);
  const taken = new Set<string>([...WIRE_WORDS, ...FUNCTION_WORDS.flatMap((w) => w.toLowerCase().split(' '))]);
  const words: (string | undefined)[] = new Array<string | undefined>(CONTENT_VOCABULARY);
  for (const [i, w] of WIRE_WORDS.entries()) {
    // 37 is prime to 100: a fixed shuffle, so that nouns are not all commoner than adjectives.
    let rank = Math.round(Math.pow(20_000, ((i * 37) % WIRE_WORDS.length) / WIRE_WORDS.length));
    while (words[rank - 1] !== undefined) rank++;
    words[rank - 1] = w;
  }
  for (let r = 0; r < CONTENT_VOCABULARY; r++) {
    if (words[r] !== undefined) continue;
    let w: string;
    do {
      w = '';
      const syllables = rng.next() < 0.6 ? 2 : 3;
      for (let s = 0; s < syllables; s++) w += rng.pick(ONSETS) + rng.pick(NUCLEI) + (s === syllables - 1 ? rng.pick(CODAS) : '');
    } while (taken.has(w));
    taken.add(w);
    // About one in six is a name (of a person, a place, a party): capitalized.
    words[r] = rng.next() < 0.16 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
  }
  let sum = 0;
  const cumulative = words.map((_, r) => (sum += 1 / Math.pow(r + 1 + ZIPF_Q, ZIPF_S)));
  let fsum = 0;
  const functionCumulative = FUNCTION_WORDS.map((_, r) => (fsum += 1 / (r + 1)));
  vocabulary = { words: words as string[], cumulative, functionCumulative };
  return vocabulary;
}

export // prettier-ignore
const OUTLETS = [
  'Harbour Wire', 'The Meridian Ledger', 'Northgate Dispatch', 'Continental Review', 'Evening Courier', 'Pacific Bulletin',
  'The Plains Observer', 'Atlas News Service', 'Riverside Gazette', 'Capital Monitor', 'The Weekly Sentinel', 'Delta Times',
];

export interface SyntheticArticle {
  title: string;
  text: string;
  /** Word spans [start, end) as pairs, and for each paragraph the index of its first word (plus a final sentinel). */
  wordSpans: Int32Array;
  paragraphFirstWord: number[];
}

function word(rng: Rng, v: Vocabulary): string {
  return v.words[rng.weighted(v.cumulative)]!;
}

function sentence(rng: Rng, actorNames: readonly string[], words: string[]): void {
  const v = contentVocabulary();
  const length = rng.int(9, 22);
  const from = words.length;
  const subject = rng.next() < 0.5 ? rng.pick(actorNames) : `The ${word(rng, v)} ${word(rng, v)}`;
  words.push(...subject.split(' '), word(rng, v));
  while (words.length - from < length) {
    const r = rng.next();
    if (r < FUNCTION_SHARE) words.push(...FUNCTION_WORDS[rng.weighted(v.functionCumulative)]!.split(' '));
    else if (r < FUNCTION_SHARE + ACTOR_SHARE) words.push(...rng.pick(actorNames).split(' '));
    else words.push(word(rng, v));
  }
  words[words.length - 1] += rng.next() < 0.9 ? '.' : ',';
}

/** An article of about `targetWords` words in paragraphs of 2–5 sentences, mentioning the given actors. */
export function syntheticArticle(rng: Rng, targetWords: number, actorNames: readonly string[], serial: number): SyntheticArticle {
  const paragraphs: string[][] = [];
  let total = 0;
  while (total < targetWords) {
    const words: string[] = [];
    const sentences = rng.int(2, 5);
    for (let s = 0; s < sentences; s++) {
      const w: string[] = [];
      sentence(rng, actorNames, w);
      words.push(...w);
    }
    paragraphs.push(words);
    total += words.length;
  }
  // A dateline with the serial number keeps every text distinct, as real dispatches are.
  paragraphs[0]!.unshift(`(Dispatch ${serial})`);
  const spans = new Int32Array(2 * (total + 2));
  const paragraphFirstWord: number[] = [];
  let text = '';
  let w = 0;
  for (const [p, words] of paragraphs.entries()) {
    if (p > 0) text += '\n\n';
    paragraphFirstWord.push(w);
    for (const [i, word] of words.entries()) {
      if (i > 0) text += ' ';
      spans[2 * w] = text.length;
      text += word;
      spans[2 * w + 1] = text.length;
      w++;
    }
  }
  paragraphFirstWord.push(w);
  const head = paragraphs[0]!
    .slice(1, 1 + rng.int(5, 9))
    .join(' ')
    .replace(/[.,]/g, '');
  const title = head.charAt(0).toUpperCase() + head.slice(1);
  return { title, text, wordSpans: spans.subarray(0, 2 * w), paragraphFirstWord };
}

/** A span of 2–18 words inside one paragraph, as [start, end) character offsets. */
export function randomPassage(rng: Rng, a: SyntheticArticle): [number, number] {
  const p = rng.int(0, a.paragraphFirstWord.length - 2);
  const first = a.paragraphFirstWord[p]!;
  const last = a.paragraphFirstWord[p + 1]! - 1;
  const from = rng.int(first, last);
  const to = Math.min(last, from + rng.int(1, 17));
  return [a.wordSpans[2 * from]!, a.wordSpans[2 * to + 1]!];
}
