/**
 * Cold start of browser mode: from spawning `node dist/main/server.cjs` on the
 * generated workspace to the library's first article visible in Chromium
 * (already running, as an analyst's browser would be). Then, with the
 * workspace open and the heaviest reads done (busiest series, the most-tagged
 * article, a full library page), the peak resident memory of the server
 * process (VmHWM), the browser-mode counterpart of Electron's main process.
 * The OS file cache is warm: the process is cold, the disk is not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { listRelationships } from '../../main/db/actors';
import type { AppContext } from '../../main/services/context';
import { metric, reps, summarize } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';
import { callBrowserServer as call } from '../../tests/support/remote';
import { CHROMIUM_LAUNCH } from '../../tests/support/chromium';

const START_TARGET_MS = 2000;
const MEMORY_TARGET_MB = 400;

function serverScript(): string {
  // The bench bundle lives in dist-bench/, the app's server in dist/main/.
  const file = path.resolve(__dirname, '..', 'dist', 'main', 'server.cjs');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return file;
}

/** Starts browser mode on `workspace` (created when missing), without the sample articles; `url` resolves to the address it prints. */
export function startServer(workspace: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [serverScript(), '--workspace', workspace, '--port', '0', '--no-sample'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Parley browser mode: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  return { child, url };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Debian's Chromium, as the end-to-end tests run it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

/** Peak and current resident set of a process, in MB, from /proc. */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

async function oneStart(
  browser: Browser,
  workspace: string,
  heavyReads: ((address: string) => Promise<void>) | null,
  screenshot: string | null = null,
) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const t0 = performance.now();
  const { child, url } = startServer(workspace);
  try {
    const address = await url;
    const serverReadyMs = performance.now() - t0;
    await page.goto(address);
    await page.locator('.article-list .article-item').first().waitFor({ state: 'visible', timeout: 60_000 });
    const shownMs = performance.now() - t0;
    if (screenshot) await page.screenshot({ path: screenshot });
    if (heavyReads) await heavyReads(address);
    return { serverReadyMs, shownMs, ...memoryOf(child.pid!) };
  } finally {
    await context.close();
    await stopServer(child);
  }
}

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const { db } = ctx.workspace;
  const countOf = db.prepare(
    `SELECT count(*) AS n FROM annotations WHERE (source_actor_id = @a AND target_actor_id = @b) OR (source_actor_id = @b AND target_actor_id = @a)`,
  );
  const busiest = listRelationships(db)
    .map((r) => ({ id: r.id, n: (countOf.get({ a: r.actorA.id, b: r.actorB.id }) as { n: number }).n }))
    .sort((x, y) => y.n - x.n)[0];
  // The heaviest reads of an analyst's session: a full library page, the busiest relationship's series, the most-tagged article.
  const heavyReads = async (address: string) => {
    await call(address, 'articles:list', { limit: 500, offset: 0 });
    if (busiest) await call(address, 'score:series', { relationshipId: busiest.id });
    if (opts.heavyArticleId) {
      await call(address, 'articles:get', { id: opts.heavyArticleId });
      await call(address, 'annotations:list', { articleId: opts.heavyArticleId });
    }
  };
  const browser = await launchChromium();
  const starts: Awaited<ReturnType<typeof oneStart>>[] = [];
  let session: Awaited<ReturnType<typeof oneStart>>;
  try {
    for (let i = 0; i < reps(opts.quick, 5, 2); i++) {
      const shot = i === 0 && opts.resultsDir ? path.join(opts.resultsDir, 'library-shown.png') : null;
      const r = await oneStart(browser, opts.workspaceFile, null, shot);
      opts.log(
        `  start ${i + 1}: server ready ${r.serverReadyMs.toFixed(0)} ms, library shown ${r.shownMs.toFixed(0)} ms, RSS peak ${r.peakMb.toFixed(0)} MB`,
      );
      starts.push(r);
    }
    session = await oneStart(browser, opts.workspaceFile, heavyReads);
    opts.log(`  after the heavy reads: peak RSS ${session.peakMb.toFixed(0)} MB, now ${session.rssMb.toFixed(0)} MB`);
  } finally {
    await browser.close();
  }
  const shown = summarize(starts.map((r) => r.shownMs));
  const ready = summarize(starts.map((r) => r.serverReadyMs));
  const atStart = summarize(starts.map((r) => r.peakMb));
  return {
    ...metric('cold start to library shown (browser mode)', shown, {
      unit: 'ms',
      target: `≤ ${START_TARGET_MS} ms`,
      pass: shown.median <= START_TARGET_MS,
      note: 'spawn of the server to the first article visible; Chromium already running; OS file cache warm',
    }),
    ...metric('server ready (spawn to listening)', ready, { unit: 'ms' }),
    ...metric('peak memory of the main (server) process, library shown', atStart, {
      unit: 'MB',
      target: `≤ ${MEMORY_TARGET_MB} MB`,
      pass: atStart.p95 <= MEMORY_TARGET_MB,
    }),
    ...metric(
      'peak memory of the main (server) process, after the heaviest reads',
      { median: session.peakMb, p95: session.peakMb, runs: 1 },
      {
        unit: 'MB',
        target: `≤ ${MEMORY_TARGET_MB} MB`,
        pass: session.peakMb <= MEMORY_TARGET_MB,
        note: `VmHWM after a 500-article page, the busiest series (${busiest?.n ?? 0} annotations) and the most-tagged article`,
      },
    ),
  };
}
