/**
 * What the desk carries beyond rows of passages and the codebook (issue 18), against a real PostgreSQL: outlet
 * grades, grade factors, event groups and adjudication travel, with conflicts in the merge review when two laptops
 * change the same one while apart; a near-duplicate from a colleague is listed, never merged; colleagues' sets are
 * listed in History as theirs.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { PgServer } from '../support/postgres';
import { ARTICLE, seriesDistance, tag, type Laptop } from '../helpers/desk';
import { deskSuite } from '../helpers/deskSuite';
import { grantAnalyst, insertSets } from '../../main/db/deskServer';
import { listLayerPassages } from '../../main/db/layers';
import { layerScoreEvents } from '../../main/services/agreement';
import { requireRelationship } from '../../main/services/score';
import { isoToDay } from '../../shared/domain/dates';
import { dailySeries, type ScoreSeries } from '../../shared/scoring/score';
import { coderLayer, OWN_LAYER, type LayerKey } from '../../shared/agreement/layers';

const suite = deskSuite('desk-carry.test.ts');

/** Both ways, then once more, so that each laptop has what the other sent. */
async function exchange(desk: PgServer, a: Laptop, b: Laptop): Promise<void> {
  await a.sync(desk);
  await b.sync(desk);
  await a.sync(desk);
}

/** The desk lets the analyst write the consensus (and adjudicate). */
async function mayWriteConsensus(desk: PgServer, analyst: string): Promise<void> {
  const admin = new pg.Client({ connectionString: desk.url });
  await admin.connect();
  try {
    await grantAnalyst(admin, { name: analyst, mayEditShared: true, mayEditConsensus: true });
  } finally {
    await admin.end();
  }
}

/** One article both tag differently (A “warned India”, B “offered talks”); A settles A's passage into the consensus. */
async function adjudicateOneDisagreement(desk: PgServer, a: Laptop, b: Laptop): Promise<void> {
  const article = await a.ok('articles:create', ARTICLE);
  const mine = await tag(a, article.id, 'warned India');
  await exchange(desk, a, b);
  const articleB = (await b.ok('articles:list', {})).items[0]!.id;
  await tag(b, articleB, 'offered talks', 'OVERTURE');
  await exchange(desk, b, a);
  await a.ok('adjudication:settle', { layerB: coderLayer('bob'), articleId: article.id, aId: mine.id, bId: null, decision: 'take-a' });
}

/**
 * A layer's score series as the score counts it: code weights, confidence, the outlet's grade factor, and the
 * passages of one event counted once (main/services/agreement.ts layerScoreEvents over listLayerPassages).
 */
async function scoreOfLayer(l: Laptop, layer: LayerKey): Promise<ScoreSeries> {
  const rels = await l.ok('relationships:list', {});
  const rel = requireRelationship(l.ctx.workspace.db, rels[0]!.id);
  const events = layerScoreEvents(listLayerPassages(l.ctx.workspace.db, layer, null), rel);
  return dailySeries(events, { fromDay: isoToDay('2025-01-01'), toDay: isoToDay('2025-06-30'), halfLifeDays: 30 });
}

const SECOND = {
  title: 'Talks resume on trade',
  outlet: 'Wire',
  publishedOn: '2025-02-04',
  text: 'India warned the United States about duties on steel. The United States offered a review within a month.',
};

/** A wire of several paragraphs (made up for this test), long enough for the near-duplicate test's word shingles. */
const WIRE = {
  title: 'Washington weighs new duties on Indian metals',
  outlet: 'Wire',
  publishedOn: '2025-03-10',
  text: [
    'The United States is weighing new duties on steel and aluminium from India, two officials said on Monday, a step that would reopen a quarrel the two governments had called settled last year.',
    'The officials, who asked not to be named, said a review of tarifs on metals had found that imports from India rose by a third in the autumn. A decision could come within weeks.',
    'Indian diplomats in Washington said they had not been told of any review and would ask for talks. A trade ministry spokesman in Delhi declined to comment on what he called reports.',
    'Both sides have met four times since the spring to discuss market access for farm goods and medical devices, and a fifth round had been planned for the end of the month.',
  ].join('\n\n'),
};

/** Another report of the same day: alike in subject, not a copy. */
const OTHER_SAME_DAY = {
  title: 'Delhi plans a rice export quota',
  outlet: 'Wire',
  publishedOn: '2025-03-10',
  text: 'India plans a quota on rice exports for the rest of the year, the food ministry said, citing a weak monsoon in the east and rising prices in the cities.',
};

const db = (l: Laptop) => l.ctx.workspace.db;

