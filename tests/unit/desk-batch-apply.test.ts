/**
 * A pull's fast path (main/services/desk/batchApply.ts) against the change-by-change path it stands in for:
 * the same pulled sets applied both ways to two fresh laptops leave the same rows, the same layers and origins,
 * the same search index, and the same count and reasons of what could not be applied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { rowsPage, type SyncedTable } from '../../main/db/deskLocal';
import { setSetting } from '../../main/db/exchange';
import { applyPortableSet, type ApplyOutcome } from '../../main/services/desk/apply';
import { batchApplier, type PulledSet } from '../../main/services/desk/batchApply';
import { CONSENSUS, portableCreate, type PortableChange } from '../../main/services/desk/portable';
import { ARTICLE, tag } from '../helpers/desk';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const opened: TestWorkspace[] = [];
const open = (analyst: string) => {
  const w = openTestWorkspace();
  setSetting(w.ctx.workspace.db, 'analyst.name', analyst);
  opened.push(w);
  return w;
};
afterEach(() => {
  for (const w of opened.splice(0)) w.close();
});

/** Every row of the table as a creating set would carry it (what Alice's laptop sends on joining). */
const creates = (db: Db, table: SyncedTable) =>
  rowsPage(db, table, 0, 1000)
    .map((r) => portableCreate(db, table, r, 'alice'))
    .filter((c): c is PortableChange => c !== null);

/** What a laptop holds of the pulled rows: whole rows (ids included: the same order of inserts), origins, search. */
function holdings(db: Db): Record<string, unknown> {
  return {
    articles: db.prepare('SELECT * FROM articles ORDER BY id').all(),
    annotations: db.prepare('SELECT * FROM annotations ORDER BY id').all(),
    origins: db.prepare('SELECT annotation_id, analyst, origin FROM annotation_origins ORDER BY annotation_id').all(),
    found: db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'tariffs' ORDER BY rowid").pluck().all(),
    notes: db.prepare("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'seen' ORDER BY rowid").pluck().all(),
    scoreGeneration: db.prepare('SELECT generation FROM score_generation').pluck().get(),
  };
}

describe('a pull applied in batches', () => {
  it('leaves the same workspace, outcome and reasons as applying every change one by one', async () => {
    const alice = open('alice');
    const first = await alice.ok('articles:create', ARTICLE);
    const second = await alice.ok('articles:create', { ...ARTICLE, title: 'A second', text: `${ARTICLE.text} Tariffs again.` });
    await tag(alice, first.id, 'warned India', 'THREAT', 'seen in the wire');
    await tag(alice, first.id, 'offered talks', 'OVERTURE');
    await tag(alice, second.id, 'agreed to meet', 'CONCESSION');
    const db = alice.ctx.workspace.db;
    const articles = creates(db, 'articles');
    const passages = creates(db, 'annotations');
    const secondUid = articles[1]!.u;
    const onSecond = passages.find((p) => p.v?.article_id === secondUid)!;
    const sets: PulledSet[] = [
      // A first sync: articles, then passages of three layers (a colleague's, the puller's own from another laptop, the consensus).
      { analyst: 'alice', changes: articles },
      {
        analyst: 'alice',
        changes: passages.map((p, i) => ({ ...p, layer: i === 1 ? 'bob' : i === 2 ? CONSENSUS : p.layer })),
      },
      // An article already here, retitled on the desk: a merge of columns, not an insert.
      { analyst: 'alice', changes: [{ ...articles[0]!, v: { ...articles[0]!.v, title: 'Retitled' } }] },
      // The second article deleted (its passage with it), a new article (which may take the freed id), then a
      // passage on the deleted one: it refers to a row not here, and must not land on the new article.
      {
        analyst: 'alice',
        changes: [
          { t: 'articles', u: secondUid, a: 'd' },
          { ...articles[1]!, u: 'article:third', v: { ...articles[1]!.v, title: 'Third', content_hash: 'third' } },
          { ...onSecond, u: 'passage-after-delete' },
        ],
      },
      // A constraint the row breaks, a change of a newer Parley, and a create without a column (its default).
      {
        analyst: 'alice',
        changes: [
          { ...passages[0]!, u: 'too-confident', v: { ...passages[0]!.v, confidence: 5 } },
          { t: 'nonsense', u: 'x', a: 'c', v: {} },
          { ...passages[0]!, u: 'no-note', v: Object.fromEntries(Object.entries(passages[0]!.v!).filter(([k]) => k !== 'note')) },
        ],
      },
    ];

    const fast = open('bob');
    const slow = open('bob');
    const outcome = (): ApplyOutcome => ({ changed: 0, conflicts: 0, notApplied: [] });
    const fastOut = outcome();
    const slowOut = outcome();
    fast.ctx.workspace.db.transaction(() => {
      const apply = batchApplier(fast.ctx.workspace.db, 'bob', 1_000, fastOut);
      for (const s of sets) apply(s);
    })();
    slow.ctx.workspace.db.transaction(() => {
      for (const s of sets) applyPortableSet(slow.ctx.workspace.db, s, 'bob', 1_000, slowOut);
    })();

    expect(fastOut).toEqual(slowOut);
    expect(fastOut.notApplied).toHaveLength(3);
    expect(fastOut.notApplied.join('\n')).toMatch(/passage-after-delete: .*not in this workspace/);
    expect(fastOut.notApplied.join('\n')).toMatch(/too-confident: .*CHECK constraint/);
    const held = holdings(fast.ctx.workspace.db);
    expect(held).toEqual(holdings(slow.ctx.workspace.db));
    // What the comparison stands on: the rows did arrive, in their layers, searchable.
    expect((held.articles as { title: string }[]).map((a) => a.title)).toEqual(['Retitled', 'Third']);
    expect((held.annotations as { coder: string; consensus: number; uid: string }[]).map((a) => [a.coder, a.consensus])).toEqual([
      ['alice', 0],
      ['', 0],
      ['alice', 0],
    ]);
    expect(held.found).toHaveLength(2);
    expect(held.notes).toHaveLength(1);
    expect(held.origins).toHaveLength(2);
  });
});
