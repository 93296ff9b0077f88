import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../shared/api/contract';
import { openTestWorkspace, rowCounts, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let code: (key: string) => number;

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!; // United States – India: A = USA, B = IND
  const codes = await w.ok('codebook:list', {});
  code = (key) => codes.find((c: { key: string }) => c.key === key)!.id;
});
afterEach(() => w.close());

type TagFields = Pick<OpInput<'annotations:create'>, 'codeId' | 'sourceActorId' | 'targetActorId'> & Partial<OpInput<'annotations:create'>>;

async function tagIn(outlet: string, publishedOn: string, text: string, over: TagFields) {
  const article = await w.ok('articles:create', { title: text, outlet, publishedOn, relationshipId: rel.id, text });
  return w.ok('annotations:create', { articleId: article.id, start: 0, end: text.indexOf(' '), ...over });
}

async function expectRefused(op: string, input: unknown, errorCode: string, message?: RegExp) {
  const before = rowCounts(w.ctx);
  const r = await w.call(op, input);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(errorCode);
    if (message) expect(r.error.message).toMatch(message);
  }
  expect(rowCounts(w.ctx)).toEqual(before);
}

/**
 * Test vector 2: reliability, confidence, a grouped event and a re-weighted code.
 * Half-life 30 days; day 0 = 2026-05-01, figures read at day 30 = 2026-05-31.
 *
 * Setup
 *   THREAT re-weighted from −6 to −8.
 *   Outlets: "Wire Alpha" graded B (factor 0.8), "Blog Delta" graded D (0.4), "Paper Gamma" ungraded (1).
 *   1. day 0,  USA→IND THREAT,     Wire Alpha,  confidence 0.5:  s = −8 · 0.5 · 0.8 = −3.2
 *   2. day 10, IND→USA CONCESSION, Blog Delta,  confidence 1:    w·c·r = 5 · 1 · 0.4 = 2.0
 *   3. day 12, IND→USA CONCESSION, Paper Gamma, confidence 0.75: w·c·r = 5 · 0.75 · 1 = 3.75
 *      2 and 3 report one event: grouped, it takes the earliest date (day 10) and counts once,
 *      with the best confidence × reliability of its passages: s = 5 · max(0.4, 0.75) = 3.75
 *   4. day 20, USA→IND OVERTURE,   Paper Gamma, confidence 1:    s = 4 · 1 · 1 = 4
 *
 * Decays at day 30: d(age 30) = 2^−1 = 0.5; d(age 20) = 2^(−2/3) = 0.62996; d(age 10) = 2^(−1/3) = 0.79370
 *   R_US→IND = −3.2 · 0.5 + 4 · 0.79370 = −1.6 + 3.17480 = 1.57480      → 1.57
 *   A_US→IND = 0.5 + 0.79370 = 1.29370                                  → 1.29
 *   M_US→IND = 1.57480 / 1.29370 = 1.21728                              → 1.22
 *   R_IND→US = 3.75 · 0.62996 = 2.36235                                 → 2.36
 *   A_IND→US = 0.62996 (the event counts once)                          → 0.63
 *   M_IND→US = 3.75                                                     → 3.75
 *   R = 1.57480 + 2.36235 = 3.93715                                     → 3.94
 *   A = 1.29370 + 0.62996 = 1.92366                                     → 1.92
 *   M = 3.93715 / 1.92366 = 2.04670                                     → 2.05
 *   asymmetry = 1.57480 − 2.36235 = −0.78755                            → −0.79
 *   index = 10 · tanh(0.393715) = 10 · 0.37456 = 3.74559                → 3.75
 *
 * Ungrouped, the two passages would count twice (days 10 and 12, d(age 18) = 2^(−0.6) = 0.65975):
 *   R_IND→US = 2.0 · 0.62996 + 3.75 · 0.65975 = 1.25992 + 2.47408 = 3.73400 → 3.73, A = 1.92366 + 0.65975 = 2.58341
 */
