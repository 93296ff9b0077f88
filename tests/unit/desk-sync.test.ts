/** Desk sync against a real PostgreSQL: laptops converge, layers stay their coder's, conflicts are listed, sets go once. */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { deskView, laptop, prepareDesk, type Laptop } from '../helpers/desk';

const { bin, reason } = postgresBinaries();
if (!bin) console.warn(`desk-sync.test.ts skipped: ${reason}`);

let server: PgServer;
let dbCounter = 0;
const laptops: Laptop[] = [];

/** A fresh desk database for each test, on the one server. */
async function freshDesk(analysts: string[]): Promise<PgServer> {
  const name = `desk_${process.pid}_${++dbCounter}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const desk = { ...server, database: name, url: server.url.replace(/\/postgres$/, `/${name}`) };
  await prepareDesk(desk, analysts);
  return desk;
}

function open(analyst: string, opts: { sample?: boolean } = {}): Laptop {
  const l = laptop(analyst, opts);
  laptops.push(l);
  return l;
}

async function tag(l: Laptop, articleId: number, exact: string, codeKey = 'THREAT', note = '') {
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
    codeId: code.id,
    sourceActorId: usa.id,
    targetActorId: ind.id,
    note,
  });
}

const ARTICLE = {
  title: 'Envoys meet in Delhi',
  outlet: 'Wire',
  publishedOn: '2025-02-03',
  text: 'The United States warned India about tariffs. India offered talks on Friday. Both sides agreed to meet again.',
};

beforeAll(async () => {
  if (bin) server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  for (const l of laptops.splice(0)) l.close();
});

describe.skipIf(!bin)('desk sync through a real PostgreSQL', () => {
  it('two laptops converge: one article imported by both is one article, each tag stays in its coder’s layer', async () => {
    const desk = await freshDesk(['alice', 'bob']);
    const a = open('alice');
    const b = open('bob');
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
});
