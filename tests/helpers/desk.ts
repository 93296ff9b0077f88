/** Test helpers for the desk: a desk prepared on a throwaway PostgreSQL, and laptops (workspaces) that sync with it. */
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { grantAnalyst, migrateDesk } from '../../main/db/deskServer';
import { setSetting } from '../../main/db/settings';
import { syncOnce, type SyncOptions, type SyncResult } from '../../main/services/desk/sync';
import type { PgServer } from '../support/postgres';
import { isoToDay } from '../../shared/domain/dates';
import { dailySeries, type ScoreEvent, type ScoreSeries } from '../../shared/scoring/score';
import { openTestWorkspace, type TestWorkspace } from './workspace';

export async function prepareDesk(server: PgServer, analysts: readonly string[], opts: { shared?: boolean } = {}): Promise<void> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await migrateDesk(admin);
    for (const name of analysts) await grantAnalyst(admin, { name, mayEditShared: opts.shared ?? true, mayEditConsensus: false });
  } finally {
    await admin.end();
  }
}

let deskCounter = 0;

/** A fresh desk database on the server (one per test), prepared by `desk init`'s code with the analysts' roles. */
export async function freshDesk(server: PgServer, analysts: readonly string[], opts: { shared?: boolean } = {}): Promise<PgServer> {
  const name = `desk_${process.pid}_${++deskCounter}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const desk = { ...server, database: name, url: server.url.replace(/\/postgres$/, `/${name}`) };
  await prepareDesk(desk, analysts, opts);
  return desk;
}

/** Tags the first occurrence of `exact` in the article, USA → IND, through the API. */
export async function tag(l: TestWorkspace, articleId: number, exact: string, codeKey = 'THREAT', note = ''): Promise<{ id: number }> {
  const article = await l.ok('articles:get', { id: articleId });
  const start = (article.text as string).indexOf(exact);
  const codes = await l.ok('codebook:list', {});
  const actors = await l.ok('actors:list', {});
  const code = codes.find((c: { key: string }) => c.key === codeKey);
  const usa = actors.find((a: { code: string }) => a.code === 'USA');
  const ind = actors.find((a: { code: string }) => a.code === 'IND');
  return l.ok('annotations:create', {
    articleId,
    start,
    end: start + exact.length,
    exact,
    codeId: code!.id,
    sourceActorId: usa!.id,
    targetActorId: ind!.id,
    note,
  });
}

export const ARTICLE = {
  title: 'Envoys meet in Delhi',
  outlet: 'Wire',
  publishedOn: '2025-02-03',
  text: 'The United States warned India about tariffs. India offered talks on Friday. Both sides agreed to meet again.',
};

export interface Laptop extends TestWorkspace {
  analyst: string;
  /** One sync round with the desk, on a connection of the analyst's own role. */
  sync(server: PgServer, opts?: Partial<SyncOptions>): Promise<SyncResult>;
}

export function laptop(analyst: string, opts: { sample?: boolean; now?: Date } = {}): Laptop {
  const w = openTestWorkspace({ sample: opts.sample ?? false, now: opts.now });
  setSetting(w.ctx.workspace.db, 'analyst.name', analyst);
  return {
    ...w,
    analyst,
    async sync(server, opts = {}) {
      const client = new pg.Client({ host: server.host, port: server.port, user: analyst, database: server.database });
      // A server killed mid-round ends the connection with an error event: the round's promise reports it.
      client.on('error', () => {});
      await client.connect();
      try {
        return await syncOnce(w.ctx, client, { me: analyst, ...opts });
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}

/** Row counts of the tables the desk carries, and each layer's passages, for comparing laptops. */
export function deskView(l: Laptop): Record<string, unknown> {
  const db = l.ctx.workspace.db;
  const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
  const layers = db
    .prepare(
      `SELECT CASE WHEN consensus = 1 THEN '#consensus' WHEN coder = '' THEN ? ELSE coder END AS layer, uid, quote_exact, note, confidence, event_date,
              (SELECT uid FROM codes WHERE id = code_id) AS code
       FROM annotations ORDER BY uid`,
    )
    .all(l.analyst);
  return {
    articles: count('articles'),
    codes: db.prepare('SELECT uid, name, weight, color FROM codes ORDER BY uid').all(),
    actors: db.prepare('SELECT uid, name FROM actors ORDER BY uid').all(),
    relationships: count('relationships'),
    events: count('events'),
    passages: layers,
  };
}

/**
 * The daily score of one coder layer (USA → IND and back), as a laptop holds it: the same series on every laptop
 * means the same passages with the same codes, weights, confidences and dates.
 */
export function layerSeries(l: Laptop, layer: string): ScoreSeries {
  const db = l.ctx.workspace.db;
  const own = layer === l.analyst;
  const rows = db
    .prepare(
      `SELECT an.event_date AS date, c.weight * an.confidence AS s, sa.code AS source FROM annotations an
       JOIN codes c ON c.id = an.code_id JOIN actors sa ON sa.id = an.source_actor_id
       WHERE an.consensus = 0 AND an.coder = ? ORDER BY an.event_date, an.uid`,
    )
    .all(own ? '' : layer) as { date: string; s: number; source: string }[];
  const events: ScoreEvent[] = rows.map((r) => ({ day: isoToDay(r.date), s: r.s, direction: r.source === 'USA' ? 'ab' : 'ba' }));
  return dailySeries(events, { fromDay: isoToDay('2025-01-01'), toDay: isoToDay('2025-12-31'), halfLifeDays: 30 });
}

/** Largest difference between two series' values (0 when equal). */
export function seriesDistance(x: ScoreSeries, y: ScoreSeries): number {
  let worst = 0;
  for (const d of ['ab', 'ba', 'combined'] as const)
    for (const k of ['R', 'A'] as const) x[d][k].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (y[d][k][i] ?? NaN)))));
  x.index.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (y.index[i] ?? NaN)))));
  return Number.isNaN(worst) ? Infinity : worst;
}

/** Runs `f` on a connection of the desk's owner (the administrator's role). */
export async function asAdmin<T>(desk: PgServer, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: desk.url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Change sets on the desk, and how many distinct uids among them (equal when no set is stored twice). */
export async function deskSetCounts(desk: PgServer): Promise<{ sets: number; distinct: number }> {
  const c = new pg.Client({ connectionString: desk.url });
  await c.connect();
  try {
    const r = await c.query('SELECT count(*) AS sets, count(DISTINCT uid) AS distinct FROM parley.change_sets');
    return { sets: Number(r.rows[0].sets), distinct: Number(r.rows[0].distinct) };
  } finally {
    await c.end();
  }
}

/**
 * A PostgreSQL server for the file's tests (started before them, stopped after) and laptops that close after each
 * test. `server()` is valid inside tests; the caller skips its tests where no server binary exists.
 */
export function deskSuite(bin: string | null, start: () => Promise<PgServer>): { server(): PgServer; open(analyst: string): Laptop } {
  let server: PgServer | undefined;
  const laptops: Laptop[] = [];
  beforeAll(async () => {
    if (bin) server = await start();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    for (const l of laptops.splice(0)) l.close();
  });
  return {
    server: () => {
      if (!server) throw new Error('no PostgreSQL server for this suite');
      return server;
    },
    open(analyst) {
      const l = laptop(analyst);
      laptops.push(l);
      return l;
    },
  };
}
