/**
 * The main thread never stalls (issue 20): the app's own workspace worker
 * (dist/main/workspaceWorker.cjs, main/worker) opened on the working copy, and
 * this thread in the place of the app's main thread, which only forwards
 * requests and receives answers. While the heaviest requests run and their
 * answers cross the channel — every relationship's score series cold, a backup
 * of the whole workspace, large exports, a merge, searches and list pages —
 * this thread's event-loop delay is recorded, one row per kind of request.
 * An idle row first gives the machine's own floor (other processes on shared cores).
 */
import path from 'node:path';
import { createDispatch } from '../../main/api/dispatch';
import type { AppContext } from '../../main/services/context';
import { clearScoreCache } from '../../main/services/scoreCache';
import { startWorkspaceHost } from '../../main/worker/host';
import { loopDelayMetric, watchEventLoop } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const QUERIES = ['minister', 'talks', 'sanctions', 'border', 'trade agreement', 'dispatch', 'visit', 'warning'];

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  // The bundle runs from dist-bench/; the app's worker is built into dist/main/.
  const script = path.resolve(__dirname, '..', 'dist', 'main', 'workspaceWorker.cjs');
  const host = await startWorkspaceHost({ file: opts.workspaceFile, sampleFile: null, dailyBackups: false, script });
  const call = async (op: string, input: unknown = {}): Promise<unknown> => {
    const answer = await host.dispatch(op, input);
    if (!answer.ok) throw new Error(`${op} failed: ${answer.error.message}`);
    return answer.value;
  };
  let out: ScenarioResult = {};
  const step = async (name: string, what: string, work: () => Promise<string>): Promise<void> => {
    const watch = watchEventLoop();
    const t = performance.now();
    const said = await work();
    const delay = watch.stop();
    const seconds = (performance.now() - t) / 1000;
    opts.log(`  ${name}: ${said} in ${seconds.toFixed(2)} s; main thread p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms, busy ${(delay.busy * 100).toFixed(1)} %`);
    out = {
      ...out,
      ...loopDelayMetric(`main thread during ${name}`, delay, `${what}; ${said} in ${seconds.toFixed(2)} s`),
      [`${name} seconds`]: Number(seconds.toFixed(2)),
    };
  };
  try {
    await step('nothing (floor)', 'idle for 2 s: the machine’s own noise', async () => {
      await new Promise((r) => setTimeout(r, 2000));
      return 'idle';
    });
    const relationships = (await call('relationships:list')) as { id: number; label: string }[];
    const counts = new Map<number, number>();
    await step('cold score series', 'the first score:series of every relationship after the worker started (no cache)', async () => {
      let tags = 0;
      for (const r of relationships) {
        const n = ((await call('score:series', { relationshipId: r.id })) as { annotationCount: number }).annotationCount;
        tags += n;
        counts.set(r.id, n);
      }
      return `${relationships.length} series over ${tags.toLocaleString('en')} annotations`;
    });
    await step('backup', 'backup:create: SQLite online backup of the whole workspace, checked', async () => {
      const b = (await call('backup:create')) as { sizeBytes: number };
      return `${(b.sizeBytes / 1024 ** 2).toFixed(0)} MB written`;
    });
    const busiest = [...relationships].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0];
    if (!busiest) throw new Error('the workspace has no relationship');
    // Exports and the merge take browser mode's path: JSON bytes in and out, parsed and encoded in the worker.
    const http = async (op: string, input: unknown): Promise<Uint8Array> => {
      const answer = await host.dispatchJson(op, Buffer.from(JSON.stringify(input)));
      if (answer.status !== 200) throw new Error(`${op} answered ${answer.status}`);
      return answer.json;
    };
    const few = ((await call('articles:list', { limit: 100, offset: 0 })) as { items: { id: number }[] }).items.map((a) => a.id);
    const jsonld = (
      (await call('export:file', { relationshipId: busiest.id, format: 'annotations-jsonld', articleIds: few })) as { content: string }
    ).content;
    // The page's own work (reading the file, base64, the request body) is done before the watch starts.
    const upload = Buffer.from(
      JSON.stringify({ fileName: 'bench.jsonld', contentBase64: Buffer.from(jsonld).toString('base64'), analyst: 'Bench' }),
    );
    await step(
      'exports',
      'export:file of the busiest relationship’s passages (default period) as CSV and as JSON-LD, as browser mode asks: JSON bytes back',
      async () => {
        const all = { relationshipId: busiest.id };
        const csv = await http('export:file', { ...all, format: 'quotes-csv' });
        const ld = await http('export:file', { ...all, format: 'annotations-jsonld', articleIds: few });
        return `${(csv.length / 1024 ** 2).toFixed(1)} MB of CSV, ${(ld.length / 1024 ** 2).toFixed(1)} MB of JSON-LD (as JSON)`;
      },
    );
    await step(
      'merge',
      'export:import of that JSON-LD as browser mode sends it (what is already there is recognised, nothing doubles)',
      async () => {
        const answer = await host.dispatchJson('export:import', upload);
        const text = Buffer.from(answer.json).toString('utf8');
        if (answer.status !== 200 || !text.startsWith('{"ok":true')) throw new Error(`export:import failed: ${text.slice(0, 300)}`);
        return `${(upload.length / 1024 ** 2).toFixed(1)} MB uploaded, merged: ${text.slice(0, 120)}`;
      },
    );
    await step('search and list pages', 'search:query for 8 words and articles:list pages at 5 offsets, 3 rounds', async () => {
      for (let round = 0; round < 3; round++) {
        for (const text of QUERIES) await call('search:query', { text });
        for (const offset of [0, 0.25, 0.5, 0.75, 0.99])
          await call('articles:list', { limit: 100, offset: Math.floor(offset * Math.max(0, opts.articles - 100)) });
      }
      return `${3 * QUERIES.length} searches, 15 pages`;
    });
    // For comparison, the way it was before: the same cold series run on this thread (the bench's own connection).
    const inThread = createDispatch(ctx, opts.log);
    clearScoreCache(ctx.workspace.db);
    await step(
      'cold score series in-thread (before)',
      'for comparison: the same cold series through a dispatcher on this very thread, as before the worker',
      async () => {
        for (const r of relationships) {
          const answer = await inThread('score:series', { relationshipId: r.id });
          if (!answer.ok) throw new Error(`score:series failed: ${answer.error.message}`);
        }
        return `${relationships.length} series`;
      },
    );
  } finally {
    await host.close();
  }
  return out;
}
