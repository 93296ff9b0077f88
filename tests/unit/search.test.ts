import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_SEARCH_SQL, ftsQuery, snippetParts } from '../../main/db/search';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;
let rel: { actorA: { id: number }; actorB: { id: number } };
let threatId: number;

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!;
  threatId = (await w.ok('codebook:list', {})).find((c: { key: string }) => c.key === 'THREAT')!.id;
});
afterEach(() => w.close());

const add = (title: string, text: string) => w.ok('articles:create', { title, publishedOn: '2026-06-01', text });
const search = (text: string) => w.ok('search:query', { text });
const joined = (parts: { text: string; match: boolean }[]) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('full-text search', () => {
  it('ranks articles, marks the match in a snippet and says which word to scroll to', async () => {
    await add('Grain exports resume', 'Ships left the port. Tariffs were not discussed at all during the visit.');
    const best = await add(
      'Tariff war escalates',
      'Washington raised tariffs again; New Delhi answered with tariffs of its own on tariff lines.',
    );
    await add('Weather', 'Rain fell on the capital.');
    const r = await search('tariffs');
    expect(r.articles.map((a: { articleId: number }) => a.articleId)[0]).toBe(best.id);
    expect(r.articles).toHaveLength(2);
    expect(joined(r.articles[0]!.snippet)).toContain('[tariffs]');
    expect(joined(r.articles[0]!.title)).toBe('[Tariff] war escalates'); // porter stemming: tariffs ~ tariff
    expect(r.articles[1]!.term).toBe('Tariffs');
  });

  it('stays in sync with new, edited and deleted articles and with notes', async () => {
    const a = await add('Talks', 'The envoy spoke about fisheries.');
    expect((await search('fisheries')).articles).toHaveLength(1);
    await w.ok('articles:update-text', { id: a.id, text: 'The envoy spoke about shipping lanes.' });
    expect((await search('fisheries')).articles).toHaveLength(0);
    expect((await search('shipping')).articles).toHaveLength(1);
    const tag = await w.ok('annotations:create', {
      articleId: a.id,
      start: 4,
      end: 9,
      codeId: threatId,
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
      note: 'Compare with the naval drill in March',
    });
    const notes = (await search('naval drill')).notes;
    expect(notes).toEqual([{ annotationId: tag.id, articleId: a.id, articleTitle: 'Talks', snippet: expect.any(Array) }]);
    expect(joined(notes[0]!.snippet)).toContain('[naval] [drill]');
    await w.ok('annotations:update', { id: tag.id, note: 'nothing special' });
    expect((await search('naval')).notes).toEqual([]);
    await w.ok('articles:delete', { id: a.id });
    expect(await search('shipping')).toMatchObject({ articles: [], notes: [] });
  });

  it('treats FTS5 syntax typed by the analyst as words, and refuses a search with no word', async () => {
    await add('Alpha', 'NEAR the border, AND then OR not.');
    expect((await search('NEAR(border')).articles).toHaveLength(1);
    expect((await search('"the border"')).articles).toHaveLength(1);
    expect((await search('"border the"')).articles).toHaveLength(0);
    const r = await w.call('search:query', { text: ' *** ' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('never builds an FTS5 query that SQLite rejects', () => {
    const db = w.ctx.workspace.db;
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const q = ftsQuery(s);
        if (q !== null) db.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').get(q);
      }),
      { numRuns: 300 },
    );
  });

  it('splits marked snippets into parts', () => {
    expect(snippetParts('a \u0002b\u0003 c\u0002d\u0003')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
      { text: 'd', match: true },
    ]);
  });

  it('uses the full-text index (query plan)', () => {
    const plan = w.ctx.workspace.db.prepare(`EXPLAIN QUERY PLAN ${ARTICLE_SEARCH_SQL}`).all({ query: '"x"', limit: 20 }) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/);
  });
});
