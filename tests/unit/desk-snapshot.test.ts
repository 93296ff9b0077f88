/**
 * A first sync from the desk's snapshot, against a real PostgreSQL: `desk snapshot` stores the desk's corpus as one
 * file; an empty laptop takes it and pulls only the sets made since, and ends exactly where a replay of every set
 * ends (the same rows, layers, scores and search); anything the laptop cannot trust or use (a laptop with work of
 * its own, a newer schema, bytes that are not the ones recorded, a cut mid-download) replays or tries again, and
 * loses nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/main';
import { getSetting } from '../../main/db/settings';
import { grantAnalyst } from '../../main/db/deskServer';
import { latestSnapshot, storeSnapshot } from '../../main/db/deskSnapshots';
import { OLDEST_SNAPSHOT_SCHEMA, SCHEMA_VERSION } from '../../main/db/migrations';
import { coderLayer } from '../../shared/agreement/layers';
import { CopyBinaryField } from '../../main/services/desk/snapshot';
import { buildSnapshot } from '../../main/services/desk/snapshotBuild';
import { unsentCount, workspaceUid } from '../../main/services/desk/sync';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { ARTICLE, asAdmin, deskSuite, deskView, freshDesk, layerSeries, seriesDistance, tag, type Laptop } from '../helpers/desk';

const { bin, reason } = postgresBinaries();
if (!bin) console.warn(`desk-snapshot.test.ts skipped: ${reason}`);

const suite = deskSuite(bin, startPostgres);
const open = suite.open;

const snapshotOf = (desk: PgServer) => asAdmin(desk, (c) => buildSnapshot(c));
const deskSeq = (desk: PgServer) =>
  asAdmin(desk, async (c) => Number((await c.query('SELECT max(seq) AS n FROM parley.change_sets')).rows[0].n));

/** Everything about each passage a laptop holds that a first sync decides: its layer, whether it scores, its origin. */
const passages = (l: Laptop) =>
  l.ctx.workspace.db
    .prepare(
      `SELECT an.uid, an.coder, an.consensus, an.scored, an.quote_exact, o.analyst AS origin
       FROM annotations an LEFT JOIN annotation_origins o ON o.annotation_id = an.id ORDER BY an.uid`,
    )
    .all();

/** A desk where Alice and Bob have each coded, Bob has also changed the codebook, and a snapshot was made; then Alice went on. */
async function codedDesk(): Promise<{ desk: PgServer; after: number }> {
  const desk = await freshDesk(suite.server(), ['alice', 'bob', 'carol']);
  const a = open('alice');
  const first = await a.ok('articles:create', ARTICLE);
  const second = await a.ok('articles:create', { ...ARTICLE, title: 'A second', text: `${ARTICLE.text} Again on Monday.` });
  await tag(a, first.id, 'warned India');
  await tag(a, second.id, 'offered talks', 'OVERTURE');
  await a.sync(desk);
  const b = open('bob');
  await b.sync(desk);
  const bobs = (await b.ok('articles:list', {})).items as { id: number; title: string }[];
  await tag(b, bobs.find((x) => x.title === ARTICLE.title)!.id, 'about tariffs');
  const codes = await b.ok('codebook:list', {});
  const threat = codes.find((c: { key: string }) => c.key === 'THREAT');
  await b.ok('codebook:update', { id: threat!.id, weight: -3 });
  await b.sync(desk);
  const built = await snapshotOf(desk);
  expect(built.snapshot?.throughSeq).toBe(await deskSeq(desk));
  // After the snapshot: sets a laptop taking it must still pull.
  await tag(a, second.id, 'Both sides', 'CONCESSION');
  await a.sync(desk);
  return { desk, after: (await deskSeq(desk)) - built.snapshot!.throughSeq };
}

