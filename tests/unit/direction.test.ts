import { describe, expect, it } from 'vitest';
import { findMentions, proposeDirection } from '../../shared/domain/direction';

const ACTORS = [
  { id: 1, code: 'USA', aliases: ['United States', 'Washington', 'US'] },
  { id: 2, code: 'IND', aliases: ['India', 'New Delhi', 'Delhi', 'Modi'] },
  { id: 3, code: 'CHN', aliases: ['China', 'Beijing'] },
];

function propose(text: string, passage: string, pair?: [number, number]) {
  const start = text.indexOf(passage);
  return proposeDirection(text, start, start + passage.length, ACTORS, pair);
}

describe('the proposed direction', () => {
  it('takes the first actor of the sentence as the source and the next one as the target', () => {
    const text = 'Markets were calm. New Delhi warned Washington that tariffs would be answered. Talks resume Monday.';
    expect(propose(text, 'warned Washington that tariffs')).toMatchObject({ sourceActorId: 2, targetActorId: 1 });
  });

  it('looks only at the sentence of the passage', () => {
    const text = 'Beijing stayed silent. Washington threatened to suspend the talks with Modi.';
    expect(propose(text, 'threatened to suspend')).toMatchObject({ sourceActorId: 1, targetActorId: 2 });
  });

  it('falls back on the relationship for the target when one actor is named', () => {
    const text = 'Modi promised to lower duties on farm goods.';
    expect(propose(text, 'promised to lower duties', [1, 2])).toMatchObject({ sourceActorId: 2, targetActorId: 1 });
    expect(propose(text, 'promised to lower duties')).toBeNull();
    expect(propose('Nobody said anything.', 'said')).toBeNull();
  });

  it('matches whole words and prefers the longer alias', () => {
    const text = 'New Delhi and the USSR archives; US officials.';
    expect(findMentions(text, 0, text.length, ACTORS).map((m) => m.alias)).toEqual(['New Delhi', 'US']);
  });
});
