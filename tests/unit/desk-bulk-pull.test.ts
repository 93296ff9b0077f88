/**
 * A large pull without its indexes (issue 18's first sync): the search index and secondary indexes go before the
 * rows come and are built once after them. Against a real PostgreSQL: a laptop pulled that way holds the same
 * workspace as one that applied every change row by row (rows, score series, search results, the schema itself),
 * and a pull cut after a batch (the process gone: its committed state copied) leaves a workspace that, opened
 * again, has every index and trigger back and finds the pulled articles; meanwhile search says it is incomplete.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { BULK_PENDING_KEY, bulkIndexBuild } from '../../main/db/deskBulkIndexes';
import { searchArticles, searchNotes } from '../../main/db/search';
import { getSetting } from '../../main/db/settings';
import { search } from '../../main/services/search';
import { startWorkspace } from '../../main/services/workspace';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { ARTICLE, deskSuite, freshDesk, layerSeries, seriesDistance, tag, type Laptop } from '../helpers/desk';

const { bin, reason } = postgresBinaries();
if (!bin) console.warn(`desk-bulk-pull.test.ts skipped: ${reason}`);

const suite = deskSuite(bin, startPostgres);
const open = suite.open;

const WORDS = ['sanctions', 'missiles', 'visas', 'ports', 'wheat', 'satellites', 'drones', 'rupees'];

/** Alice's laptop: articles with passages (some with notes), sent to the desk in many small sets. */
async function aliceDesk(): Promise<PgServer> {
  const desk = await freshDesk(suite.server(), ['alice', 'bob', 'carol']);
  const a = open('alice');
  for (let i = 0; i < 24; i++) {
    const word = WORDS[i % WORDS.length]!;
    const text = `${ARTICLE.text} Article ${i} is about ${word} and warned India again.`;
    const art = await a.ok('articles:create', {
      ...ARTICLE,
      title: `About ${word} ${i}`,
      publishedOn: `2025-02-${String(1 + (i % 27)).padStart(2, '0')}`,
      text,
    });
    await tag(a, art.id, 'warned India', 'THREAT', i % 2 === 0 ? `note on ${word}` : '');
    await tag(a, art.id, 'offered talks', 'OVERTURE');
  }
  await a.sync(desk, { baselineRows: 5 });
  return desk;
}

/** Every schema object as SQLite lists it (without root pages, which a rebuilt index changes). */
const schema = (db: Db) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();

/** A table's rows; when a pulled row arrived (its clock, not the pull's way) aside. */
const rows = (db: Db, table: string) =>
  db
    .prepare(`SELECT * FROM "${table}" ORDER BY 1`)
    .all()
    .map((r) => ({ ...(r as object), imported_at_ms: undefined, found_at_ms: undefined }));

function searchView(db: Db) {
  return WORDS.map((w) => ({
    articles: searchArticles(db, w, 50).map((r) => r.id),
    notes: searchNotes(db, w, 50).map((r) => r.annotationId),
  }));
}

