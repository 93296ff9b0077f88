/** Desk sync against a real PostgreSQL: laptops converge, layers stay their coder's, conflicts are listed, sets go once. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { PgServer } from '../support/postgres';
import { ARTICLE, deskView, tag, type Laptop } from '../helpers/desk';
import { deskSuite } from '../helpers/deskSuite';
import { insertArticle } from '../../main/db/articles';
import { ContinuedChangeSet } from '../../main/services/changeRecorder';

const { bin, fresh, open, aliceAndBob } = deskSuite('desk-sync.test.ts');

async function deskRows(desk: PgServer): Promise<number> {
  const c = new pg.Client({ connectionString: desk.url });
  await c.connect();
  try {
    return Number((await c.query('SELECT count(*) AS n FROM parley.change_sets')).rows[0].n);
  } finally {
    await c.end();
  }
}

async function codeId(l: Laptop, key: string): Promise<number> {
  return (await l.ok('codebook:list', {})).find((c: { key: string }) => c.key === key)!.id;
}

describe.skipIf(!bin)('desk sync through a real PostgreSQL', () => {
  it('two laptops converge: one article imported by both is one article, each tag stays in its coder’s layer', async () => {
    const { desk, a, b } = await aliceAndBob();
    const articleA = await a.ok('articles:create', ARTICLE);
    const articleB = await b.ok('articles:create', ARTICLE);
    await tag(a, articleA.id, 'warned India');
    await tag(b, articleB.id, 'offered talks', 'OVERTURE');
    await a.sync(desk);
    await b.sync(desk);
    await a.sync(desk);
    expect(deskView(a)).toEqual(deskView(b));
    const db = a.ctx.workspace.db;
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    expect(db.prepare('SELECT quote_exact, coder, scored FROM annotations ORDER BY coder').all()).toEqual([
      { quote_exact: 'warned India', coder: '', scored: 1 },
      { quote_exact: 'offered talks', coder: 'bob', scored: 0 },
    ]);
  });

  it('changes after joining travel by the log: a tag, its edit, its undo, and a new code', async () => {
    const { desk, a, b } = await aliceAndBob();
    const article = await a.ok('articles:create', ARTICLE);
    await a.sync(desk);
    await b.sync(desk);
    const t = await tag(a, article.id, 'warned India');
    await a.ok('annotations:update', { id: t.id, note: 'tariff threat', confidence: 0.5 });
    const t2 = await tag(a, article.id, 'agreed to meet', 'CONCESSION');
    await a.ok('history:undo', {});
    expect((await a.ok('annotations:list', { articleId: article.id })).map((x: { id: number }) => x.id)).not.toContain(t2.id);
    await a.ok('codebook:create', { name: 'Sanction', parentId: null, weight: -7, color: '#aa0000' });
    await a.sync(desk);
    await b.sync(desk);
    expect(deskView(b)).toEqual(deskView(a));
    const row = b.ctx.workspace.db.prepare('SELECT note, confidence, coder FROM annotations').all();
    expect(row).toEqual([{ note: 'tariff threat', confidence: 0.5, coder: 'alice' }]);
  });

  it('two laptops re-weighting the same code while apart: a conflict listed in both, neither value overwritten; settled when one takes the other’s', async () => {
    const { desk, a, b } = await aliceAndBob();
    const article = await a.ok('articles:create', ARTICLE);
    await tag(a, article.id, 'warned India');
    await a.sync(desk);
    await b.sync(desk);
    await tag(b, (await b.ok('articles:list', {})).items[0]!.id, 'about tariffs');
    // Apart: each changes THREAT's weight and name.
    await a.ok('codebook:update', { id: await codeId(a, 'THREAT'), weight: -8, name: 'Menace' });
    await b.ok('codebook:update', { id: await codeId(b, 'THREAT'), weight: -4, name: 'Warning' });
    await a.sync(desk);
    await b.sync(desk);
    await a.sync(desk);
    const weight = (l: Laptop) => l.ctx.workspace.db.prepare("SELECT weight, name FROM codes WHERE key = 'THREAT'").get();
    expect(weight(a)).toEqual({ weight: -8, name: 'Menace' });
    expect(weight(b)).toEqual({ weight: -4, name: 'Warning' });
    for (const [l, ours, theirs] of [
      [a, '-8', '-4'],
      [b, '-4', '-8'],
    ] as const) {
      const items = await l.ok('setting-conflicts:list', {});
      const w = items.find((c: { kind: string }) => c.kind === 'code-weight');
      expect(w).toMatchObject({ label: 'Weight of code THREAT', ours, theirs });
      expect(items.find((c: { kind: string }) => c.kind === 'desk-row')).toMatchObject({ label: expect.stringContaining('name of code') });
    }
    // Bob takes Alice's weight and name; after a round both have them and no conflict is left in either.
    for (const c of await b.ok('setting-conflicts:list', {})) await b.ok('setting-conflicts:resolve', { id: c.id, keep: 'theirs' });
    await b.sync(desk);
    await a.sync(desk);
    expect(weight(b)).toEqual({ weight: -8, name: 'Menace' });
    expect(weight(a)).toEqual({ weight: -8, name: 'Menace' });
    expect(await a.ok('setting-conflicts:list', {})).toEqual([]);
    expect(await b.ok('setting-conflicts:list', {})).toEqual([]);
    expect(deskView(a)).toEqual(deskView(b));
  });

  it('a set sent twice is stored once, and a set applied twice changes nothing', async () => {
    const { desk, a, b } = await aliceAndBob();
    const article = await a.ok('articles:create', ARTICLE);
    await tag(a, article.id, 'warned India');
    await a.sync(desk);
    const stored = await deskRows(desk);
    // As if the laptop lost the note that it had sent everything (cut after the desk committed).
    a.ctx.workspace.db.prepare("DELETE FROM settings WHERE key IN ('desk.pushedThrough', 'desk.baseline')").run();
    await a.sync(desk);
    expect(await deskRows(desk)).toBe(stored);
    await b.sync(desk);
    const view = deskView(b);
    // As if the laptop lost its cursor and which sets it had applied.
    b.ctx.workspace.db.prepare("DELETE FROM settings WHERE key = 'desk.pulledThrough'").run();
    b.ctx.workspace.db.prepare('DELETE FROM desk_applied').run();
    const again = await b.sync(desk);
    expect(again.pulled).toBeGreaterThan(0);
    expect(deskView(b)).toEqual(view);
    expect(b.ctx.workspace.db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1);
  });

  it('row-level security: an analyst adds sets only under their own name, in their own layer, and changes or deletes none', async () => {
    const desk = await fresh(['alice', 'bob']);
    const asRole = async (role: string, sql: string, params: unknown[] = []) => {
      const c = new pg.Client({ host: desk.host, port: desk.port, user: role, database: desk.database });
      await c.connect();
      try {
        return await c.query(sql, params);
      } finally {
        await c.end();
      }
    };
    const insert = 'INSERT INTO parley.change_sets (uid, analyst, origin, at_ms, label, changes) VALUES ($1, $2, $3, 0, $4, $5::jsonb)';
    const passage = (layer: string) => JSON.stringify([{ t: 'annotations', u: 'x1', a: 'd', layer }]);
    await asRole('bob', insert, ['bob-set-0001', 'bob', 'w', 'ok', passage('bob')]);
    await expect(asRole('bob', insert, ['bob-set-0002', 'alice', 'w', 'as alice', passage('bob')])).rejects.toThrow(/row-level security/);
    await expect(asRole('bob', insert, ['bob-set-0003', 'bob', 'w', 'in alice’s layer', passage('alice')])).rejects.toThrow(
      /row-level security/,
    );
    await expect(
      asRole('bob', insert, ['bob-set-0004', 'bob', 'w', 'no layer', JSON.stringify([{ t: 'annotations', u: 'x', a: 'd' }])]),
    ).rejects.toThrow(/row-level security/);
    await expect(asRole('bob', "UPDATE parley.change_sets SET label = 'x'")).rejects.toThrow(/permission denied/);
    await expect(asRole('bob', 'DELETE FROM parley.change_sets')).rejects.toThrow(/permission denied/);
    expect(await deskRows(desk)).toBe(1);
  });

  it('an analyst the desk does not let change shared things: their codebook change is refused and noted, their tags still go', async () => {
    const desk = await fresh(['carol'], { shared: false });
    const c = open('carol');
    const article = await c.ok('articles:create', ARTICLE);
    await c.sync(desk);
    await c.ok('codebook:update', { id: await codeId(c, 'THREAT'), weight: -9 });
    await tag(c, article.id, 'warned India');
    const r = await c.sync(desk);
    expect(r.refused).toEqual(['Re-weight code “Threat” to -9']);
    expect(r.sent).toBe(1);
  });

  it('an import still adding to its change set while a sync runs: each part goes, and the colleague gets every article', async () => {
    const { desk, a, b } = await aliceAndBob();
    await a.sync(desk);
    const db = a.ctx.workspace.db;
    const set = new ContinuedChangeSet(a.ctx);
    const save = (n: number) =>
      db.transaction(() =>
        set.record(
          (rec) => {
            const text = `Dispatch ${n}: the envoy of the United States spoke of India.`;
            const id = insertArticle(db, {
              ...ARTICLE,
              author: '',
              url: '',
              title: `Dispatch ${n}`,
              text,
              wordCount: 11,
              contentHash: `hash-${n}`,
              relationshipId: null,
            });
            rec.created('articles', 'article', id);
          },
          (fresh) => (fresh ? 'Import 1 article' : `Import ${n} articles`),
        ),
      )();
    save(1);
    save(2);
    await a.sync(desk);
    save(3);
    expect(db.prepare('SELECT count(*) FROM change_sets WHERE label LIKE ?').pluck().get('Import%')).toBe(1);
    await a.sync(desk);
    await b.sync(desk);
    expect(b.ctx.workspace.db.prepare('SELECT title FROM articles ORDER BY title').pluck().all()).toEqual([
      'Dispatch 1',
      'Dispatch 2',
      'Dispatch 3',
    ]);
  });
});
