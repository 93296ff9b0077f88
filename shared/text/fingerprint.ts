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

/**
 * One hash per five-word shingle: each word's fnv1a hash once, then the shingle's five word hashes chained and
 * finalised (rather than the characters of the five words hashed again for every shingle they are in).
 */
function shingleHashes(text: string): number[] {
  const words = fingerprintWords(text);
  const wordHashes = new Int32Array(words.length);
  for (let w = 0; w < words.length; w++) {
    const word = words[w] ?? '';
    let h = 0x811c9dc5;
    for (let c = 0; c < word.length; c++) h = Math.imul(h ^ word.charCodeAt(c), 0x01000193);
    wordHashes[w] = h;
  }
  const hashes: number[] = [];
  const n = Math.max(1, words.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < n && words.length > 0; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(words.length, i + SHINGLE_WORDS);
    for (let w = i; w < end; w++) h = Math.imul(h ^ (wordHashes[w] ?? 0), 0x01000193) ^ (w - i);
    hashes.push(mix(h));
  }
  return hashes;
}

/** Bits of a mixed shingle hash that choose its bin (64 bins: the signature's values). */
const BIN_SHIFT = 32 - Math.log2(SIGNATURE_SIZE);
/** One seed for the shingles' permutation, one for the order in which an empty bin looks for a value to borrow. */
const PERMUTATION_SEED = mix(0x9e3779b9);
const BORROW_SEED = mix(0x85ebca6b);

/** The bin an empty bin borrows from on its `attempt`-th try: the same sequence for every text, so borrowed values compare. */
export function borrowFrom(bin: number, attempt: number): number {
  return mix(BORROW_SEED ^ Math.imul(bin + 1, 0x27d4eb2d) ^ Math.imul(attempt, 0x165667b1)) >>> BIN_SHIFT;
}

/**
 * The MinHash signature of a text, by one permutation hashing with optimal densification (Shrivastava, ICML 2017):
 * each shingle is hashed once; the hash's top bits choose one of 64 bins and each bin keeps its least hash; an empty
 * bin takes the value of the first non-empty bin along a fixed pseudo-random sequence of its own. Two texts' values
 * agree at a position with probability their shingles' Jaccard similarity, as with 64 separate hash functions, at a
 * sixty-fourth of the hashing (a 64-seed signature was a fifth of reading a page; bench `import`). All 0xffffffff for
 * a text of no words.
 */
export function signatureOf(text: string): Uint32Array {
  const hashes = shingleHashes(text);
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  if (hashes.length === 0) return sig;
  const filled = new Uint8Array(SIGNATURE_SIZE);
  for (const h of hashes) {
    const v = mix(h ^ PERMUTATION_SEED);
    const bin = v >>> BIN_SHIFT;
    if (filled[bin] === 0 || v < (sig[bin] ?? 0)) {
      sig[bin] = v;
      filled[bin] = 1;
    }
  }
  for (let bin = 0; bin < SIGNATURE_SIZE; bin++) {
    if (filled[bin] === 1) continue;
    // At least one bin is filled; the sequence finds one within a few tries (a text of one shingle: 64 on average).
    // Only filled bins are borrowed from, and they are never written here, so each borrows a bin's own value.
    let from = -1;
    for (let attempt = 1; from < 0; attempt++) {
      const t = attempt <= 4096 ? borrowFrom(bin, attempt) : (bin + attempt) % SIGNATURE_SIZE;
      if (filled[t] === 1) from = t;
    }
    sig[bin] = sig[from] ?? 0xffffffff;
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

/** 32-bit words of a signature's sketch: the low four bits of each of its 64 values. */
export const SKETCH_WORDS = SIGNATURE_SIZE / 8;

/** Writes a signature's sketch (the low four bits of each value, eight to a word) at `offset` in `out`. */
export function sketchInto(sig: Uint32Array, out: Int32Array, offset: number): void {
  for (let w = 0; w < SKETCH_WORDS; w++) {
    let word = 0;
    for (let j = 0; j < 8; j++) word |= ((sig[w * 8 + j] ?? 0) & 15) << (j * 4);
    out[offset + w] = word;
  }
}

/**
 * A cheaper test that mayBeSame can only pass where this passes: equal values have equal low four bits, so a pair
 * with more than MAX_DIFFERENT differing four-bit parts has more than that many differing values. Branch-free, eight
 * words compared (two files of one template meet in their millions; bench `import`), and it lets through only pairs
 * whose values mostly agree (differing values agree in their low bits one time in sixteen).
 */
export function sketchMayBeSame(a: Int32Array, store: Int32Array, offset: number): boolean {
  let different = 0;
  for (let w = 0; w < SKETCH_WORDS; w++) {
    let t = (a[w] ?? 0) ^ (store[offset + w] ?? 0);
    t |= t >>> 1;
    t |= t >>> 2;
    t &= 0x11111111;
    // One bit a differing four-bit part, summed into the top four bits (at most 8: no carry out).
    different += Math.imul(t, 0x11111111) >>> 28;
  }
  return different <= MAX_DIFFERENT;
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