describe('test vector 2 through the API', () => {
  it('reproduces every figure, counts the event once, and returns to the ungrouped figures when ungrouped', async () => {
    const usa = rel.actorA.id;
    const ind = rel.actorB.id;
    await w.ok('codebook:update', { id: code('THREAT'), weight: -8 });
    await tagIn('Wire Alpha', '2026-05-01', 'Sanctions threatened by Washington.', {
      codeId: code('THREAT'),
      sourceActorId: usa,
      targetActorId: ind,
      confidence: 0.5,
    });
    const blog = await tagIn('Blog Delta', '2026-05-11', 'Restrictions eased, a blog says.', {
      codeId: code('CONCESSION'),
      sourceActorId: ind,
      targetActorId: usa,
    });
    const paper = await tagIn('Paper Gamma', '2026-05-13', 'Easing confirmed by the ministry.', {
      codeId: code('CONCESSION'),
      sourceActorId: ind,
      targetActorId: usa,
      confidence: 0.75,
    });
    await tagIn('Paper Gamma', '2026-05-21', 'Talks offered by the envoy.', {
      codeId: code('OVERTURE'),
      sourceActorId: usa,
      targetActorId: ind,
    });
    await w.ok('outlets:grade', { outlet: 'Wire Alpha', grade: 'B' });
    await w.ok('outlets:grade', { outlet: 'Blog Delta', grade: 'D' });

    const range = { relationshipId: rel.id, halfLifeDays: 30, fromDate: '2026-05-01', toDate: '2026-05-31' };
    const loose = await w.ok('score:series', range);
    expect(loose.ba.R[30]).toBeCloseTo(3.73, 2);
    expect(loose.combined.A[30]).toBeCloseTo(2.58, 2);

    const event = await w.ok('events:group', { annotationIds: [paper.id, blog.id] });
    expect(event.eventDate).toBe('2026-05-11');
    expect(event.codeId).toBe(code('CONCESSION'));

    const s = await w.ok('score:series', range);
    const i = 30;
    expect(s.ab.R[i]).toBeCloseTo(1.57, 2);
    expect(s.ab.A[i]).toBeCloseTo(1.29, 2);
    expect(s.ab.M[i]).toBeCloseTo(1.22, 2);
    expect(s.ba.R[i]).toBeCloseTo(2.36, 2);
    expect(s.ba.A[i]).toBeCloseTo(0.63, 2);
    expect(s.ba.M[i]).toBeCloseTo(3.75, 2);
    expect(s.combined.R[i]).toBeCloseTo(3.94, 2);
    expect(s.combined.A[i]).toBeCloseTo(1.92, 2);
    expect(s.combined.M[i]).toBeCloseTo(2.05, 2);
    expect(s.asymmetry[i]).toBeCloseTo(-0.79, 2);
    expect(s.index[i]).toBeCloseTo(3.75, 2);
    expect(s.annotationCount).toBe(3); // three scored items: two passages and one event

    // The evidence of that day: the event once, with both passages, the most credible first.
    const evidence = await w.ok('score:evidence', { relationshipId: rel.id, date: '2026-05-31', halfLifeDays: 30 });
    expect(evidence.items).toHaveLength(3);
    expect(evidence.total).toBe(3);
    const ev = evidence.items.find((e: { eventId: number | null }) => e.eventId === event.id)!;
    expect(ev.s).toBeCloseTo(3.75, 10);
    expect(ev.passages.map((p: { annotationId: number }) => p.annotationId)).toEqual([paper.id, blog.id]);
    const threat = evidence.items.find((e: { codeKey: string }) => e.codeKey === 'THREAT')!;
    expect([threat.weight, threat.confidence, threat.reliability, threat.grade]).toEqual([-8, 0.5, 0.8, 'B']);
    // "Why this score": the contributions add up to the figures shown.
    const sum = (dir: string, key: 'contribution' | 'decay') =>
      evidence.items
        .filter((e: { direction: string }) => e.direction === dir)
        .reduce((t, e) => t + e[key], 0);
    expect(sum('ab', 'contribution')).toBeCloseTo(s.ab.R[i]!, 10);
    expect(sum('ba', 'contribution')).toBeCloseTo(s.ba.R[i]!, 10);
    expect(sum('ab', 'decay') + sum('ba', 'decay')).toBeCloseTo(s.combined.A[i]!, 10);
    expect(evidence.figures.combined.M).toBeCloseTo(s.combined.M[i]!, 10);
    expect(evidence.rest.count).toBe(0);

    // The calendar counts the event once too: May holds −3.2 + 3.75 + 4 = 4.55 over three items.
    const months = await w.ok('score:buckets', { relationshipId: rel.id, unit: 'month', fromDate: '2026-05-01', toDate: '2026-05-31' });
    expect(months.buckets).toHaveLength(1);
    expect(months.buckets[0]!.sum).toBeCloseTo(4.55, 10);
    expect(months.buckets[0]!.count).toBe(3);
    expect(months.buckets[0]!.mean).toBeCloseTo(4.55 / 3, 10);
    expect(months.buckets[0]!.counts).toEqual({ THREAT: 1, CONCESSION: 1, OVERTURE: 1 });

    // Ungrouping restores the figures of the two separate passages.
    expect(await w.ok('events:ungroup', { eventId: event.id })).toEqual({ eventId: event.id, annotationIds: [blog.id, paper.id] });
    const again = await w.ok('score:series', range);
    expect(again.ba.R[30]).toBeCloseTo(loose.ba.R[30]!, 12);
    expect(again.combined.A[30]).toBeCloseTo(loose.combined.A[30]!, 12);
  });

  it('re-scores at once when a grade factor or a code weight changes', async () => {
    const a = await tagIn('Wire Alpha', '2026-06-15', 'Warning issued today.', {
      codeId: code('THREAT'),
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });
    expect(a.eventId).toBeNull();
    const score = async () => (await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: 30 })).current.combined.R;
    expect(await score()).toBeCloseTo(-6, 10);
    await w.ok('outlets:grade', { outlet: 'Wire Alpha', grade: 'C' });
    expect(await score()).toBeCloseTo(-6 * 0.6, 10);
    await w.ok('reliability:set-factor', { grade: 'C', factor: 0.5 });
    expect(await score()).toBeCloseTo(-3, 10);
    await w.ok('codebook:update', { id: code('THREAT'), weight: -9 });
    expect(await score()).toBeCloseTo(-4.5, 10);
    await w.ok('outlets:grade', { outlet: 'Wire Alpha', grade: null });
    expect(await score()).toBeCloseTo(-9, 10);
    const history = (await w.ok('history:state', { limit: 5 })).recent.map((h: { label: string }) => h.label);
    expect(history.slice(0, 4)).toEqual([
      'Remove the grade of outlet “Wire Alpha”',
      'Re-weight code “Threat” to -9',
      'Set the factor of grade C to 0.5',
      'Grade outlet “Wire Alpha” C',
    ]);
    // Each is undoable, across a restart, and redoable.
    w.ctx.workspace.close();
    w = openTestWorkspace({ now: NOW, dir: w.dir });
    await w.ok('history:undo', {}); // the outlet's grade comes back
    expect(await score()).toBeCloseTo(-4.5, 10);
    await w.ok('history:undo', {}); // the weight
    expect(await score()).toBeCloseTo(-3, 10);
    await w.ok('history:undo', {}); // the factor
    expect(await score()).toBeCloseTo(-6 * 0.6, 10);
    await w.ok('history:undo', {}); // the outlet ungraded again
    expect(await score()).toBeCloseTo(-6, 10);
    expect((await w.ok('reliability:list', {})).outlets.find((o: { outlet: string }) => o.outlet === 'Wire Alpha').grade).toBeNull();
    await w.ok('history:redo', {});
    await w.ok('history:redo', {});
    expect(await score()).toBeCloseTo(-3, 10);
    await w.ok('history:redo', {});
    await w.ok('history:redo', {});
    expect(await score()).toBeCloseTo(-9, 10);
    const list = await w.ok('reliability:list', {});
    expect(list.outlets).toEqual([{ outlet: 'Wire Alpha', articleCount: 1, annotationCount: 1, grade: null, factor: 1 }]);
    expect(list.grades.find((g: { grade: string }) => g.grade === 'C')!.factor).toBe(0.5);
  });
});

