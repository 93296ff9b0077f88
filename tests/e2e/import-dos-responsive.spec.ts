/**
 * Issue 7, denial of service: a 50 MB page, a page of 100,000 nested elements
 * and a zip bomb renamed .docx, each imported through browser mode in real
 * Chromium, are refused within a stated time while the app keeps working —
 * a cheap API call is polled from outside throughout and the renderer's main
 * thread is watched. The files are made at run time.
 *
 * Asserted: the refusal time (a functional cut-off, 10 s) and the bounds that
 * tell a frozen app from a working one on a loaded 2-core machine (the server
 * answers within 2 s, no renderer task of 500 ms or more). The responsiveness
 * targets (server within 250 ms, no renderer task over 50 ms) are measured and
 * recorded, not asserted: they are judged in `npm run bench` (importUi) and
 * reported in docs/reliability.md (`npm run reliability`, from
 * .cache/reliability/import-dos-responsive.json and import-first-read.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { callBrowserServer } from '../support/remote';
import type { Page } from '@playwright/test';
import {
  expect,
  filesToDrop,
  longestTaskMs,
  pollServer,
  test,
  waitInPage,
  watchMainThread,
  type MainThreadFigures,
  type Workbench,
} from './fixtures';

/** Refused within this long from the drop to the reason on screen (asserted). */
const REFUSED_WITHIN_MS = 10_000;
/** A frozen app, not a slow one: the server takes this long to answer a cheap call (asserted). */
const FROZEN_SERVER_MS = 2_000;
/** A frozen app, not a slow one: a renderer task this long (asserted). */
const FROZEN_RENDERER_TASK_MS = 500;
/** The responsiveness targets, measured and reported (docs/reliability.md), not asserted. */
const TARGET_SERVER_ANSWERS_WITHIN_MS = 250;
const TARGET_RENDERER_TASK_MS = 50;

const RELIABILITY = fileURLToPath(new URL('../../.cache/reliability/', import.meta.url));

interface Hostile {
  key: string;
  label: string;
  file: string;
  make(file: string): void;
  reason: RegExp;
  /** A responsiveness target this input is known to miss, and why: reported in docs/reliability.md. */
  knownMiss?: string;
}

const HOSTILE: Hostile[] = [
  {
    key: 'hugePage',
    label: 'a 50 MB page',
    file: 'huge-page.html',
    make: (file) => {
      const paragraph = `<p>${'The delegations met again and spoke at length about the border. '.repeat(16)}</p>\n`;
      const fd = fs.openSync(file, 'w');
      fs.writeSync(fd, '<!DOCTYPE html><html><head><title>Huge</title></head><body><article>');
      const chunk = paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length));
      for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
      fs.writeSync(fd, '</article></body></html>');
      fs.closeSync(fd);
    },
    reason: /This file is 50\.0 MB; Parley imports files of up to 16\.0 MB/,
  },
  {
    key: 'nestedElements',
    label: 'a page of 100,000 nested elements',
    file: 'deep-page.html',
    make: (file) =>
      fs.writeFileSync(
        file,
        `<!DOCTYPE html><html><head><title>Deep</title></head><body>${'<div>'.repeat(100_000)}<p>${'The envoy spoke. '.repeat(40)}</p>${'</div>'.repeat(100_000)}</body></html>`,
      ),
    reason: /nests its elements 100,00\d deep/,
    knownMiss:
      'the page is uploaded as one base64 JSON body that fetch encodes and copies on the interface thread (about 20 ms ' +
      'of CPU, 78–113 ms of wall time when the two cores are shared); uploading raw bytes would remove it. (The nesting ' +
      'scan itself now runs in the reader worker, off the server’s main thread.)',
  },
  {
    key: 'zipBomb',
    label: 'a zip bomb renamed .docx (128 MB of zeros)',
    file: 'grain-corridor.docx',
    make: (file) =>
      fs.writeFileSync(
        file,
        zipSync(
          { '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': new Uint8Array(128 * 1024 * 1024) },
          { level: 9 },
        ),
      ),
    reason: /would unpack to more than 100 MB/,
  },
];

interface Measured {
  /** From the drop to `done` matching the dialog's text. */
  ms: number;
  latencies: number[];
  main: MainThreadFigures;
}

/**
 * Drops `file` on the window and waits until the import dialog's text in `where` matches `done`,
 * while a cheap API call (workspace:info) is polled one after another from outside the page and
 * the renderer's main thread is watched.
 */
async function importWhileWatching(page: Page, workbench: Workbench, file: string, where: string, done: RegExp): Promise<Measured> {
  const drop = await filesToDrop(page, [file]);
  const poll = pollServer(workbench.url);
  try {
    const watch = await watchMainThread(page);
    const started = performance.now();
    await drop();
    await waitInPage(page, where, done, 120_000, 100);
    const ms = Math.round(performance.now() - started);
    const main = await watch.stop();
    return { ms, latencies: await poll.stop(), main };
  } finally {
    await poll.stop().catch(() => {});
  }
}

/** The bounds that tell a frozen app from a working one, asserted (the server's bound can be given: see the first import). */
function expectNotFrozen(label: string, m: Measured, serverMs = FROZEN_SERVER_MS): void {
  expect(worst(m.latencies), `${label}: worst API latency (a frozen server at ${serverMs} ms)`).toBeLessThan(serverMs);
  expect(longestTaskMs(m.main), `${label}: longest renderer task (a frozen page at ${FROZEN_RENDERER_TASK_MS} ms)`).toBeLessThan(
    FROZEN_RENDERER_TASK_MS,
  );
}

const worst = (xs: number[]) => Math.round(Math.max(...xs));
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);

