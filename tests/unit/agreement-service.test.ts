/**
 * Coder layers, the agreement report and adjudication through the API, on a
 * real SQLite workspace.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coderLayer } from '../../shared/agreement/layers';
import { setLayer } from '../../main/db/layers';
import type { OperationName, OpInput, OpOutput } from '../../shared/api/contract';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
// Paragraph 1 is [0, 39), paragraph 2 is [41, 74).
const TEXT = 'Washington warned of tariffs on Monday.\n\nNew Delhi said talks would go on.';
const P2 = TEXT.indexOf('New Delhi');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let codes: { id: number; key: string }[];
let articleId: number;
const PRIYA = coderLayer('Priya');

/** w.ok with the contract's types. */
const ok = <K extends OperationName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> => w.ok(op, input);
const codeId = (key: string) => codes.find((c) => c.key === key)!.id;

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  await w.ok('export:analyst', { name: 'Asha' });
  rel = (await w.ok('relationships:list', {}))[0]!;
  codes = await w.ok('codebook:list', {});
  articleId = (await w.ok('articles:create', { title: 'T', publishedOn: '2026-06-01', relationshipId: rel.id, text: TEXT })).id;
});
afterEach(() => w.close());

async function tag(start: number, end: number, code: string, reverse = false): Promise<number> {
  const a = await w.ok('annotations:create', {
    articleId,
    start,
    end,
    codeId: codeId(code),
    sourceActorId: reverse ? rel.actorB.id : rel.actorA.id,
    targetActorId: reverse ? rel.actorA.id : rel.actorB.id,
  });
  return a.id;
}

/** A colleague's passage: tagged, then moved into their layer (as merging their package does). */
async function theirs(start: number, end: number, code: string, reverse = false): Promise<number> {
  const id = await tag(start, end, code, reverse);
  setLayer(w.ctx.workspace.db, id, PRIYA, false);
  return id;
}

const scoredIds = async () =>
  (await ok('score:evidence', { relationshipId: rel.id, date: '2026-06-10' })).items.map((e) => e.annotationId).sort((a, b) => a - b);