describe('the binary COPY reader', () => {
  it('gives each row’s bytes, in order, however the stream is cut', () => {
    const rows = [Buffer.from('first chunk'), Buffer.alloc(70_000, 7), Buffer.from('x')];
    const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(4), Buffer.from([0, 0, 0, 2, 9, 9])]);
    const body = rows.map((r) => {
      const head = Buffer.alloc(6);
      head.writeInt16BE(1, 0);
      head.writeInt32BE(r.length, 2);
      return Buffer.concat([head, r]);
    });
    const all = Buffer.concat([header, ...body, Buffer.from([0xff, 0xff])]);
    for (const step of [1, 5, 19, 4096, all.length]) {
      const parser = new CopyBinaryField();
      const out: Buffer[] = [];
      for (let i = 0; i < all.length; i += step) out.push(...parser.feed(all.subarray(i, i + step)));
      parser.end();
      expect(Buffer.concat(out).equals(Buffer.concat(rows))).toBe(true);
    }
    const short = new CopyBinaryField();
    const got = Buffer.concat([...short.feed(all.subarray(0, all.length - 10))]);
    // What came is given (the start of the rows), and the end says the rest is missing.
    expect(got.length).toBeGreaterThan(70_000);
    expect(Buffer.concat(rows).subarray(0, got.length).equals(got)).toBe(true);
    expect(() => short.end()).toThrow(/ended before/);
    expect(() => [...new CopyBinaryField().feed(Buffer.alloc(40))]).toThrow(/binary format/);
  });
});

