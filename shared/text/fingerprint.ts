/**
 * Near-duplicate fingerprints: the same article saved as a web page, a Word
 * file, a PDF and a text file must be recognised as one. The text is reduced
 * to its words (bylines, datelines, "Read more" lines, quotes, hyphenation and
 * whitespace set aside), cut into overlapping five-word shingles, and
 * summarised by a 64-value MinHash signature, whose agreement estimates the
 * shingles' Jaccard similarity. Sixteen bands of four values are the keys an
 * index looks candidates up by (locality-sensitive hashing), so a check costs
 * the same against 100 articles or 100,000.
 */
import { dateInLine } from './openingLines';

export const SIGNATURE_SIZE = 64;
const BAND_ROWS = 4;
export const BANDS = SIGNATURE_SIZE / BAND_ROWS;
const SHINGLE_WORDS = 5;
/**
 * Shingle similarity from which two texts are the same article: a byline, a dateline or lost paragraph
 * breaks leave the same article at 0.9 and more, while two stories that share a template or long quotes
 * (the benchmark's generated pages: about 0.5) stay below it.
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.75;
/** The signatures' estimate has a standard error of about 0.06; candidates above this are measured exactly. */
const ESTIMATE_FLOOR = NEAR_DUPLICATE_SIMILARITY - 0.15;

/** Short lines that are page furniture, not the story. */
const FURNITURE =
  /^(by\s|read more|read also|also read|related|advertisement|continue reading|share( this)?\b|follow us|sign up|subscribe|updated\b|published\b|posted\b|photo:|image:|file photo)/i;

/** Paragraphs of the story itself, without bylines, datelines or furniture. */
function storyParagraphs(text: string): string[] {
  return text.split(/\n\s*\n/).filter((p) => {
    const line = p.trim();
    if (line.length > 120) return true;
    return !(FURNITURE.test(line) || (line.length <= 60 && dateInLine(line) !== null));
  });
}

/** The words of a text, compared without case, accents' composition, quotes, punctuation or hyphenation. */
export function fingerprintWords(text: string): string[] {
  const s = storyParagraphs(text)
    .join(' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u00ad/g, '')
    // "nego-\ntiation", "co-operation" and "cooperation" read as one word.
    .replace(/(\p{L})[-‐‑]\s*(\p{L})/gu, '$1$2');
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** murmur3's finaliser: a cheap, well-mixed permutation of 32-bit values (signatureOf has it inline; its test checks the two agree). */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds, one per signature value: signatures made anywhere, any day, compare. */
const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2d)));

function shingleHashes(text: string): number[] {
  const words = fingerprintWords(text);
  const hashes: number[] = [];
  const n = Math.max(1, words.length - SHINGLE_WORDS + 1);
  // fnv1a of the shingle's words joined by spaces, hashed in place rather than joined first (no string per shingle).
  for (let i = 0; i < n && words.length > 0; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(words.length, i + SHINGLE_WORDS);
    for (let w = i; w < end; w++) {
      if (w > i) h = Math.imul(h ^ 0x20, 0x01000193);
      const word = words[w] ?? '';
      for (let c = 0; c < word.length; c++) h = Math.imul(h ^ word.charCodeAt(c), 0x01000193);
    }
    hashes.push(h >>> 0);
  }
  return hashes;
}

/** Flips the top bit: unsigned order becomes signed order, so the minimum is kept in 32-bit integers (no doubles). */
const SIGN = 0x80000000 | 0;

/** The MinHash signature of a text; all 0xffffffff for a text of no words. */
export function signatureOf(text: string): Uint32Array {
  // mix(h ^ seed) for every shingle and seed, its minimum per seed: 64 × some 250 values a page, the better part of a page's
  // reading once (bench `import`). One seed at a time over the shingles, in 32-bit integers, keeps the minimum in a register.
  const hashes = Int32Array.from(shingleHashes(text));
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    const seed = (SEEDS[k] ?? 0) | 0;
    let min = 0x7fffffff; // 0xffffffff, flipped
    for (let i = 0; i < hashes.length; i++) {
      let h = (hashes[i] ?? 0) ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h ^= SIGN;
      if (h < min) min = h;
    }
    sig[k] = (min ^ SIGN) >>> 0;
  }
  return sig;
}

/** The exact Jaccard similarity of two texts' shingles. */
export function textSimilarity(a: string, b: string): number {
  const sa = new Set(shingleHashes(a));
  const sb = new Set(shingleHashes(b));
  let both = 0;
  for (const h of sa) if (sb.has(h)) both++;
  return both / (sa.size + sb.size - both || 1);
}

/** Values that may differ while the estimate stays at the floor or above. */
const MAX_DIFFERENT = SIGNATURE_SIZE - Math.ceil(ESTIMATE_FLOOR * SIGNATURE_SIZE);

/**
 * Whether the signatures' estimate of the shingles' Jaccard similarity (the share of equal values) reaches ESTIMATE_FLOOR, stopping as soon as
 * too many values differ: an import's files that share a template are compared in their millions (bench `import`).
 */
export function mayBeSame(a: Uint32Array, b: Uint32Array): boolean {
  return mayBeSameAt(a, b, 0);
}

/** mayBeSame against the signature stored at `offset` in `store` (many signatures end to end: no view made per comparison). */
export function mayBeSameAt(a: Uint32Array, store: Uint32Array, offset: number): boolean {
  let different = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] !== store[offset + k] && ++different > MAX_DIFFERENT) return false;
  return true;
}

/**
 * Whether two texts are the same article, and how alike they are: the signatures first (cheap, a few
 * values compared), then, for the few that come close, the shingles themselves.
 */
export function sameArticle(sigA: Uint32Array, sigB: Uint32Array, textA: () => string, textB: () => string): number | null {
  if (!mayBeSame(sigA, sigB)) return null;
  const exact = textSimilarity(textA(), textB());
  return exact >= NEAR_DUPLICATE_SIMILARITY ? exact : null;
}

/** The index keys of a signature: band number and a hash of its four values, in one integer SQLite keeps exactly. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5;
    for (const v of sig.subarray(b * BAND_ROWS, (b + 1) * BAND_ROWS)) h = Math.imul(h ^ v, 0x01000193) >>> 0;
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

/** Paragraphs found in one text and not the other (compared by their words): the difference the review table shows. */
export function paragraphDifference(here: string, there: string, max = 4): { onlyHere: string[]; onlyThere: string[] } {
  const key = (p: string) => fingerprintWords(p).join(' ');
  const hereKeys = new Set(here.split('\n\n').map(key));
  const thereKeys = new Set(there.split('\n\n').map(key));
  const clipped = (p: string) => (p.length > 240 ? `${p.slice(0, 239)}…` : p);
  return {
    onlyHere: here
      .split('\n\n')
      .filter((p) => !thereKeys.has(key(p)))
      .slice(0, max)
      .map(clipped),
    onlyThere: there
      .split('\n\n')
      .filter((p) => !hereKeys.has(key(p)))
      .slice(0, max)
      .map(clipped),
  };
}