describe('coder layers and the agreement report', () => {
  it('keeps a colleague’s passages in their layer, out of the default score', async () => {
    const mine = await tag(0, 39, 'THREAT');
    const other = await theirs(P2, TEXT.length, 'OVERTURE');
    const layers = await ok('layers:list', {});
    expect(layers.find((l) => l.key === 'own')).toMatchObject({ label: 'Asha', passages: 1, articles: 1 });
    expect(layers.find((l) => l.key === PRIYA)).toMatchObject({ label: 'Priya', passages: 1 });
    const listed = await ok('annotations:list', { articleId });
    expect(listed.find((a) => a.id === other)!.layer).toBe(PRIYA);
    expect(await scoredIds()).toEqual([mine]);
  });

  it('computes the figures by paragraph, by character and on direction, with diagnostics', async () => {
    // The colleague's first: a same passage of one's own is refused while in one's own layer.
    await theirs(0, 39, 'THREAT');
    await tag(0, 39, 'THREAT');
    await theirs(P2, TEXT.length, 'OVERTURE');
    const r = await ok('agreement:report', { unit: 'paragraph' });
    expect(r.layers.map((l) => l.key)).toEqual(['own', PRIYA]);
    expect(r.articleIds).toEqual([articleId]);
    // Paragraph values: own (THREAT, none), Priya (THREAT, OVERTURE). Coincidences: o(T,T) = 2,
    // o(none,O) = o(O,none) = 1; n = 4, n_T = 2, n_none = n_O = 1. D_o = 2/4; D_e = (16 − 4 − 1 − 1)/12;
    // α = 1 − 0.5 / (10/12) = 0.4.
    expect(r.units).toBe(2);
    expect(r.alpha).toBeCloseTo(0.4, 12);
    // By character over the 74: coded by both 39, by Priya only 33 (P2 … end), by neither 2 (the break).
    // p_o = 41/74; p_A = 39/74, p_B = 72/74; κ = (p_o − p_e)/(1 − p_e).
    const N = TEXT.length;
    const po = 41 / N;
    const pe = (39 / N) * (72 / N) + (35 / N) * (2 / N);
    expect(r.percentAgreement).toBeCloseTo(po, 12);
    expect(r.kappa).toBeCloseTo((po - pe) / (1 - pe), 12);
    const threat = r.codes.find((c) => c.code === 'THREAT')!;
    expect(threat).toMatchObject({ passages: [1, 1], percentAgreement: 1, kappa: 1, cuAlpha: 1 });
    expect(r.direction).toMatchObject({ pairs: 1, agreed: 1, percent: 1 });
    expect(r.diagnostics.map((d) => d.kind)).toContain('few-units');
    // Sensitivity: the colleague's overture moves M; the largest difference is named.
    expect(r.sensitivity!.series.map((s) => s.key)).toEqual(['own', PRIYA]);
    expect(r.sensitivity!.largest!.difference).toBeGreaterThan(0);
    const csv = await ok('agreement:csv', { unit: 'paragraph' });
    expect(csv.content).toContain('krippendorff_alpha');
    expect(csv.content.split('\r\n')[1]).toContain('0.4');
  });

  it('adds an agreement section to the HTML brief once a colleague’s layer exists', async () => {
    await tag(0, 39, 'THREAT');
    const brief = () => ok('export:file', { format: 'brief-html', relationshipId: rel.id, fromDate: '2026-05-01' });
    expect((await brief()).content).not.toContain('Agreement between coders');
    await theirs(P2, TEXT.length, 'OVERTURE');
    const html = (await brief()).content;
    expect(html).toContain('<h2>Agreement between coders</h2>');
    expect(html).toContain('Asha, Priya over 1 articles');
  });

  it('refuses a report without two layers, and names what to do', async () => {
    await tag(0, 39, 'THREAT');
    const r = await w.call('agreement:report', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/Merge a colleague/);
    const bad = await w.call('agreement:report', { layers: ['own', 'nobody'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('adjudication', () => {
  it('walks the disagreements, settles them into the consensus the score then reads, and undoes', async () => {
    await theirs(0, 39, 'THREAT');
    const mineAgree = await tag(0, 39, 'THREAT');
    const mineOnly = await tag(0, 10, 'CONCESSION');
    const theirsOnly = await theirs(P2, TEXT.length, 'OVERTURE', true);
    const list = await ok('adjudication:list', { layerB: PRIYA });
    expect(list.items.map((i) => i.kind).sort()).toEqual(['only-a', 'only-b']);
    expect(await scoredIds()).toEqual([mineAgree, mineOnly].sort((a, b) => a - b));

    const settle = await ok('adjudication:settle', { layerB: PRIYA, articleId, aId: null, bId: theirsOnly, decision: 'take-b' });
    expect(settle.articleAdjudicated).toBe(true);
    // The agreed threat comes along; the consensus now replaces the analyst's own passages in the score.
    expect(settle.created).toHaveLength(2);
    expect(await scoredIds()).toEqual(settle.created.sort((a, b) => a - b));
    expect((await ok('adjudication:list', { layerB: PRIYA })).items.map((i) => i.kind)).toEqual(['only-a']);

    const again = await w.call('adjudication:settle', { layerB: PRIYA, articleId, aId: null, bId: theirsOnly, decision: 'take-b' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const wrong = await w.call('adjudication:settle', { layerB: PRIYA, articleId, aId: mineOnly, bId: null, decision: 'take-b' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    await ok('adjudication:settle', { layerB: PRIYA, articleId, aId: mineOnly, bId: null, decision: 'neither' });
    expect((await ok('adjudication:list', { layerB: PRIYA })).items).toEqual([]);
    const history = await ok('history:state', {});
    expect(history.nextUndo).toBe('Settle “Washington”: keep neither');

    await w.ok('history:undo', {});
    await w.ok('history:undo', {});
    expect(await scoredIds()).toEqual([mineAgree, mineOnly].sort((a, b) => a - b));
    expect((await ok('layers:list', {})).some((l) => l.key === 'consensus')).toBe(false);
    expect((await ok('adjudication:list', { layerB: PRIYA })).items).toHaveLength(2);
  });
});