function ordinaryPage(dir: string): string {
  const file = path.join(dir, 'ordinary.html');
  fs.writeFileSync(
    file,
    `<!DOCTYPE html><html><head><title>Talks resume</title><meta property="article:published_time" content="2026-01-05"></head><body><article><h1>Talks resume</h1><p>${'The delegations met again in Kessen. '.repeat(30)}</p></article></body></html>`,
  );
  return file;
}

test('the first import of a session keeps the server and the page working while the readers load (their stall measured)', async ({
  page,
  workbench,
}) => {
  // The first import starts the reader worker, which loads the document readers (jsdom, pdf.js,
  // mammoth…): seconds of CPU that, on the server's main thread, stopped it answering for 0.9–2.1 s
  // before they moved to a worker. The server is now held to the common frozen-app bound; the
  // 250 ms target is measured and reported (docs/reliability.md).
  await page.goto(workbench.url);
  await expect(page.getByText('No articles yet.')).toBeVisible();
  const m = await importWhileWatching(page, workbench, ordinaryPage(workbench.dir), '.import-dialog', /Save 1 article/);
  const figures = {
    readMs: m.ms,
    apiCalls: m.latencies.length,
    worstApiLatencyMs: worst(m.latencies),
    medianApiLatencyMs: median(m.latencies),
    rendererTasksOver50Ms: m.main.longTasks.length,
    longestRendererTaskMs: longestTaskMs(m.main),
    targetServerAnswersWithinMs: TARGET_SERVER_ANSWERS_WITHIN_MS,
    assertedServerMs: FROZEN_SERVER_MS,
  };
  const line =
    `first import of the session (one ordinary page): read in ${figures.readMs} ms; workspace:info answered ${figures.apiCalls} times meanwhile, ` +
    `worst ${figures.worstApiLatencyMs} ms (median ${figures.medianApiLatencyMs} ms); renderer tasks over 50 ms: ${figures.rendererTasksOver50Ms}`;
  console.log(line);
  test.info().annotations.push({ type: 'first import: worst API latency while the readers load', description: line });
  fs.mkdirSync(RELIABILITY, { recursive: true });
  fs.writeFileSync(
    path.join(RELIABILITY, 'import-first-read.json'),
    JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2),
  );
  expectNotFrozen('first import', m, FROZEN_SERVER_MS);
});

test('hostile files are refused within 10 s and the app keeps working meanwhile (responsiveness figures recorded)', async ({
  page,
  workbench,
}) => {
  test.setTimeout(240_000);
  await page.goto(workbench.url);
  await expect(page.getByText('No articles yet.')).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  // The session's first import starts the reader worker (measured in the test above); an ordinary
  // page is imported first so that what follows measures the hostile files alone.
  await importWhileWatching(page, workbench, ordinaryPage(workbench.dir), '.import-dialog', /Save 1 article/);
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();

  const figures: Record<string, unknown> = {
    refusedWithinMs: REFUSED_WITHIN_MS,
    serverAnswersWithinMs: TARGET_SERVER_ANSWERS_WITHIN_MS,
    rendererTaskTargetMs: TARGET_RENDERER_TASK_MS,
    frozenServerMs: FROZEN_SERVER_MS,
    frozenRendererTaskMs: FROZEN_RENDERER_TASK_MS,
  };
  for (const h of HOSTILE) {
    const file = path.join(workbench.dir, h.file);
    h.make(file);
    const m = await importWhileWatching(page, workbench, file, '.import-dialog .not-imported', h.reason);
    const f = {
      label: h.label,
      fileBytes: fs.statSync(file).size,
      refusedInMs: m.ms,
      apiCalls: m.latencies.length,
      worstApiLatencyMs: worst(m.latencies),
      medianApiLatencyMs: median(m.latencies),
      rendererTasksOver50Ms: m.main.longTasks.length,
      longestRendererTaskMs: longestTaskMs(m.main),
      worstTimerLateMs: m.main.worstTimerLateMs,
      knownMiss: h.knownMiss ?? null,
    };
    figures[h.key] = f;
    // Recorded before anything is asserted, so a failing run still reports what it measured.
    fs.mkdirSync(RELIABILITY, { recursive: true });
    fs.writeFileSync(
      path.join(RELIABILITY, 'import-dos-responsive.json'),
      JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2),
    );
    const line =
      `${h.label}: refused in ${f.refusedInMs} ms; workspace:info answered ${f.apiCalls} times meanwhile, worst ${f.worstApiLatencyMs} ms ` +
      `(median ${f.medianApiLatencyMs} ms); renderer tasks over 50 ms: ${f.rendererTasksOver50Ms} (longest ${f.longestRendererTaskMs} ms); ` +
      `longest block seen by a 10 ms timer ${f.worstTimerLateMs} ms`;
    console.log(line);
    test.info().annotations.push({ type: `figures: ${h.label}`, description: line });

    await expect(dialog.locator(`li[data-file="${h.file}"]`)).toContainText(h.reason);
    await expect(dialog.getByText('No file in this import can be saved.')).toBeVisible();
    if (h.key === 'zipBomb') await page.screenshot({ path: '.cache/screens/import-zip-bomb-refused.png' });
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog).toBeHidden();
    expect(f.refusedInMs, `${h.label}: time to refusal`).toBeLessThan(REFUSED_WITHIN_MS);
    expectNotFrozen(h.label, m);
    fs.rmSync(file);
  }

  // Parley is still usable afterwards: the server answers and nothing was saved.
  expect(await callBrowserServer(workbench.url, 'workspace:info')).toMatchObject({ articleCount: 0 });
});
