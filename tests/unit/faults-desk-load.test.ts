/**
 * The desk under load (issue 18), against a real PostgreSQL: 20 analysts'
 * laptops in one process, each making 1,000 changes through the API (tags,
 * edits of them, deletes, event dates, a few edits of the shared codebook)
 * while syncing every few dozen changes, several laptops at once. At the end
 * every conflict listed is settled the way an analyst would (take the
 * colleague's value, one laptop after another), and every laptop must hold
 * the same workspace: the same rows, the same passages in the same layers,
 * every layer's score series equal to 1e-9; nothing lost (each analyst's
 * passages, counted as they were made, are on every laptop), nothing twice.
 *
 * Heavy (minutes): runs with PARLEY_HEAVY=1 (`npm run reliability` sets it), skipped otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from '../helpers/figures';
import { deskSetCounts, deskView, freshDesk, laptop, layerSeries, seriesDistance, type Laptop } from '../helpers/desk';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';

const heavy = process.env.PARLEY_HEAVY === '1';
const { bin, reason } = postgresBinaries();
if (!heavy) console.warn('faults-desk-load.test.ts skipped: a heavy case (minutes); run it with PARLEY_HEAVY=1');
else if (!bin) console.warn(`faults-desk-load.test.ts skipped: ${reason}`);

const ANALYSTS = 20;
const CHANGES = 1_000;
const SENTENCES = 1_200;
const CODES = ['THREAT', 'OVERTURE', 'CONCESSION'] as const;

let server: PgServer;
beforeAll(async () => {
  if (heavy && bin) server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** One analyst's laptop and what the driver knows of it: its article, ids, and its own passages as made. */
interface Analyst {
  l: Laptop;
  articleId: number;
  text: string;
  codeIds: Record<string, number>;
  usa: number;
  ind: number;
  own: number[];
  nextPassage: number;
  syncEvery: number;
  sinceSync: number;
}

const sentence = (k: number, i: number) => `Envoy ${k}.${i} warned the delegation.`;
const passageOf = (k: number, i: number) => `Envoy ${k}.${i} warned`;

