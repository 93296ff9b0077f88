/**
 * The scenarios run on a worker thread, as Parley's database work does in the
 * app (main/worker): the workspace, the services and the dispatcher live
 * there, and this (main) thread only relays the log, as the app's main
 * thread only relays requests. During every scenario the main thread's
 * event-loop delay is recorded (bench/measure.ts: watchEventLoop), one row per
 * scenario. The `mainThread` scenario goes further: it drives the app's own
 * workspace worker from a thread of its own and measures that thread while
 * backups, cold score series and exports cross the channel.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { startWorkspace } from '../main/services/workspace';
import { loopDelayMetric, watchEventLoop } from './measure';
import { SCENARIOS } from './scenarios';

export interface ScenarioRecord {
  name: string;
  seconds: number;
  ok: boolean;
  error?: string;
  result: Record<string, number | string>;
}

export interface ThreadJob {
  names: string[];
  workspaceFile: string;
  articles: number;
  quick: boolean;
  heavyArticleId?: number;
  resultsDir: string;
}

type FromThread = { type: 'log'; line: string } | { type: 'begin'; name: string } | { type: 'end'; record: ScenarioRecord };

/** Main thread: runs the scenarios on a worker thread (this same bundle) and adds each one's main-thread loop delay. */
export function runScenariosInThread(job: ThreadJob, log: (line: string) => void): Promise<ScenarioRecord[]> {
  const worker = new Worker(__filename, { workerData: job });
  const records: ScenarioRecord[] = [];
  let watch: ReturnType<typeof watchEventLoop> | null = null;
  return new Promise((resolve, reject) => {
    worker.on('message', (msg: FromThread) => {
      if (msg.type === 'log') log(msg.line);
      else if (msg.type === 'begin') watch = watchEventLoop();
      else {
        const delay = watch?.stop();
        watch = null;
        if (delay) {
          msg.record.result = {
            ...msg.record.result,
            ...loopDelayMetric('main thread event-loop delay', delay, 'while this scenario ran on the database thread'),
          };
        }
        records.push(msg.record);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve(records) : reject(new Error(`the scenario thread exited with code ${code}`))));
  });
}

/** Worker side: opens the working copy and runs each scenario in turn. */
async function runHere(port: NonNullable<typeof parentPort>, job: ThreadJob): Promise<void> {
  const post = (msg: FromThread) => port.postMessage(msg);
  const log = (line: string) => post({ type: 'log', line });
  // No single-instance lock: the cold-start scenario opens this copy in a server process of its own.
  const ctx = startWorkspace(job.workspaceFile, { sampleFile: null, noLock: true });
  try {
    for (const entry of SCENARIOS.filter((s) => job.names.includes(s.name))) {
      log(`\n▶ ${entry.name}`);
      post({ type: 'begin', name: entry.name });
      const t = performance.now();
      let record: ScenarioRecord;
      try {
        const scenario = await entry.load();
        const result = await scenario.run(ctx, {
          log,
          articles: job.articles,
          workspaceFile: job.workspaceFile,
          quick: job.quick,
          heavyArticleId: job.heavyArticleId,
          resultsDir: job.resultsDir,
        });
        record = { name: entry.name, seconds: (performance.now() - t) / 1000, ok: true, result };
      } catch (err) {
        log(`  FAILED: ${(err as Error).stack ?? String(err)}`);
        record = { name: entry.name, seconds: (performance.now() - t) / 1000, ok: false, error: (err as Error).message, result: {} };
      }
      post({ type: 'end', record });
    }
  } finally {
    ctx.workspace.close();
  }
}

/** True (and the scenarios started) when this bundle was loaded as the scenario thread. */
export function startIfScenarioThread(): boolean {
  if (!parentPort) return false;
  const port = parentPort;
  runHere(port, workerData as ThreadJob).catch((err: unknown) => {
    port.postMessage({ type: 'log', line: `bench thread: ${(err as Error).stack ?? String(err)}` } satisfies FromThread);
    process.exitCode = 1;
  });
  return true;
}
