import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;

beforeEach(() => {
  w = openTestWorkspace({ now: NOW });
});
afterEach(() => w.close());

describe('the library query', () => {
  it('filters by relationship, code (with subtypes), actor, outlet and dates, and counts what matches', async () => {
    const rel = (await w.ok('relationships:list', {}))[0]!;
    const codes = await w.ok('codebook:list', {});
    const id = (key: string) => codes.find((c: { key: string }) => c.key === key)!.id;
    const a = await w.ok('articles:create', {
      title: 'A',
      outlet: 'Wire',
      publishedOn: '2026-01-10',
      relationshipId: rel.id,
      text: 'Alpha text here.',
    });
    const b = await w.ok('articles:create', { title: 'B', outlet: 'Gazette', publishedOn: '2026-03-10', text: 'Beta text here.' });
    await w.ok('articles:create', { title: 'C', outlet: 'Wire', publishedOn: '2026-05-10', text: 'Gamma text here.' });
    await w.ok('annotations:create', {
      articleId: a.id,
      start: 0,
      end: 5,
      codeId: id('THREAT.MILITARY'),
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });
    const titles = async (q: Record<string, unknown>) => (await w.ok('articles:list', q)).items.map((x: { title: string }) => x.title);
    expect(await titles({ relationshipId: rel.id })).toEqual(['A']);
    expect(await titles({ codeId: id('THREAT') })).toEqual(['A']);
    expect(await titles({ codeId: id('OVERTURE') })).toEqual([]);
    expect(await titles({ actorId: rel.actorB.id })).toEqual(['A']);
    expect(await titles({ outlet: 'Wire', sort: 'date-asc' })).toEqual(['A', 'C']);
    expect(await titles({ fromDate: '2026-02-01', toDate: '2026-04-01' })).toEqual(['B']);
    expect((await w.ok('articles:list', { outlet: 'Wire', limit: 1 })).total).toBe(2);
    expect(await titles({ sort: 'tags-desc' })).toEqual(['A', 'C', 'B']);
    expect(await w.ok('articles:outlets', {})).toEqual([
      { outlet: 'Gazette', count: 1 },
      { outlet: 'Wire', count: 2 },
    ]);
    expect(b.id).toBeGreaterThan(0);
  });

  it('sorts by title, outlet and tag count through an index, not a full sort', () => {
    const db = w.ctx.workspace.db;
    for (const order of [
      'title COLLATE NOCASE, id',
      'outlet COLLATE NOCASE, published_on DESC, id DESC',
      'annotation_count DESC, published_on DESC, id DESC',
      'published_on DESC, id DESC',
    ]) {
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM articles ORDER BY ${order} LIMIT 100 OFFSET 0`).all() as { detail: string }[]
      )
        .map((p) => p.detail)
        .join('\n');
      expect(plan, order).not.toMatch(/USE TEMP B-TREE/);
    }
  });
});
