/**
 * Synthetic dispatches: sentences of a made-up wire-service vocabulary (written
 * for the benchmark), already in Parley's normalized form, with the offsets of
 * every word so that annotation spans can be placed on word boundaries.
 */
import type { Rng } from './rng';

// prettier-ignore
const NOUNS = [
  'ministry', 'delegation', 'summit', 'border', 'tariff', 'agreement', 'envoy', 'spokesperson', 'treaty', 'exercise',
  'sanction', 'consulate', 'corridor', 'pipeline', 'shipment', 'visa', 'embassy', 'parliament', 'coalition', 'frigate',
  'patrol', 'negotiation', 'communique', 'framework', 'dialogue', 'cabinet', 'minister', 'official', 'ceasefire', 'statement',
  'partnership', 'investment', 'quota', 'port', 'airspace', 'satellite', 'reactor', 'loan', 'grain', 'refinery',
  'memorandum', 'roadmap', 'deadline', 'protest', 'committee', 'garrison', 'drill', 'observer', 'waiver', 'export',
];
// prettier-ignore
const VERBS = [
  'warned', 'announced', 'rejected', 'welcomed', 'proposed', 'signed', 'suspended', 'resumed', 'criticized', 'praised',
  'threatened', 'offered', 'postponed', 'confirmed', 'denied', 'expanded', 'reduced', 'lifted', 'imposed', 'recalled',
  'hosted', 'cancelled', 'extended', 'demanded', 'pledged', 'accused', 'backed', 'questioned', 'endorsed', 'blocked',
];
// prettier-ignore
const ADJECTIVES = [
  'bilateral', 'regional', 'strategic', 'economic', 'naval', 'diplomatic', 'senior', 'joint', 'formal', 'unexpected',
  'provisional', 'disputed', 'long-awaited', 'modest', 'sweeping', 'narrow', 'fresh', 'tentative', 'firm', 'quiet',
];
// prettier-ignore
const FILLERS = [
  'on', 'Tuesday', 'after', 'talks', 'in', 'the', 'capital', 'according', 'to', 'two', 'people', 'familiar', 'with', 'the',
  'matter', 'while', 'analysts', 'said', 'that', 'the', 'move', 'could', 'affect', 'trade', 'and', 'security', 'over', 'the',
  'coming', 'months', 'before', 'a', 'vote', 'later', 'this', 'week', 'despite', 'earlier', 'assurances', 'from', 'both', 'sides',
];

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

function sentence(rng: Rng, actorNames: readonly string[], words: string[]): void {
  const length = rng.int(9, 22);
  const subject = rng.next() < 0.5 ? rng.pick(actorNames) : `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  words.push(...subject.split(' '), rng.pick(VERBS));
  while (words.length < length) {
    const r = rng.next();
    words.push(r < 0.35 ? rng.pick(NOUNS) : r < 0.5 ? rng.pick(ADJECTIVES) : r < 0.6 ? rng.pick(actorNames) : rng.pick(FILLERS));
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