describe('events and grades: bad input changes nothing, and the change log can reverse every step', () => {
  it('refuses groups that are not one event', async () => {
    const usa = rel.actorA.id;
    const ind = rel.actorB.id;
    const a = await tagIn('X', '2026-06-01', 'First report here.', { codeId: code('THREAT'), sourceActorId: usa, targetActorId: ind });
    const b = await tagIn('Y', '2026-06-02', 'Second report here.', { codeId: code('THREAT'), sourceActorId: ind, targetActorId: usa });
    const c = await tagIn('Y', '2026-06-03', 'Third report here.', { codeId: code('OVERTURE'), sourceActorId: usa, targetActorId: ind });
    await expectRefused('events:group', { annotationIds: [a.id] }, 'BAD_INPUT', /at least two/);
    await expectRefused('events:group', { annotationIds: [a.id, 9999] }, 'NOT_FOUND', /no annotation with id 9999/);
    await expectRefused('events:group', { annotationIds: [a.id, b.id] }, 'BAD_INPUT', /different directions/);
    await expectRefused('events:group', { annotationIds: [a.id, c.id] }, 'BAD_INPUT', /different codes/);
    const ev = await w.ok('events:group', { annotationIds: [a.id, c.id], codeId: code('THREAT') });
    await expectRefused('events:group', { annotationIds: [a.id, c.id], codeId: code('THREAT') }, 'CONFLICT', /Ungroup that event first/);
    await expectRefused('events:ungroup', { eventId: ev.id + 1 }, 'NOT_FOUND');
    await expectRefused('outlets:grade', { outlet: 'Nobody', grade: 'A' }, 'NOT_FOUND', /No article comes from/);
    await expectRefused('outlets:grade', { outlet: 'X', grade: 'G' }, 'BAD_INPUT');
    await expectRefused('reliability:set-factor', { grade: 'A', factor: 1.5 }, 'BAD_INPUT', /between 0 and 1/);
    await expectRefused('codebook:update', { id: code('THREAT'), weight: -11 }, 'BAD_INPUT', /between -10 and \+10/);
    await expectRefused('codebook:update', { id: 9999, weight: 1 }, 'NOT_FOUND');
  });

  it('puts grouping, ungrouping and re-weighting on the undo stack, and the stack survives a restart', async () => {
    const usa = rel.actorA.id;
    const ind = rel.actorB.id;
    const a = await tagIn('X', '2026-06-01', 'First report here.', { codeId: code('THREAT'), sourceActorId: usa, targetActorId: ind });
    const b = await tagIn('Y', '2026-06-02', 'Second report here.', { codeId: code('THREAT'), sourceActorId: usa, targetActorId: ind });
    const activity = async () => (await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: 30 })).current.combined.A;
    const eventIdOf = (id: number) =>
      (w.ctx.workspace.db.prepare('SELECT event_id AS e FROM annotations WHERE id = ?').get(id) as { e: number | null }).e;
    const twoPassages = Math.pow(2, -14 / 30) + Math.pow(2, -13 / 30); // days 1 and 2 of June, read on the 15th
    const oneEvent = Math.pow(2, -14 / 30); // the event takes the earliest date and counts once
    expect(await activity()).toBeCloseTo(twoPassages, 10);

    const ev = await w.ok('events:group', { annotationIds: [a.id, b.id] });
    expect(await activity()).toBeCloseTo(oneEvent, 10);
    let state = await w.ok('history:state', { limit: 5 });
    expect(state.nextUndo).toBe('Group 2 passages as one event');

    // Ctrl+Z: the passages are detached and the event row is gone; the score counts both again.
    const undone = await w.ok('history:undo', {});
    expect(undone.label).toBe('Group 2 passages as one event');
    expect(undone.touched).toMatchObject({ event: [ev.id] });
    expect(await eventIdOf(a.id)).toBeNull();
    expect(await eventIdOf(b.id)).toBeNull();
    expect(w.ctx.workspace.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(await activity()).toBeCloseTo(twoPassages, 10);

    // Ctrl+Shift+Z: grouped again under the same event id.
    await w.ok('history:redo', {});
    expect(await eventIdOf(a.id)).toBe(ev.id);
    expect(await eventIdOf(b.id)).toBe(ev.id);
    expect(await activity()).toBeCloseTo(oneEvent, 10);

    await w.ok('events:ungroup', { eventId: ev.id });
    await w.ok('codebook:update', { id: code('THREAT'), weight: -9 });
    expect(await activity()).toBeCloseTo(twoPassages, 10);
    expect((await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: 30 })).current.combined.R).toBeCloseTo(-9 * twoPassages, 10);

    // Restart: the stack is read back from the change log.
    w.ctx.workspace.close();
    w = openTestWorkspace({ now: NOW, dir: w.dir });
    state = await w.ok('history:state', { limit: 5 });
    expect(state.nextUndo).toBe('Re-weight code “Threat” to -9');
    expect(state.recent.slice(0, 4).map((s: { label: string }) => s.label)).toEqual([
      'Re-weight code “Threat” to -9',
      'Ungroup an event of 2 passages',
      'Group 2 passages as one event',
      'Group 2 passages as one event',
    ]);
    await w.ok('history:undo', {}); // the weight
    expect((await w.ok('score:series', { relationshipId: rel.id, halfLifeDays: 30 })).current.combined.R).toBeCloseTo(-6 * twoPassages, 10);
    await w.ok('history:undo', {}); // the ungrouping: the event comes back with its passages
    expect(await eventIdOf(a.id)).toBe(ev.id);
    expect(await eventIdOf(b.id)).toBe(ev.id);
    expect(await activity()).toBeCloseTo(oneEvent, 10);
    const evidence = await w.ok('score:evidence', { relationshipId: rel.id, date: '2026-06-15', halfLifeDays: 30 });
    expect(evidence.items).toHaveLength(1);
    expect(evidence.items[0]!.eventId).toBe(ev.id);
    const [latest] = (await w.ok('history:state', { limit: 1 })).recent;
    expect(latest).toMatchObject({ kind: 'undo', label: 'Ungroup an event of 2 passages' });
  });
});

