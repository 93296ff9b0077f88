import { describe, expect, it } from 'vitest';
import { fixed } from '../../shared/domain/numbers';
import { figuresAt, lastEventDay } from '../../renderer/src/components/score/asOf';
import { openTestWorkspace } from '../helpers/workspace';

describe('score figures', () => {
  it('never read −0.00', () => {
    expect(fixed(-0.001)).toBe('0.00');
    expect(fixed(-0)).toBe('0.00');
    expect(fixed(-0.0004, 3)).toBe('0.000');
    expect(fixed(-0.006)).toBe('-0.01');
  });

  it('are taken as of a picked day, with the last day with events up to it', async () => {
    const w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
    try {
      const rel = (await w.ok('relationships:list', {}))[0]!;
      const codes = await w.ok('codebook:list', {});
      const a = await w.ok('articles:create', { title: 'T', publishedOn: '2026-03-01', relationshipId: rel.id, text: 'Washington warned New Delhi.' });
      const threat = codes.find((c: { key: string }) => c.key === 'THREAT')!.id;
      await w.ok('annotations:create', { articleId: a.id, start: 0, end: 10, codeId: threat, sourceActorId: rel.actorA.id, targetActorId: rel.actorB.id, eventDate: '2026-03-02' });
      const s = await w.ok('score:series', { relationshipId: rel.id });
      const event = Math.round(Date.parse('2026-03-02T00:00:00Z') / 86_400_000);
      expect(lastEventDay(s, s.toDay)).toBe(event);
      expect(lastEventDay(s, event - 1)).toBeNull();
      expect(figuresAt(s, s.toDay)).toEqual(s.current);
      // Activity decays after the event: the picked day's figure is the larger.
      expect(figuresAt(s, event).combined.A).toBeGreaterThan(figuresAt(s, s.toDay).combined.A);
    } finally {
      w.close();
    }
  });
});
