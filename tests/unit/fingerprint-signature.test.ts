/**
 * Saved fingerprints must keep comparing with new ones (shared/text/fingerprint.ts: "signatures made anywhere, any day,
 * compare"), so the faster signatureOf must give exactly what its definition gives: per seed, the least murmur3-finalised
 * value of (an fnv1a hash of each five-word shingle) XOR the seed. The definition is written out here the plain way.
 */
import { describe, expect, it } from 'vitest';
import { fingerprintWords, mix, SIGNATURE_SIZE, signatureOf } from '../../shared/text/fingerprint';

function plainSignature(text: string): number[] {
  const words = fingerprintWords(text);
  const shingles: string[] = [];
  for (let i = 0; i < Math.max(1, words.length - 4) && words.length > 0; i++) shingles.push(words.slice(i, i + 5).join(' '));
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 0x01000193);
    return h >>> 0;
  };
  const hashes = shingles.map(fnv);
  return Array.from({ length: SIGNATURE_SIZE }, (_, k) => {
    const seed = mix(0x9e3779b9 ^ Math.imul(k + 1, 0x27d4eb2d));
    return hashes.reduce((min, h) => Math.min(min, mix(h ^ seed)), 0xffffffff);
  });
}

describe('signatureOf', () => {
  it.each([
    ['a story', 'The Valdorian delegation proposed a new plan on harbour fees.\n\nEstmark’s ministers asked for it to be studied first.'],
    ['accents and digits', 'Ümit Özdemir met 12 envoys in Kessen on 6 September 2025; talks resumed – co-operation “first”.'],
    ['four words', 'Only four words here'],
    ['no words', '—— …'],
  ])('gives what the definition gives: %s', (_, text) => {
    expect(Array.from(signatureOf(text))).toEqual(plainSignature(text));
  });
});