describe('calendar buckets and marks', () => {
  it('buckets by month and week, zero-filled, and lists reciprocated threats and threshold crossings', async () => {
    const usa = rel.actorA.id;
    const ind = rel.actorB.id;
    await tagIn('X', '2026-03-02', 'Threat one made.', { codeId: code('THREAT'), sourceActorId: usa, targetActorId: ind });
    await tagIn('X', '2026-03-10', 'Threat back made.', { codeId: code('THREAT.MILITARY'), sourceActorId: ind, targetActorId: usa });
    await tagIn('X', '2026-05-20', 'Offer made today.', { codeId: code('OVERTURE'), sourceActorId: usa, targetActorId: ind });
    await tagIn('X', '2026-05-21', 'Another offer today.', { codeId: code('OVERTURE'), sourceActorId: usa, targetActorId: ind });
    const months = await w.ok('score:buckets', { relationshipId: rel.id, unit: 'month', fromDate: '2026-03-01', toDate: '2026-06-15' });
    expect(months.buckets.map((b: { start: string }) => b.start)).toEqual(['2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']);
    expect(months.buckets.map((b: { sum: number }) => b.sum)).toEqual([-13, 0, 8, 0]); // −6 + −7; none; 4 + 4; none
    expect(months.buckets.map((b: { count: number }) => b.count)).toEqual([2, 0, 2, 0]);
    expect(months.buckets.map((b: { mean: number | null }) => b.mean)).toEqual([-6.5, null, 4, null]);
    expect(months.buckets[0]!.counts).toEqual({ THREAT: 1, 'THREAT.MILITARY': 1 });
    const weeks = await w.ok('score:buckets', { relationshipId: rel.id, unit: 'week', fromDate: '2026-03-02', toDate: '2026-03-22' });
    expect(weeks.buckets.map((b: { start: string; end: string }) => `${b.start}/${b.end}`)).toEqual([
      '2026-03-02/2026-03-08', // 2 March 2026 is a Monday
      '2026-03-09/2026-03-15',
      '2026-03-16/2026-03-22',
    ]);
    expect(weeks.buckets.map((b: { sum: number }) => b.sum)).toEqual([-6, -7, 0]);

    const marks = await w.ok('score:marks', { relationshipId: rel.id, windowDays: 14, thresholds: [0] });
    expect(marks.reciprocations).toHaveLength(1);
    expect(marks.reciprocations[0]).toMatchObject({
      lagDays: 8,
      threat: { date: '2026-03-02', sourceCode: 'USA' },
      answer: { date: '2026-03-10', sourceCode: 'IND' },
    });
    expect((await w.ok('score:marks', { relationshipId: rel.id, windowDays: 7, thresholds: [0] })).reciprocations).toEqual([]);
    // M is −6 from 2 March until the overture of 20 May lifts it above 0.
    expect(marks.crossings.map((c: { date: string; way: string }) => `${c.date} ${c.way}`)).toEqual(['2026-05-20 up']);
  });
});