describe.skipIf(!bin)('a first sync from the desk’s snapshot', () => {
  it('an empty laptop takes the snapshot, pulls only what came after it, and ends where a replay of every set ends', async () => {
    const { desk, after } = await codedDesk();
    // Bob on a new laptop, twice: from the snapshot, and by replaying every set.
    const fromSnapshot = open('bob');
    const uid = workspaceUid(fromSnapshot.ctx);
    const r = await fromSnapshot.sync(desk);
    expect(r.snapshot?.taken?.throughSeq).toBeGreaterThan(0);
    const setsThrough = await asAdmin(desk, async (c) =>
      Number((await c.query('SELECT count(*) AS n FROM parley.change_sets WHERE seq <= $1', [r.snapshot!.taken!.throughSeq])).rows[0].n),
    );
    expect(r.snapshot?.taken?.sets).toBe(setsThrough);
    expect(r.pulled).toBe(after);
    const through = await deskSeq(desk);
    const replayed = open('bob');
    const r2 = await replayed.sync(desk, { snapshot: false });
    expect(r2.snapshot).toBeNull();
    expect(r2.pulled).toBe(through);

    expect(deskView(fromSnapshot)).toEqual(deskView(replayed));
    expect(passages(fromSnapshot)).toEqual(passages(replayed));
    // Bob's own passage is in his own layer and scores; Alice's are hers and do not.
    expect(passages(fromSnapshot)).toContainEqual(
      expect.objectContaining({ quote_exact: 'about tariffs', coder: '', scored: 1, origin: null }),
    );
    expect(passages(fromSnapshot)).toContainEqual(expect.objectContaining({ quote_exact: 'warned India', coder: 'alice', scored: 0 }));
    for (const layer of ['bob', 'alice']) expect(seriesDistance(layerSeries(fromSnapshot, layer), layerSeries(replayed, layer))).toBe(0);
    const found = await fromSnapshot.ok('search:query', { text: 'Monday' });
    const titles = found.articles.map((x: { title: { text: string }[] }) => x.title.map((p) => p.text).join(''));
    expect(titles).toEqual(['A second']);

    // The laptop's own settings and identity; nothing of the desk's to send back.
    const db = fromSnapshot.ctx.workspace.db;
    expect(getSetting(db, 'analyst.name')).toBe('bob');
    expect(workspaceUid(fromSnapshot.ctx)).toBe(uid);
    expect(getSetting(db, 'desk.pulledThrough')).toBe(String(through));
    expect(unsentCount(fromSnapshot.ctx)).toBe(0);
    expect(fs.existsSync(`${fromSnapshot.file}.desk-snapshot`)).toBe(false);
    // History lists the colleagues' sets, as after a replay.
    const history = async (l: Laptop) => (await l.ok('history:state', {})).recent.map((e: { label: string }) => e.label);
    expect(await history(fromSnapshot)).toEqual(await history(replayed));

    // It goes on as any laptop: a tag made on it reaches Alice, and nothing else is sent.
    const a2 = open('alice');
    await a2.sync(desk);
    const articles = (await fromSnapshot.ok('articles:list', {})).items as { id: number; title: string }[];
    await tag(fromSnapshot, articles.find((x) => x.title === 'A second')!.id, 'Again on Monday');
    const sent = await fromSnapshot.sync(desk);
    expect(sent.sent).toBe(1);
    await a2.sync(desk);
    expect(passages(a2)).toContainEqual(expect.objectContaining({ quote_exact: 'Again on Monday', coder: 'bob' }));
    await replayed.sync(desk);
    expect(deskView(fromSnapshot)).toEqual(deskView(replayed));
  });

  it('an adjudicated article: the re-joining analyst’s own passage there is out of the score, as after a replay', async () => {
    const desk = await freshDesk(suite.server(), ['alice', 'bob']);
    await asAdmin(desk, (c) => grantAnalyst(c, { name: 'alice', mayEditShared: true, mayEditConsensus: true }));
    const a = open('alice');
    const article = await a.ok('articles:create', ARTICLE);
    const mine = await tag(a, article.id, 'warned India');
    await a.sync(desk);
    const b = open('bob');
    await b.sync(desk);
    await tag(b, (await b.ok('articles:list', {})).items[0]!.id, 'offered talks', 'OVERTURE');
    await b.sync(desk);
    await a.sync(desk);
    await a.ok('adjudication:settle', { layerB: coderLayer('bob'), articleId: article.id, aId: mine.id, bId: null, decision: 'take-a' });
    await a.sync(desk);
    await snapshotOf(desk);
    const fromSnapshot = open('bob');
    expect((await fromSnapshot.sync(desk)).snapshot?.taken).not.toBeNull();
    const replayed = open('bob');
    await replayed.sync(desk, { snapshot: false });
    expect(passages(fromSnapshot)).toEqual(passages(replayed));
    expect(passages(fromSnapshot)).toContainEqual(expect.objectContaining({ quote_exact: 'offered talks', coder: '', scored: 0 }));
    expect(passages(fromSnapshot)).toContainEqual(expect.objectContaining({ quote_exact: 'warned India', consensus: 1, scored: 1 }));
  });

  it('a laptop with work of its own, or a snapshot of a newer Parley, replays every set instead', async () => {
    const { desk } = await codedDesk();
    const busy = open('carol');
    await busy.ok('articles:create', { ...ARTICLE, title: 'Carol’s own', text: 'India and the United States met in Geneva.' });
    const r = await busy.sync(desk);
    expect(r.snapshot).toEqual({ taken: null, skipped: null });
    expect(busy.ctx.workspace.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);

    await asAdmin(desk, (c) => c.query('UPDATE parley.snapshots SET schema_version = 999'));
    const fresh = open('carol');
    const r2 = await fresh.sync(desk);
    expect(r2.snapshot?.taken).toBeNull();
    expect(r2.snapshot?.skipped).toMatch(/another Parley's workspace schema \(999; this one's is \d+\)/);
    const replay = open('carol');
    await replay.sync(desk, { snapshot: false });
    expect(deskView(fresh)).toEqual(deskView(replay));
  });

  it('a snapshot of an older schema with only local-only migrations since is taken and migrated, and ends where a replay ends', async () => {
    const { desk } = await codedDesk();
    // As the Parley of schema 24 built it (migration 25 is local-only: a band table each laptop keeps for itself).
    expect(OLDEST_SNAPSHOT_SCHEMA).toBeLessThanOrEqual(24);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-older-snapshot-'));
    const builder = path.join(dir, 'builder.sqlite');
    await asAdmin(desk, (c) => buildSnapshot(c, { workspace: builder }));
    const older = path.join(dir, 'older.sqlite');
    const src = new Database(builder);
    src.exec(`VACUUM INTO '${older}'`);
    src.close();
    const file = new Database(older);
    file.exec('DROP TABLE article_bands_recent');
    file.pragma('user_version = 24');
    file.close();
    const bytes = fs.readFileSync(older);
    const throughSeq = await deskSeq(desk);
    await asAdmin(desk, async (c) => {
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      await storeSnapshot(c, { throughSeq, schemaVersion: 24, bytes: bytes.length, sha256, chunks: 1 }, () => bytes);
      await c.query('DELETE FROM parley.snapshots WHERE schema_version <> 24');
    });
    fs.rmSync(dir, { recursive: true });

    const fresh = open('carol');
    const r = await fresh.sync(desk);
    expect(r.snapshot?.skipped).toBeNull();
    expect(r.snapshot?.taken).toMatchObject({ throughSeq });
    const db = fresh.ctx.workspace.db;
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'article_bands_recent'").pluck().get()).toBe(1);
    const replay = open('carol');
    await replay.sync(desk, { snapshot: false });
    expect(deskView(fresh)).toEqual(deskView(replay));

    // Older than that (a migration since changes what the desk carries): replayed, with the reason.
    await asAdmin(desk, (c) => c.query('UPDATE parley.snapshots SET schema_version = $1', [OLDEST_SNAPSHOT_SCHEMA - 1]));
    const r2 = await open('carol').sync(desk);
    expect(r2.snapshot?.taken).toBeNull();
    expect(r2.snapshot?.skipped).toMatch(new RegExp(`another Parley's workspace schema \\(${OLDEST_SNAPSHOT_SCHEMA - 1};`));
  });

  it('a snapshot whose bytes are not the ones recorded is not used; a download cut midway leaves the laptop as it was', async () => {
    const { desk } = await codedDesk();
    const replay = open('carol');
    await replay.sync(desk, { snapshot: false });

    const cut = open('carol');
    // What an earlier first sync stopped by the end of the process left beside the workspace goes.
    fs.writeFileSync(`${cut.file}.desk-snapshot`, 'half a download');
    fs.writeFileSync(`${cut.file}.before-desk`, 'a copy set aside');
    const settingsBefore = cut.ctx.workspace.db.prepare('SELECT key, value FROM settings ORDER BY key').all();
    await expect(
      cut.sync(desk, {
        onProgress: (p) => {
          if (p.stage === 'snapshot' && p.done > 0) throw new Error('cut');
        },
      }),
    ).rejects.toThrow('cut');
    expect(fs.existsSync(`${cut.file}.desk-snapshot`)).toBe(false);
    expect(fs.existsSync(`${cut.file}.before-desk`)).toBe(false);
    expect(cut.ctx.workspace.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    expect(cut.ctx.workspace.db.prepare('SELECT count(*) FROM desk_applied').pluck().get()).toBe(0);
    expect(cut.ctx.workspace.db.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual(settingsBefore);
    const again = await cut.sync(desk);
    expect(again.snapshot?.taken).not.toBeNull();
    expect(deskView(cut)).toEqual(deskView(replay));

    // One byte of the stored file changed: the hash says so, and the laptop replays.
    await asAdmin(desk, (c) =>
      c.query('UPDATE parley.snapshot_chunks SET data = set_byte(data, 5000, (get_byte(data, 5000) + 1) % 256) WHERE n = 0'),
    );
    const wary = open('carol');
    const r = await wary.sync(desk);
    expect(r.snapshot?.skipped).toMatch(/SHA-256/);
    expect(fs.existsSync(`${wary.file}.desk-snapshot`)).toBe(false);
    expect(deskView(wary)).toEqual(deskView(replay));
  });

  it('`desk snapshot` stores one, says so, and stores none while nothing new came; an empty desk has nothing to store', async () => {
    const desk = await freshDesk(suite.server(), ['alice']);
    const base = ['--host', '127.0.0.1', '--port', String(desk.port), '--database', desk.database, '--user', desk.user];
    const lines: string[] = [];
    const cli = (args: string[]) =>
      runCli(
        args,
        (l) => lines.push(l),
        (l) => lines.push(l),
      );
    expect(await cli(['desk', 'snapshot', ...base])).not.toBe(0);
    expect(lines.join('\n')).toMatch(/no change sets yet/);
    const a = open('alice');
    const article = await a.ok('articles:create', ARTICLE);
    await tag(a, article.id, 'warned India');
    await a.sync(desk);
    lines.length = 0;
    expect(await cli(['desk', 'snapshot', ...base])).toBe(0);
    expect(lines.join('\n')).toMatch(/Snapshot \d+: every change set through \d+/);
    lines.length = 0;
    expect(await cli(['desk', 'snapshot', ...base])).toBe(0);
    expect(lines.join('\n')).toMatch(/already holds every change set/);
    await tag(a, article.id, 'offered talks');
    await a.sync(desk);
    expect(await cli(['desk', 'snapshot', ...base])).toBe(0);
    const snaps = await asAdmin(desk, (c) => c.query('SELECT id FROM parley.snapshots'));
    // Only the newest is kept.
    expect(snaps.rowCount).toBe(1);
    expect((await asAdmin(desk, (c) => latestSnapshot(c, SCHEMA_VERSION))).snapshot?.throughSeq).toBe(await deskSeq(desk));
  });
});