/** Runs `fn` on a connection of the analyst's own role. */
async function asAnalyst<T>(desk: PgServer, analyst: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ host: desk.host, port: desk.port, user: analyst, database: desk.database });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(!suite.bin)('what the desk carries', () => {
  it('an outlet graded, a factor changed, two reports grouped and a code re-weighted on A: B scores A’s layer the same to 1e-9', async () => {
    const { desk, a, b } = await suite.aliceAndBob();
    const first = await a.ok('articles:create', ARTICLE);
    const second = await a.ok('articles:create', SECOND);
    const t1 = await tag(a, first.id, 'warned India');
    const t2 = await tag(a, second.id, 'India warned the United States');
    const t3 = await tag(a, second.id, 'offered a review', 'OVERTURE');
    await exchange(desk, a, b);
    // After joining: each of these goes by the log.
    await a.ok('outlets:grade', { outlet: 'Wire', grade: 'C' });
    await a.ok('reliability:set-factor', { grade: 'C', factor: 0.35 });
    const threat = (await a.ok('codebook:list', {})).find((c: { key: string }) => c.key === 'THREAT');
    await a.ok('codebook:update', { id: threat!.id, weight: -9 });
    await a.ok('events:group', { annotationIds: [t1.id, t2.id] });
    void t3;
    const before = await scoreOfLayer(b, coderLayer('alice'));
    const mine = await scoreOfLayer(a, OWN_LAYER);
    expect(seriesDistance(before, mine)).toBeGreaterThan(1e-6); // B does not have it yet: the comparison can fail
    await exchange(desk, a, b);
    expect(db(b).prepare('SELECT outlet, grade FROM outlet_grades').all()).toEqual([{ outlet: 'Wire', grade: 'C' }]);
    expect(db(b).prepare("SELECT factor FROM reliability_grades WHERE grade = 'C'").pluck().get()).toBe(0.35);
    const members = (l: Laptop) =>
      l.ctx.workspace.db.prepare('SELECT an.uid FROM annotations an JOIN events ev ON ev.id = an.event_id ORDER BY an.uid').pluck().all();
    expect(members(b)).toEqual(members(a));
    expect(members(b)).toHaveLength(2);
    expect(seriesDistance(await scoreOfLayer(b, coderLayer('alice')), mine)).toBeLessThanOrEqual(1e-9);
    // Ungrouping and removing the grade travel too.
    const eventId = db(a).prepare('SELECT id FROM events').pluck().get() as number;
    await a.ok('events:ungroup', { eventId });
    await a.ok('outlets:grade', { outlet: 'Wire', grade: null });
    await exchange(desk, a, b);
    expect(db(b).prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect(db(b).prepare('SELECT count(*) FROM outlet_grades').pluck().get()).toBe(0);
    expect(seriesDistance(await scoreOfLayer(b, coderLayer('alice')), await scoreOfLayer(a, OWN_LAYER))).toBeLessThanOrEqual(1e-9);
    expect(await a.ok('setting-conflicts:list', {})).toEqual([]);
    expect(await b.ok('setting-conflicts:list', {})).toEqual([]);
  });

  it('both grade the same outlet and set the same factor while apart: a conflict in both, neither overwritten; settled, they converge', async () => {
    const { desk, a, b } = await suite.aliceAndBob();
    await a.ok('articles:create', ARTICLE);
    await a.ok('outlets:grade', { outlet: 'Wire', grade: 'B' });
    await exchange(desk, a, b);
    expect(db(b).prepare("SELECT grade FROM outlet_grades WHERE outlet = 'Wire'").pluck().get()).toBe('B');
    // Apart.
    await a.ok('outlets:grade', { outlet: 'Wire', grade: 'D' });
    await b.ok('outlets:grade', { outlet: 'Wire', grade: 'A' });
    await a.ok('reliability:set-factor', { grade: 'D', factor: 0.3 });
    await b.ok('reliability:set-factor', { grade: 'D', factor: 0.45 });
    await exchange(desk, a, b);
    const grade = (l: Laptop) => l.ctx.workspace.db.prepare("SELECT grade FROM outlet_grades WHERE outlet = 'Wire'").pluck().get();
    const factor = (l: Laptop) => l.ctx.workspace.db.prepare("SELECT factor FROM reliability_grades WHERE grade = 'D'").pluck().get();
    expect([grade(a), grade(b), factor(a), factor(b)]).toEqual(['D', 'A', 0.3, 0.45]);
    for (const [l, ours, theirs, fo, ft] of [
      [a, 'D', 'A', '0.3', '0.45'],
      [b, 'A', 'D', '0.45', '0.3'],
    ] as const) {
      const items = await l.ok('setting-conflicts:list', {});
      expect(items.find((c: { kind: string }) => c.kind === 'outlet-grade')).toMatchObject({
        label: 'Grade of outlet “Wire”',
        ours,
        theirs,
      });
      expect(items.find((c: { kind: string }) => c.kind === 'grade-factor')).toMatchObject({
        label: 'Factor of grade D',
        ours: fo,
        theirs: ft,
      });
    }
    // Bob keeps Alice's grade and his own factor; Alice then takes Bob's factor.
    const items = await b.ok('setting-conflicts:list', {});
    await b.ok('setting-conflicts:resolve', { id: items.find((c: { kind: string }) => c.kind === 'outlet-grade')!.id, keep: 'theirs' });
    await b.ok('setting-conflicts:resolve', { id: items.find((c: { kind: string }) => c.kind === 'grade-factor')!.id, keep: 'ours' });
    await exchange(desk, b, a);
    expect(await a.ok('setting-conflicts:list', {})).toMatchObject([{ kind: 'grade-factor' }]);
    const left = await a.ok('setting-conflicts:list', {});
    await a.ok('setting-conflicts:resolve', { id: left[0]!.id, keep: 'theirs' });
    await exchange(desk, a, b);
    expect([grade(a), grade(b), factor(a), factor(b)]).toEqual(['D', 'D', 0.45, 0.45]);
    expect(await a.ok('setting-conflicts:list', {})).toEqual([]);
    expect(await b.ok('setting-conflicts:list', {})).toEqual([]);
  });

  it('grades from before the desk go once; a value only one laptop ever set is taken without a conflict', async () => {
    const { desk, a, b } = await suite.aliceAndBob();
    await a.ok('articles:create', ARTICLE);
    await a.ok('outlets:grade', { outlet: 'Wire', grade: 'E' });
    await b.ok('reliability:set-factor', { grade: 'A', factor: 0.9 });
    await exchange(desk, a, b);
    await b.sync(desk);
    for (const l of [a, b]) {
      expect(l.ctx.workspace.db.prepare('SELECT outlet, grade FROM outlet_grades').all()).toEqual([{ outlet: 'Wire', grade: 'E' }]);
      expect(l.ctx.workspace.db.prepare("SELECT factor FROM reliability_grades WHERE grade = 'A'").pluck().get()).toBe(0.9);
      expect(await l.ok('setting-conflicts:list', {})).toEqual([]);
    }
  });

  it('adjudication travels: the consensus, the article’s flag (B’s own passages there leave B’s score) and each decision', async () => {
    const { desk, a, b } = await suite.aliceAndBob();
    await mayWriteConsensus(desk, 'alice');
    await adjudicateOneDisagreement(desk, a, b);
    await exchange(desk, a, b);
    const onB = db(b)
      .prepare(
        `SELECT CASE WHEN consensus = 1 THEN 'consensus' WHEN coder = '' THEN 'own' ELSE coder END AS layer, quote_exact AS q, scored
         FROM annotations ORDER BY layer, q`,
      )
      .all();
    expect(onB).toEqual([
      { layer: 'alice', q: 'warned India', scored: 0 },
      { layer: 'consensus', q: 'warned India', scored: 1 },
      { layer: 'own', q: 'offered talks', scored: 0 },
    ]);
    expect(db(b).prepare('SELECT count(*) FROM adjudicated_articles').pluck().get()).toBe(1);
    const decisions = (l: Laptop) =>
      l.ctx.workspace.db
        .prepare(
          `SELECT decision, (SELECT uid FROM annotations WHERE id = a_annotation_id) AS a, b_annotation_id AS b, uid FROM adjudications`,
        )
        .all();
    expect(decisions(b)).toEqual(decisions(a));
    expect(decisions(b)[0]).toMatchObject({ decision: 'take-a', a: expect.any(String), b: null });
    // Undone on A: the flag, the decision and the consensus passage leave B too, and B's own passage counts again.
    await a.ok('history:undo', {});
    await exchange(desk, a, b);
    expect(db(b).prepare('SELECT count(*) FROM adjudicated_articles').pluck().get()).toBe(0);
    expect(db(b).prepare('SELECT count(*) FROM adjudications').pluck().get()).toBe(0);
    expect(db(b).prepare("SELECT scored FROM annotations WHERE coder = '' AND consensus = 0").pluck().all()).toEqual([1]);
  });

  it('the desk refuses adjudication from an analyst who may not write the consensus', async () => {
    const { desk, a, b } = await suite.aliceAndBob();
    await adjudicateOneDisagreement(desk, a, b);
    const round = await a.sync(desk);
    expect(round.refused).toEqual([expect.stringContaining('Settle')]);
    await b.sync(desk);
    expect(db(b).prepare('SELECT count(*) FROM adjudicated_articles').pluck().get()).toBe(0);
    // A flag or a decision alone (no consensus passage in the set) is refused as well; with the right, it goes.
    const flag = { t: 'adjudicated_articles', u: 'adjudicated:x', a: 'c', v: { article_id: 'article:x', at_ms: 1 } };
    const decision = { t: 'adjudications', u: 'd1', a: 'd' };
    for (const [i, change] of [flag, decision].entries()) {
      const set = { uid: `hand-made-${i}-set`, origin: 'test', atMs: 1, label: 'by hand', changes: [change] };
      await expect(asAnalyst(desk, 'bob', (c) => insertSets(c, 'bob', [set]))).rejects.toMatchObject({ code: '42501' });
    }
    await mayWriteConsensus(desk, 'bob');
    const set = { uid: 'hand-made-ok-set', origin: 'test', atMs: 1, label: 'by hand', changes: [flag, decision] };
    await asAnalyst(desk, 'bob', (c) => insertSets(c, 'bob', [set]));
  });

  it('the same wire imported on two laptops with small differences: two articles, listed as near-duplicates on both, never merged', async () => {
    const { desk, a, b } = await suite.aliceAndBob();
    const original = await a.ok('articles:create', WIRE);
    // Bob's copy: a byline, other whitespace, a typo corrected.
    const copy = await b.ok('articles:create', {
      ...WIRE,
      text: `By a staff correspondent\n\n${WIRE.text.replace('tarifs', 'tariffs').replace(/\. /g, '.  ')}`,
    });
    await b.ok('articles:create', OTHER_SAME_DAY);
    await tag(a, original.id, 'steel and aluminium');
    await tag(b, copy.id, 'steel and aluminium');
    await exchange(desk, a, b);
    for (const [l, own] of [
      [a, original.id],
      [b, copy.id],
    ] as const) {
      // Bob's other report of the day, and both copies of the wire.
      expect(l.ctx.workspace.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
      const pairs = await l.ok('desk:near-duplicates', {});
      expect(pairs).toHaveLength(1);
      // The top bar's count comes with the polled status, without the pairs' differences.
      expect((await l.ok('desk:status', {})).nearDuplicates).toBe(1);
      expect(pairs[0]).toMatchObject({ own: { id: own, title: WIRE.title }, similarity: expect.any(Number) });
      expect(pairs[0]!.similarity).toBeGreaterThan(0.75);
      expect(pairs[0]!.similarity).toBeLessThan(1);
      // Each laptop's tag stays on its own copy's text, the colleague's on theirs.
      const quotes = l.ctx.workspace.db
        .prepare('SELECT ar.text, an.start_offset AS s, an.end_offset AS e FROM annotations an JOIN articles ar ON ar.id = an.article_id')
        .all() as { text: string; s: number; e: number }[];
      expect(quotes.map((q) => q.text.slice(q.s, q.e))).toEqual(['steel and aluminium', 'steel and aluminium']);
    }
    // Keep both: the pair leaves the list, as an undoable change.
    const [pair] = await b.ok('desk:near-duplicates', {});
    expect(await b.ok('desk:keep-both', { articleId: pair!.pulled.id })).toEqual({ remaining: 0 });
    expect(await b.ok('desk:near-duplicates', {})).toEqual([]);
    expect((await b.ok('desk:status', {})).nearDuplicates).toBe(0);
    await b.ok('history:undo', {});
    expect(await b.ok('desk:near-duplicates', {})).toHaveLength(1);
    expect((await b.ok('desk:status', {})).nearDuplicates).toBe(1);
    const refused = await b.call('desk:keep-both', { articleId: copy.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('colleagues’ sets are listed in History with their name and time, read-only: never on this analyst’s undo stack', async () => {
    const { desk, a, b } = await suite.aliceAndBob();
    const article = await a.ok('articles:create', ARTICLE);
    await a.sync(desk);
    await b.sync(desk);
    await tag(a, article.id, 'warned India');
    await a.ok('outlets:grade', { outlet: 'Wire', grade: 'B' });
    await a.sync(desk);
    await b.sync(desk);
    const history = await b.ok('history:state', { limit: 50 });
    const fromDesk = history.recent.filter((s: { fromDesk?: boolean }) => s.fromDesk);
    const labels = fromDesk.map((s: { label: string }) => s.label);
    expect(labels.slice(0, 2)).toEqual(['Grade outlet “Wire” B', 'Tag “warned India” as Threat']);
    expect(labels).toContain('Rows of articles from before the desk');
    expect(new Set(fromDesk.map((s: { analyst: string }) => s.analyst))).toEqual(new Set(['alice']));
    const aliceSets = db(a).prepare("SELECT at_ms FROM change_sets WHERE label = 'Grade outlet “Wire” B'").pluck().get();
    expect(fromDesk[0]!.atMs).toBe(aliceSets);
    // Bob made nothing himself: there is nothing for him to undo, and the colleague's grade stays.
    expect(history.nextUndo).toBeNull();
    expect(history.recent.filter((s: { fromDesk?: boolean }) => !s.fromDesk)).toEqual([]);
  });
});
