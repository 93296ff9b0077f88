/**
 * A new laptop's first sync against a real PostgreSQL: what it sends as "from before the desk" is only what it
 * held on joining (never the corpus it just pulled), a baseline cut mid-send and resumed with another page size
 * loses and doubles nothing, and pulls come in batches bounded by the desk's stored size.
 */
import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../main/db/deskLocal';
import { setsAfter } from '../../main/db/deskServer';
import { getSetting } from '../../main/db/settings';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { ARTICLE, asAdmin, deskSuite, deskView, freshDesk, tag, type Laptop } from '../helpers/desk';

const { bin, reason } = postgresBinaries();
if (!bin) console.warn(`desk-first-sync.test.ts skipped: ${reason}`);

const suite = deskSuite(bin, startPostgres);
const open = suite.open;

/** Rows of `table` the analyst's sets carry, counted on the desk. */
const rowsSentBy = (desk: PgServer, analyst: string, table: string) =>
  asAdmin(desk, async (c) => {
    const r = await c.query(
      "SELECT count(*) AS n FROM parley.change_sets s, jsonb_array_elements(s.changes) ch WHERE s.analyst = $1 AND ch->>'t' = $2",
      [analyst, table],
    );
    return Number(r.rows[0].n);
  });

const count = (l: Laptop, table: string) => l.ctx.workspace.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe.skipIf(!bin)('a first sync', () => {
  it('a new analyst sends what their laptop held on joining, never the corpus it has just pulled', async () => {
    const desk = await freshDesk(suite.server(), ['alice', 'bob']);
    const a = open('alice');
    const first = await a.ok('articles:create', ARTICLE);
    const second = await a.ok('articles:create', { ...ARTICLE, title: 'A second', text: `${ARTICLE.text} Again.` });
    await tag(a, first.id, 'warned India');
    await tag(a, second.id, 'offered talks', 'OVERTURE');
    await a.sync(desk);
    const b = open('bob');
    await b.ok('articles:create', { ...ARTICLE, title: 'Bob’s own', text: 'India and the United States met in Geneva.' });
    await b.sync(desk);
    expect(count(b, 'articles')).toBe(3);
    expect(count(b, 'annotations')).toBe(2);
    // Bob's one article went; Alice's two, pulled into his laptop, did not go back.
    expect(await rowsSentBy(desk, 'bob', 'articles')).toBe(1);
    expect(await rowsSentBy(desk, 'bob', 'annotations')).toBe(0);
    await a.sync(desk);
    expect(deskView(a)).toEqual(deskView(b));
  });

  it('what was here before the desk, cut mid-send and resent in pages of another size: stored again, never dropped as a repeat', async () => {
    const desk = await freshDesk(suite.server(), ['alice', 'bob']);
    const a = open('alice');
    const db = a.ctx.workspace.db;
    const article = await a.ok('articles:create', ARTICLE);
    for (const exact of ['United States', 'warned India', 'about tariffs', 'offered talks', 'on Friday', 'agreed to meet'])
      await tag(a, article.id, exact);
    const passagesNext = `${SYNCED_TABLES.indexOf('annotations')}:0`;
    await expect(
      a.sync(desk, {
        baselineRows: 2,
        // Cut after the desk committed the passages, before the laptop noted it: they go again, in pages of 5.
        onSent: () => {
          if (getSetting(db, 'desk.baseline') === passagesNext) throw new Error('cut');
        },
      }),
    ).rejects.toThrow('cut');
    await a.sync(desk, { baselineRows: 5 });
    // Pages 1-2, 3-4, 5-6, then 1-5, 6-6: the first of the second try shares its first row with one already
    // there, yet holds more, so it must not be taken for a repeat.
    expect(await rowsSentBy(desk, 'alice', 'annotations')).toBe(12);
    const b = open('bob');
    await b.sync(desk);
    expect(count(b, 'annotations')).toBe(6);
    expect(b.ctx.workspace.db.prepare('SELECT count(DISTINCT uid) FROM annotations').pluck().get()).toBe(6);
    expect(deskView(b)).toEqual(deskView(a));
  });

  it('pulls sets in the desk’s order, in batches no bigger than the size asked for (always at least one set)', async () => {
    const desk = await freshDesk(suite.server(), ['alice']);
    const a = open('alice');
    const article = await a.ok('articles:create', ARTICLE);
    for (const exact of ['warned India', 'offered talks', 'agreed to meet']) await tag(a, article.id, exact);
    await a.sync(desk);
    await asAdmin(desk, async (c) => {
      const all = await setsAfter(c, 0, 500);
      expect(all.length).toBeGreaterThan(3);
      expect(all.map((s) => s.seq)).toEqual([...all.map((s) => s.seq)].sort((x, y) => x - y));
      expect((await setsAfter(c, 0, 500, 1)).map((s) => s.seq)).toEqual([all[0]!.seq]);
      const sizes = await c.query('SELECT pg_column_size(changes) AS n FROM parley.change_sets ORDER BY seq');
      const firstTwo = Number(sizes.rows[0].n) + Number(sizes.rows[1].n);
      expect((await setsAfter(c, 0, 500, firstTwo)).map((s) => s.seq)).toEqual(all.slice(0, 2).map((s) => s.seq));
      expect((await setsAfter(c, all[0]!.seq, 2)).map((s) => s.seq)).toEqual(all.slice(1, 3).map((s) => s.seq));
    });
  });
});
