import { afterEach, expect, it } from 'vitest';
import { run } from '../../bench/scenarios/score';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let w: TestWorkspace;
afterEach(() => w.close());

// The benchmark's score scenario on a tiny workspace: it runs, leaves the workspace as it found it,
// and the incremental update matches the full recompute.
it('the score bench scenario runs on a small workspace and reports its figures', async () => {
  w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
  const rel = (await w.ok('relationships:list', {}))[0]!;
  const threat = (await w.ok('codebook:list', {})).find((c: { key: string }) => c.key === 'THREAT')!.id;
  for (const [i, date] of ['2026-05-01', '2026-06-01'].entries()) {
    const text = `Dispatch ${i}: the envoy warned that talks would stop unless the tariffs were lifted soon.`;
    const a = await w.ok('articles:create', { title: `D${i}`, publishedOn: date, relationshipId: rel.id, text });
    await w.ok('annotations:create', {
      articleId: a.id,
      start: 0,
      end: 10,
      codeId: threat,
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });
  }
  const counts = await w.ok('workspace:info', {});
  const lines: string[] = [];
  const result = await run(w.ctx, { log: (l) => lines.push(l), quick: true, chart: false });
  expect(result['score incremental vs full recompute, max |difference|']).toBeLessThan(1e-9);
  expect(result['score series, cold (cache cleared).median']).toBeGreaterThan(0);
  expect(result['score after tagging one passage.pass']).toMatch(/pass|miss/);
  expect(lines.join('\n')).toMatch(/United States – India: 2 annotations/);
  expect((await w.ok('workspace:info', {})).annotationCount).toBe(counts.annotationCount);
});
