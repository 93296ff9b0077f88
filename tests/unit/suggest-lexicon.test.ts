import { describe, expect, it } from 'vitest';
import { config } from '../../bench/suggest/evaluate';
import { readSentence, scoreReading } from '../../main/services/suggest/engine';

// Written for this test, one sentence per behaviour of the lexicon's derivation and matching.
const cfg = config();
const read = (text: string) => {
  const got = scoreReading(cfg, readSentence(cfg, text, 0, text.length), { use: 'lexicon' });
  if (!got) return null;
  let c = got.code;
  while (c.parentId !== null) c = cfg.codes.find((x) => x.id === c.parentId)!;
  return { key: c.key, cameo: got.cameo, dir: `${got.source.code}>${got.target.code}` };
};

describe('the CAMEO lexicon as Parley derives and matches it', () => {
  it('reads an event noun made from a verb ("the removal of", "an exemption") as the event', () => {
    expect(read('Canada announced the removal of the duties on Indian lentils.')).toMatchObject({ key: 'CONCESSION', dir: 'CAN>IND' });
    expect(read('Brazil announced the suspension of its curbs on Chinese poultry.')).toMatchObject({ key: 'CONCESSION' });
  });

  it('reads a relief verb PETRARCH lacks, and granting a waiver, as easing restrictions or sanctions', () => {
    expect(read('Germany will soften its curbs on Turkish steel.')).toMatchObject({ key: 'CONCESSION', cameo: '081' });
    expect(read('Britain granted Nigeria a waiver from the sanctions on oil.')).toMatchObject({ key: 'CONCESSION', cameo: '085' });
    expect(read('Britain granted Nigeria a loan for the harbour.')?.key).not.toBe('CONCESSION');
  });

  it('reads accepting a demand as yielding', () => {
    expect(read("Chile accepted Peru's demand to reopen the crossing.")).toMatchObject({ key: 'CONCESSION', cameo: '080' });
  });

  it('lets the infinitive name the act after a verb of decision or agreement, keeping its negation', () => {
    expect(read('Egypt decided to lift the restrictions on Sudanese traders.')).toMatchObject({ key: 'CONCESSION', dir: 'EGY>SDN' });
    expect(read('Egypt did not agree to lift the restrictions on Sudanese traders.')).toBeNull();
    // A threat stays a threat when its condition names a relief.
    expect(read('Kenya threatened to impose tariffs on Ugandan sugar if Uganda does not lower its duties.')).toMatchObject({
      key: 'THREAT',
    });
  });

  it('takes a verb form after a possessive for a noun, not an event', () => {
    expect(read("Chile's offer of a port reached Argentina on Monday.")).toBeNull();
  });
});
