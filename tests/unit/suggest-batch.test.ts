import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchFinished } from '../../main/services/suggest/batch';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

// Written for this test: two suggestible sentences and one that is not.
const PARAGRAPH =
  'Washington threatened to impose new tariffs on India if the duties stayed. ' +
  'India offered to hold trade talks with the United States next month. ' +
  'The weather in Delhi was mild for the season.';

let w: TestWorkspace;
beforeEach(() => {
  w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
});
afterEach(() => w.close());

const create = async (n: number, paragraphs: number) => {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const text = Array.from({ length: paragraphs }, (_, p) => `${PARAGRAPH} (${i}.${p})`).join('\n\n');
    ids.push((await w.ok('articles:create', { title: `Dispatch ${i}`, publishedOn: '2026-06-01', text })).id);
  }
  return ids;
};

describe('the batch of suggestions as a server job', () => {
  it('reads every article with progress, skips one deleted meanwhile, and gives the suggestions best first once done', async () => {
    const ids = await create(3, 1);
    const [first, deleted, third] = ids as [number, number, number];
    await w.ok('articles:delete', { id: deleted });
    const started = await w.ok('suggestions:batch-start', { articleIds: ids });
    expect(started).toMatchObject({ total: 3 });
    const end = await batchFinished(w.ctx, started.jobId);
    expect(end).toMatchObject({ phase: 'done', done: 3, total: 3, articles: 2, missing: 1, found: 4 });
    const status = await w.ok('suggestions:batch-status', { jobId: started.jobId });
    const items = status.items ?? [];
    expect(items).toHaveLength(4);
    const conf = items.map((s) => s.confidence);
    expect(conf).toEqual([...conf].sort((a, b) => b - a));
    expect(new Set(items.map((s) => s.articleId))).toEqual(new Set([first, third]));
  });

  it('stops at once on cancel, keeping what it found, while a long batch is still running', async () => {
    const ids = await create(80, 12);
    const started = await w.ok('suggestions:batch-start', { articleIds: ids });
    const running = await w.ok('suggestions:batch-status', { jobId: started.jobId });
    expect(running.phase).toBe('running');
    expect(running.items).toBeNull();
    const cancelled = await w.ok('suggestions:batch-cancel', { jobId: started.jobId });
    expect(cancelled.phase).toBe('cancelled');
    const end = await batchFinished(w.ctx, started.jobId);
    // Not one article more after the cancel.
    expect(end.done).toBe(cancelled.done);
    expect(end.done).toBeLessThan(80);
    expect(end.items).toHaveLength(end.found);
  });

  it('refuses an unknown job with a clear error', async () => {
    const r = await w.call('suggestions:batch-status', { jobId: 'no-such-job' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
  });
});
