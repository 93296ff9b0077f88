import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

// The list finds a page's ids on the ordering index, then reads those rows:
// paging through must give exactly the one ordered list, for every sort and filter.
const NOW = new Date('2026-06-15T12:00:00');
const SORTS = ['date-desc', 'date-asc', 'title', 'outlet', 'tags-desc'] as const;
let w: TestWorkspace;
let relIds: number[];

beforeAll(async () => {
  w = openTestWorkspace({ now: NOW });
  relIds = (await w.ok('relationships:list', {})).map((r: { id: number }) => r.id);
  const codeId = (await w.ok('codebook:list', {}))[0]!.id;
  const rels = await w.ok('relationships:list', {});
  for (let i = 0; i < 37; i++) {
    const rel = rels[i % rels.length]!;
    const a = await w.ok('articles:create', {
      title: `${['alpha', 'Bravo', 'charlie', 'Delta'][i % 4]} report ${i % 5}`,
      outlet: ['Wire', 'gazette', 'Courier'][i % 3],
      publishedOn: `2026-0${1 + (i % 5)}-1${i % 3}`,
      relationshipId: i % 6 === 0 ? null : rel.id,
      text: `Dispatch number ${i} about the border talks.`,
    });
    for (let k = 0; k < i % 4; k++) {
      await w.ok('annotations:create', {
        articleId: a.id,
        start: k,
        end: k + 5,
        codeId,
        sourceActorId: rel.actorA.id,
        targetActorId: rel.actorB.id,
      });
    }
  }
});
afterAll(() => w.close());

describe('articles:list pages', () => {
  it('concatenate to the whole ordered list for every sort, filter and page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SORTS),
        fc.option(fc.constantFrom(...[1, 2, 3]), { nil: undefined }),
        fc.integer({ min: 1, max: 12 }),
        async (sort, relIndex, limit) => {
          const relationshipId = relIndex === undefined ? undefined : relIds[relIndex - 1];
          const whole = await w.ok('articles:list', { sort, limit: 500, relationshipId });
          const paged: unknown[] = [];
          for (let offset = 0; offset < whole.total + limit; offset += limit) {
            const page = await w.ok('articles:list', { sort, limit, offset, relationshipId });
            expect(page.total).toBe(whole.total);
            paged.push(...page.items);
          }
          expect(paged).toEqual(whole.items);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('orders newest first, ties broken by the later id, and skips exactly `offset` rows', async () => {
    const whole = (await w.ok('articles:list', { limit: 500 })).items as { id: number; publishedOn: string }[];
    expect(whole).toHaveLength(37);
    const expected = [...whole].sort((x, y) =>
      x.publishedOn === y.publishedOn ? y.id - x.id : y.publishedOn.localeCompare(x.publishedOn),
    );
    expect(whole.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    const page = await w.ok('articles:list', { limit: 5, offset: 30 });
    expect(page.items.map((a: { id: number }) => a.id)).toEqual(expected.slice(30, 35).map((a) => a.id));
  });
});