function ftsIntact(db: Db): void {
  db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')");
  db.exec("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')");
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bulk-'));

describe.skipIf(!bin)('a pull without its indexes', () => {
  it('leaves the same workspace as applying every change row by row: rows, score series, search, schema', async () => {
    const desk = await aliceDesk();
    const bulk: Laptop = open('bob');
    const plain: Laptop = open('carol');
    const before = schema(bulk.ctx.workspace.db);
    const result = await bulk.sync(desk, { indexes: 'bulk', batch: 3 });
    await plain.sync(desk, { indexes: 'rowByRow', batch: 3 });
    expect(result.indexMs).toBeGreaterThan(0);
    const [b, p] = [bulk.ctx.workspace.db, plain.ctx.workspace.db];
    expect(schema(b)).toEqual(before);
    expect(getSetting(b, BULK_PENDING_KEY)).toBeNull();
    for (const t of ['articles', 'annotations', 'annotation_origins', 'events', 'codes', 'actors', 'relationships', 'desk_near_duplicates'])
      expect(rows(b, t), t).toEqual(rows(p, t));
    expect(rows(b, 'articles')).toHaveLength(24);
    expect(seriesDistance(layerSeries(bulk, 'alice'), layerSeries(plain, 'alice'))).toBeLessThanOrEqual(1e-9);
    ftsIntact(b);
    expect(searchView(b)).toEqual(searchView(p));
    expect(searchView(b)[0]?.articles).toHaveLength(3);
    expect(b.prepare('SELECT generation FROM score_generation').pluck().get()).toBeGreaterThan(0);
  });

  it('while the indexes are built in steps, reads are answered and a write waits for the end, then is found by search', async () => {
    const desk = await aliceDesk();
    const bob = open('bob');
    const db = bob.ctx.workspace.db;
    const steps: { done: number; total: number }[] = [];
    const syncing = bob.sync(desk, {
      indexes: 'bulk',
      batch: 3,
      onProgress: (p) => void (p.stage === 'index' && steps.push({ done: p.done, total: p.total })),
    });
    // The build starts once the rows are in; it takes a turn of the event loop per step.
    while (!bulkIndexBuild(db)) await new Promise<void>((resolve) => setImmediate(resolve));
    let built = false;
    void bulkIndexBuild(db)!.then(() => (built = true));
    const listed = await bob.ok('articles:list', {});
    expect(built).toBe(false); // answered in the middle of the build
    expect(listed.total).toBe(24);
    const written = await bob
      .ok('articles:create', { ...ARTICLE, title: 'Written during the build', text: `${ARTICLE.text} About lentils.` })
      .then((a) => ({ id: a.id, afterBuild: built }));
    expect(written.afterBuild).toBe(true); // held until the build ended
    await syncing;
    // The status counted the build's steps, from none to all of them, one at a time.
    expect(steps[0]).toEqual({ done: 0, total: steps[0]!.total });
    expect(steps.at(-1)).toEqual({ done: steps[0]!.total, total: steps[0]!.total });
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.every((s, i) => i === 0 || s.done >= steps[i - 1]!.done)).toBe(true);
    expect(searchArticles(db, 'lentils', 5).map((r) => r.id)).toEqual([written.id]);
    ftsIntact(db);
    expect(getSetting(db, BULK_PENDING_KEY)).toBeNull();
  });

  it('cut after a batch: search says it is incomplete; the copy a killed process leaves opens with every index back', async () => {
    const desk = await aliceDesk();
    const bob = open('bob');
    const db = bob.ctx.workspace.db;
    const before = schema(db);
    const dir = tmp();
    const killed = path.join(dir, 'killed.sqlite');
    let incomplete: boolean | undefined;
    let dropped = 0;
    await expect(
      bob.sync(desk, {
        indexes: 'bulk',
        batch: 2,
        onPulled: () => {
          // Cut once some of the articles are in (the sets before them carry actors and codes).
          if ((db.prepare('SELECT count(*) FROM articles').pluck().get() as number) < 5) return;
          incomplete = search(bob.ctx, { text: 'tariffs', limit: 20, includeNotes: true }).incomplete;
          dropped = before.length - schema(db).length;
          // What a process killed here leaves on disk: the committed transactions, the note among them.
          db.exec(`VACUUM INTO '${killed}'`);
          throw new Error('cut');
        },
      }),
    ).rejects.toThrow('cut');
    expect(incomplete).toBe(true);
    expect(dropped).toBeGreaterThan(5); // the full-text triggers and the library's indexes were gone meanwhile
    // The same process, cut by an error: its pull put everything back on the way out.
    expect(schema(db)).toEqual(before);
    ftsIntact(db);
    expect(search(bob.ctx, { text: 'tariffs', limit: 20, includeNotes: true }).incomplete).toBeUndefined();

    const reopened = startWorkspace(killed, { sampleFile: null });
    try {
      const r = reopened.workspace.db;
      expect(getSetting(r, BULK_PENDING_KEY)).toBeNull();
      expect(schema(r)).toEqual(before);
      ftsIntact(r);
      const pulled = r.prepare('SELECT id FROM articles ORDER BY id').pluck().all();
      expect(pulled.length).toBeGreaterThan(0);
      const found = new Set(WORDS.flatMap((w) => searchArticles(r, w, 50).map((h) => h.id)));
      expect([...found].sort((x, y) => x - y)).toEqual(pulled);
    } finally {
      reopened.workspace.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // And the cut pull, resumed, brings the rest.
    await bob.sync(desk);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(24);
  });
});
