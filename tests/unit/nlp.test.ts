import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTORS } from '../../shared/domain/codebook';
import { clauseSpans, proposeDirection, sentenceSpans } from '../../shared/nlp';

const ACTORS = DEFAULT_ACTORS.map((a, i) => ({ id: i + 1, code: a.code, name: a.name, aliases: a.aliases }));
const USA = 1;
const IND = 2;
const PAIR: [number, number] = [USA, IND];

const sentences = (text: string) => sentenceSpans(text).map((s) => text.slice(s.start, s.end));

function propose(text: string, passage = text, pair: [number, number] | null = PAIR) {
  const start = text.indexOf(passage);
  return proposeDirection(text, start, start + passage.length, ACTORS, pair ?? undefined);
}

describe('sentences', () => {
  it('do not end at abbreviations, initials or decimals', () => {
    const text =
      'Officials said the U.S. and India are staying at the table. Mr. Modi met Dr. J. K. Rao on Sept. 5 in Washington. ' +
      'Duties rose 2.5 per cent under Executive Order No. 14257. The U.K. stayed out.';
    expect(sentences(text)).toEqual([
      'Officials said the U.S. and India are staying at the table.',
      'Mr. Modi met Dr. J. K. Rao on Sept. 5 in Washington.',
      'Duties rose 2.5 per cent under Executive Order No. 14257.',
      'The U.K. stayed out.',
    ]);
  });

  it('keep a quotation with several sentences in it whole, and a headline apart', () => {
    const text = 'INDIA REBUFFS TRUMP ON OIL\n\n"We will not bow. We will not break," Modi said. Talks resume Monday.';
    expect(sentences(text)).toEqual([
      'INDIA REBUFFS TRUMP ON OIL',
      '"We will not bow. We will not break," Modi said.',
      'Talks resume Monday.',
    ]);
  });

  it('split into clauses at a semicolon and at a conjunction after a comma between verbs', () => {
    const text = 'India protested, while Washington defended the duties; Modi stayed silent.';
    const clauses = clauseSpans(text, { start: 0, end: text.length }).map((c) => text.slice(c.start, c.end));
    expect(clauses).toEqual(['India protested,', 'while Washington defended the duties;', 'Modi stayed silent.']);
    const one = 'India and the U.S. signed the pact.';
    expect(clauseSpans(one, { start: 0, end: one.length })).toHaveLength(1);
  });
});

describe('the direction proposal', () => {
  it('takes the subject as the source and an object in a prepositional phrase as the target', () => {
    const p = propose('In an effort to increase pressure on Moscow, Trump has asked the European Union to impose tariffs on India.');
    expect(p).toMatchObject({ sourceActorId: USA, targetActorId: IND, basis: 'subject' });
    expect(p!.reason).toBe('Trump (USA) is the subject; India (IND) is the object of “impose tariffs on”');
  });

  it('reads an actor named in object position, after the verb, as the target', () => {
    expect(propose("Modi, speaking in New Delhi, fully reciprocates President Trump's sentiments.")).toMatchObject({
      sourceActorId: IND,
      targetActorId: USA,
    });
  });

  it('resolves a pronoun to the actor of the sentence before', () => {
    const text = 'Trump spoke warmly about the prime minister on Friday. He said he will always be friends with Modi.';
    const p = propose(text, 'He said he will always be friends with Modi.');
    expect(p).toMatchObject({ sourceActorId: USA, targetActorId: IND, basis: 'speaker' });
    expect(p!.reason).toContain('“He” (Trump, USA)');
  });

  it('takes the speaker of a quotation as the source', () => {
    expect(propose('"We will not bow to pressure," Modi said of the tariffs from Washington.')).toMatchObject({
      sourceActorId: IND,
      targetActorId: USA,
      basis: 'speaker',
    });
    expect(propose('"India has been a bad partner," said President Trump.')).toMatchObject({ sourceActorId: USA, targetActorId: IND });
  });

  it('reads the passive voice: the agent after "by" is the source', () => {
    expect(propose('Sanctions were imposed on India by Washington.')).toMatchObject({
      sourceActorId: USA,
      targetActorId: IND,
      basis: 'passive-agent',
    });
    expect(propose('New Delhi was criticised by the White House for its oil purchases.')).toMatchObject({
      sourceActorId: USA,
      targetActorId: IND,
    });
  });

  it('finds an alias written in lower case at the start of a sentence or without its article in a headline', () => {
    expect(propose('The White House warned New Delhi against buying more Russian crude.')).toMatchObject({
      sourceActorId: USA,
      targetActorId: IND,
    });
    expect(propose('White House warns India: stop buying Russian oil')).toMatchObject({ sourceActorId: USA, targetActorId: IND });
  });

  it('reads headlines in capitals', () => {
    expect(propose('TRUMP SLAPS TARIFFS ON INDIA')).toMatchObject({ sourceActorId: USA, targetActorId: IND });
    expect(propose('India Hit by New U.S. Tariffs')).toMatchObject({ sourceActorId: USA, targetActorId: IND });
  });

  it('considers only the open relationship’s actors when the passage names one of them', () => {
    const rus = ACTORS.find((a) => a.code === 'RUS')!.id;
    const p = propose('Russia offered discounts as Washington pressed New Delhi to stop buying its oil.');
    expect(p).toMatchObject({ sourceActorId: USA, targetActorId: IND });
    // Without a relationship every actor named is a candidate.
    expect(propose('Moscow thanked Beijing for its support.', undefined, null)).toMatchObject({ sourceActorId: rus });
  });

  it('reads the clause the selection lies in when a sentence holds two relationships', () => {
    const text = 'India condemned Pakistan for the attack, while the U.S. praised New Delhi for its restraint.';
    expect(propose(text, 'while the U.S. praised New Delhi for its restraint.')).toMatchObject({ sourceActorId: USA, targetActorId: IND });
  });

  it('falls back on the relationship for the missing side, and says nothing when no actor is named', () => {
    const p = propose('Modi promised to lower duties on farm goods.');
    expect(p).toMatchObject({ sourceActorId: IND, targetActorId: USA });
    expect(p!.reason).toContain('USA (the other side of the relationship) is the target');
    expect(propose('Nobody said anything.')).toBeNull();
    expect(propose('Modi promised to lower duties.', undefined, null)).toBeNull();
  });
});

describe('analyse read again', () => {
  it('gives the same reading, at the new offsets, when the same text is read again elsewhere, and copies callers may change', async () => {
    const { analyse } = await import('../../shared/nlp/tokens');
    const sentence = 'India offered talks to Pakistan.';
    const first = analyse(sentence);
    first.tokens[0]!.text = 'changed by a caller';
    const prefix = 'Headline\n\n';
    const again = analyse(prefix + sentence, prefix.length);
    expect(again.tokens.map((t) => t.text)).toEqual(['India', 'offered', 'talks', 'to', 'Pakistan', '.']);
    expect(again.tokens[0]).toMatchObject({ start: prefix.length, end: prefix.length + 5, pos: 'PROPN' });
    expect(again.sentences).toEqual([[0, 5]]);
  });
});
