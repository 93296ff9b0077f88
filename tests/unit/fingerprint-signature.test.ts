/**
 * Saved fingerprints must keep comparing with new ones (shared/text/fingerprint.ts: "signatures made anywhere, any day,
 * compare"), so signatureOf must give exactly what its definition gives: each five-word shingle (its words' fnv1a
 * hashes chained, then finalised), XORed with one seed and murmur3-finalised, goes to the bin its top six bits name; a
 * bin keeps its least value; an empty bin copies the first filled bin along its borrowing sequence. The definition is written out here the plain way.
 */
import { describe, expect, it } from 'vitest';
import {
  borrowFrom,
  fingerprintWords,
  mayBeSame,
  mix,
  SIGNATURE_SIZE,
  signatureOf,
  SKETCH_WORDS,
  sketchInto,
  sketchMayBeSame,
} from '../../shared/text/fingerprint';

function plainSignature(text: string): number[] {
  const words = fingerprintWords(text);
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 0x01000193);
    return h;
  };
  const hashes: number[] = [];
  for (let i = 0; i < Math.max(1, words.length - 4) && words.length > 0; i++) {
    const shingle = words.slice(i, i + 5);
    hashes.push(mix(shingle.reduce((h, word, j) => Math.imul(h ^ fnv(word), 0x01000193) ^ j, 0x811c9dc5)));
  }
  if (hashes.length === 0) return Array.from({ length: SIGNATURE_SIZE }, () => 0xffffffff);
  const seed = mix(0x9e3779b9);
  const bins: number[][] = Array.from({ length: SIGNATURE_SIZE }, () => []);
  for (const h of hashes) {
    const v = mix(h ^ seed);
    bins[Math.floor(v / 2 ** 26)]!.push(v);
  }
  const least = bins.map((b) => (b.length > 0 ? Math.min(...b) : null));
  return least.map((v, bin) => {
    for (let attempt = 1; v === null; attempt++) v = least[borrowFrom(bin, attempt)] ?? null;
    return v;
  });
}

describe('signatureOf', () => {
  it.each([
    ['a story', 'The Valdorian delegation proposed a new plan on harbour fees.\n\nEstmark’s ministers asked for it to be studied first.'],
    ['accents and digits', 'Ümit Özdemir met 12 envoys in Kessen on 6 September 2025; talks resumed – co-operation “first”.'],
    ['four words', 'Only four words here'],
    ['no words', '—— …'],
    ['one word', 'Kessen'],
  ])('gives what the definition gives: %s', (_, text) => {
    expect(Array.from(signatureOf(text))).toEqual(plainSignature(text));
  });
});

describe('the signature as an estimate', () => {
  it("agrees, position by position, about as often as the two texts' shingles overlap", () => {
    // Two texts of 400 shingles sharing 300 (Jaccard 0.6): over 200 pairs the share of equal values comes out near 0.6.
    const word = (i: number) => `w${i.toString(36)}x`;
    let agree = 0;
    const pairs = 200;
    for (let p = 0; p < pairs; p++) {
      const base = Array.from({ length: 404 }, (_, i) => word(p * 10_000 + i));
      const other = [...base.slice(0, 300 + 4), ...Array.from({ length: 100 }, (_, i) => word(p * 10_000 + 5_000 + i))];
      const a = signatureOf(base.join(' '));
      const b = signatureOf(other.join(' '));
      for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) agree++;
    }
    const jaccard = 300 / (400 + 400 - 300 + 0);
    expect(Math.abs(agree / (pairs * SIGNATURE_SIZE) - jaccard)).toBeLessThan(0.03);
  });
});

describe('the sketch test before the signatures are compared', () => {
  it('never turns away a pair the signatures would let through, and turns away most pairs that mostly differ', () => {
    let state = 12345;
    const next = () => mix((state = (Math.imul(state, 1103515245) + 12345) >>> 0));
    let unlikeTurnedAway = 0;
    let unlike = 0;
    for (let trial = 0; trial < 4000; trial++) {
      const a = Uint32Array.from({ length: SIGNATURE_SIZE }, next);
      const equal = trial % (SIGNATURE_SIZE + 1);
      const b = Uint32Array.from(a, (v, k) => (k < equal ? v : trial % 3 === 0 ? v ^ 0x100 : next()));
      const sa = new Int32Array(SKETCH_WORDS);
      const sb = new Int32Array(SKETCH_WORDS);
      sketchInto(a, sa, 0);
      sketchInto(b, sb, 0);
      if (mayBeSame(a, b)) expect(sketchMayBeSame(sa, sb, 0)).toBe(true);
      if (equal < 20 && trial % 3 !== 0) {
        unlike++;
        if (!sketchMayBeSame(sa, sb, 0)) unlikeTurnedAway++;
      }
    }
    expect(unlikeTurnedAway / unlike).toBeGreaterThan(0.95);
  });
});
