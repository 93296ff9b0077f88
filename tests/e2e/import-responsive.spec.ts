/**
 * Issue 5: a long import runs off the interface thread, and the interface stays usable throughout:
 * progress with the count, the current file and the time left; the review table answers; every
 * article reaches the library. Real Chromium, real files written at run time, browser mode.
 *
 * The speed target ("no task over 50 ms on the renderer thread") is judged in the benchmark
 * (`npm run bench`, scenario importUi), not here: on a 2-core machine running two test workers a
 * timing assertion fails on the other worker's load. This test measures the same figures while it
 * runs, prints them, attaches them to its result and records them for docs/reliability.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callBrowserServer } from '../support/remote';
import { expect, filesToDrop, longestTaskMs, test, waitInPage, watchMainThread } from './fixtures';

const PAGES = 400;

function writePages(dir: string): string {
  const folder = path.join(dir, 'wire');
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 0; i < PAGES; i++) {
    const body = Array.from(
      { length: 6 },
      (_, p) =>
        `<p>Report ${i}, paragraph ${p}: delegations from Valdoria and Estmark met to discuss item ${i * 7 + p} of the agenda and the border.</p>`,
    ).join('');
    const day = String((i % 28) + 1).padStart(2, '0');
    fs.writeFileSync(
      path.join(folder, `report-${String(i).padStart(5, '0')}.html`),
      `<!DOCTYPE html><html><head><title>Report ${i}</title><meta property="og:site_name" content="Wire"><meta property="article:published_time" content="2026-01-${day}"></head><body><nav><a href="/">Home</a></nav><article><h1>Report ${i}</h1>${body}</article></body></html>`,
    );
  }
  return folder;
}

test('importing 400 pages: progress with count, file and time left, a usable review table, every article in the library (renderer figures recorded)', async ({
  page,
  workbench,
}) => {
  test.setTimeout(240_000);
  const folder = writePages(workbench.dir);
  await page.goto(workbench.url);
  await expect(page.getByText('No articles yet.')).toBeVisible();
  const drop = await filesToDrop(page, folder);
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  const count = PAGES.toLocaleString('en');

  const watch = await watchMainThread(page);
  const started = Date.now();
  await drop();
  // Progress: the count, the file being read and the time left (checked in the page every 250 ms, see waitInPage).
  await waitInPage(
    page,
    '.import-dialog',
    new RegExp(`Reading [1-9][\\d,]* of ${count} · wire/report-\\d+\\.html · about \\d+ (s|min) left`),
    120_000,
  );
  await page.screenshot({ path: '.cache/screens/import-progress.png' });
  await waitInPage(page, '.import-dialog', new RegExp(`Save ${count} articles`), 180_000);
  const read = Date.now();

  // The review table answers: 25 rows, then 25 more; a title corrected before saving is the one saved.
  const table = dialog.getByRole('table', { name: 'Articles to import' });
  await expect(table.locator('tbody tr')).toHaveCount(25);
  await dialog.getByRole('button', { name: 'Show more' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(50);
  // A row shown by "Show more" (the 30th) is corrected.
  const title = table
    .locator('tbody tr')
    .nth(29)
    .getByLabel(/^Title of wire\/report-\d+\.html$/);
  const original = await title.inputValue();
  expect(original).toMatch(/^Report \d+$/);
  const corrected = `${original}, corrected before saving`;
  await title.fill(corrected);
  await dialog.getByRole('button', { name: `Save ${count} articles` }).click();
  await waitInPage(page, '.import-dialog', new RegExp(`${count} articles imported; 0 files not imported\\.`), 120_000);
  await waitInPage(page, `.library li[aria-setsize="${PAGES}"]`, null, 60_000);
  await waitInPage(page, '.message.info', new RegExp(`^Imported ${count} articles\\.$`), 60_000);
  const shown = Date.now();
  const figures = await watch.stop();

  // Every article is in the library, the corrected one under its new title.
  const { items, total } = (await callBrowserServer(workbench.url, 'articles:list', { limit: 500, offset: 0 })) as {
    items: { title: string }[];
    total: number;
  };
  expect(total).toBe(PAGES);
  const expected = Array.from({ length: PAGES }, (_, i) => (`Report ${i}` === original ? corrected : `Report ${i}`));
  expect(items.map((a) => a.title).sort()).toEqual(expected.sort());
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(PAGES));
  await library.getByRole('listitem').first().getByRole('button').first().click();
  await expect(page.getByRole('document', { name: 'Article text' })).toContainText(/Report \d+, paragraph 0: delegations from Valdoria/);

  // The renderer figures: printed, attached and recorded; the 50 ms target is judged in npm run bench (importUi).
  const recorded = {
    pages: PAGES,
    readSeconds: (read - started) / 1000,
    savedAndShownSeconds: (shown - read) / 1000,
    rendererTasksOver50Ms: figures.longTasks.length,
    longestRendererTaskMs: longestTaskMs(figures),
    worstTimerLateMs: figures.worstTimerLateMs,
    workers: test.info().config.workers,
    recordedAt: new Date().toISOString(),
  };
  const line =
    `import of ${count} pages through browser mode: read in ${recorded.readSeconds.toFixed(1)} s, saved and shown in ${recorded.savedAndShownSeconds.toFixed(1)} s; ` +
    `renderer tasks over 50 ms: ${recorded.rendererTasksOver50Ms} (longest ${recorded.longestRendererTaskMs} ms); longest block seen by a 10 ms timer: ${recorded.worstTimerLateMs} ms`;
  console.log(line);
  test.info().annotations.push({ type: 'renderer figures (target judged in npm run bench, importUi)', description: line });
  const reliability = fileURLToPath(new URL('../../.cache/reliability/', import.meta.url));
  fs.mkdirSync(reliability, { recursive: true });
  fs.writeFileSync(path.join(reliability, 'import-responsive.json'), JSON.stringify(recorded, null, 2));
});