describe.skipIf(!heavy || !bin)('the desk under load', () => {
  it(`${ANALYSTS} analysts × ${CHANGES} changes, syncing as they work: every laptop converges, nothing lost or twice, conflicts listed`, async () => {
    const started = Date.now();
    const names = Array.from({ length: ANALYSTS }, (_, k) => `load_${String(k).padStart(2, '0')}`);
    const desk = await freshDesk(server, names);
    let seed = 2026;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const team: Analyst[] = [];
    try {
      for (const [k, name] of names.entries()) {
        const l = laptop(name);
        const text = Array.from({ length: SENTENCES }, (_, i) => sentence(k, i)).join(' ');
        const article = await l.ok('articles:create', { title: `Dispatch ${k}`, outlet: 'Wire', publishedOn: '2025-03-10', text });
        const codes = await l.ok('codebook:list', {});
        const actors = await l.ok('actors:list', {});
        const actor = (code: string) => actors.find((a: { code: string }) => a.code === code)!.id;
        team.push({
          l,
          articleId: article.id,
          text,
          codeIds: Object.fromEntries(CODES.map((key) => [key, codes.find((c: { key: string }) => c.key === key)!.id])),
          usa: actor('USA'),
          ind: actor('IND'),
          own: [],
          nextPassage: 0,
          // Each laptop syncs every 20-60 of its changes: with 20 analysts, every few seconds of the run.
          syncEvery: 20 + Math.floor(rnd() * 40),
          sinceSync: 0,
        });
      }
      const made = { tags: 0, edits: 0, deletes: 0, codeEdits: 0 };
      let syncRounds = 0;

      const tagOne = async (a: Analyst, k: number): Promise<void> => {
        const exact = passageOf(k, a.nextPassage++);
        const start = a.text.indexOf(exact);
        const towardsInd = rnd() < 0.7;
        const t = await a.l.ok('annotations:create', {
          articleId: a.articleId,
          start,
          end: start + exact.length,
          exact,
          codeId: a.codeIds[CODES[Math.floor(rnd() * CODES.length)]!]!,
          sourceActorId: towardsInd ? a.usa : a.ind,
          targetActorId: towardsInd ? a.ind : a.usa,
          confidence: Math.round(rnd() * 100) / 100,
        });
        a.own.push(t.id);
        made.tags++;
      };

      const change = async (a: Analyst, k: number): Promise<void> => {
        const r = rnd();
        if (r < 0.01) {
          // A shared-code edit: another analyst may be re-weighting or renaming the same code while apart.
          const key = CODES[Math.floor(rnd() * CODES.length)]!;
          const edit = rnd() < 0.7 ? { weight: Math.round(rnd() * 18 - 9) } : { name: `${key} ${Math.floor(rnd() * 5)}` };
          await a.l.ok('codebook:update', { id: a.codeIds[key]!, ...edit });
          made.codeEdits++;
        } else if (r < 0.65 || a.own.length < 5) await tagOne(a, k);
        else if (r < 0.87) {
          const id = a.own[Math.floor(rnd() * a.own.length)]!;
          const which = rnd();
          const edit =
            which < 0.4
              ? { confidence: Math.round(rnd() * 100) / 100 }
              : which < 0.7
                ? { eventDate: `2025-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}` }
                : { note: `seen ${Math.floor(rnd() * 1000)}` };
          await a.l.ok('annotations:update', { id, ...edit });
          made.edits++;
        } else {
          await a.l.ok('annotations:delete', { id: a.own.splice(Math.floor(rnd() * a.own.length), 1)[0]! });
          made.deletes++;
        }
      };

      // Every step each analyst makes one change; the laptops whose turn it is sync together (concurrent rounds).
      for (let step = 0; step < CHANGES; step++) {
        const due: Analyst[] = [];
        for (const [k, a] of team.entries()) {
          await change(a, k);
          if (++a.sinceSync >= a.syncEvery) {
            a.sinceSync = 0;
            due.push(a);
          }
        }
        await Promise.all(due.map((a) => a.l.sync(desk)));
        syncRounds += due.length;
      }
      const workEndedMs = Date.now() - started;

      // Everyone catches up, then settles what was listed, one laptop after another, as analysts would.
      for (const a of team) await a.l.sync(desk);
      let conflictsListed = 0;
      let passes = 0;
      for (; passes < 6; passes++) {
        let open = 0;
        for (const a of team) {
          await a.l.sync(desk);
          const items = await a.l.ok('setting-conflicts:list', {});
          open += items.length;
          for (const c of items) await a.l.ok('setting-conflicts:resolve', { id: c.id, keep: 'theirs' });
          if (items.length > 0) await a.l.sync(desk);
        }
        conflictsListed += open;
        if (open === 0) break;
      }
      for (const a of team) await a.l.sync(desk);

      const first = deskView(team[0]!.l);
      for (const a of team.slice(1)) expect(deskView(a.l)).toEqual(first);
      // Nothing lost: each analyst's passages, as the driver counted them, are on every laptop in their layer.
      const passagesIn = (l: Laptop, layer: string) =>
        l.ctx.workspace.db
          .prepare('SELECT count(*) FROM annotations WHERE consensus = 0 AND coder = ?')
          .pluck()
          .get(layer === l.analyst ? '' : layer) as number;
      for (const a of team) for (const b of team) expect(passagesIn(b.l, a.l.analyst)).toBe(a.own.length);
      // Nothing twice: on the desk and on a laptop.
      const sets = await deskSetCounts(desk);
      expect(sets.sets).toBe(sets.distinct);
      const db0 = team[0]!.l.ctx.workspace.db;
      expect(db0.prepare('SELECT count(*) - count(DISTINCT uid) FROM annotations').pluck().get()).toBe(0);
      let worst = 0;
      for (const name of names) {
        const reference = layerSeries(team[0]!.l, name);
        for (const a of team.slice(1)) worst = Math.max(worst, seriesDistance(reference, layerSeries(a.l, name)));
      }
      expect(worst).toBeLessThanOrEqual(1e-9);
      expect(conflictsListed).toBeGreaterThan(0);
      for (const a of team) expect(await a.l.ok('setting-conflicts:list', {})).toEqual([]);

      const figures = {
        analysts: ANALYSTS,
        changesEach: CHANGES,
        ...made,
        syncRounds,
        setsOnDesk: sets.sets,
        duplicateSetsOnDesk: sets.sets - sets.distinct,
        passagesPerLaptop: db0.prepare('SELECT count(*) FROM annotations').pluck().get() as number,
        conflictsListed,
        settlingPasses: passes + 1,
        worstScoreDifference: worst,
        workSeconds: Math.round(workEndedMs / 100) / 10,
        wallSeconds: Math.round((Date.now() - started) / 100) / 10,
        converged: true,
      };
      console.log(`faults-desk-load: ${JSON.stringify(figures)}`);
      recordFigures('fault-desk-load', figures);
    } finally {
      for (const a of team) a.l.close();
    }
  }, 3_600_000);
});
