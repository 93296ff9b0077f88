import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const FIXTURES = fileURLToPath(new URL('../fixtures/import', import.meta.url));

const GOOD: Record<string, string> = {
  'kessen-herald-ceasefire.html': 'Valdoria offers ceasefire line talks as Estmark moves troops',
  'estmark-daily-tariffs.htm': 'Estmark lifts tariffs on Valdorian timber',
  'grain-corridor.docx': 'Grain corridor extended for another season',
  'harbour-talks.odt': 'Harbour talks resume after two-year pause',
  'border-commission.pdf': 'Border commission meets without a breakthrough',
  'fisheries-note.rtf': 'Fisheries note proposes shared patrols',
  'ambassador-recall.eml': 'Clipping: Estmark recalls its ambassador for consultations',
  'latin1-dispatch.txt': 'Ministers meet in Kessen',
  'analyst-notes.md': 'Pilotage fees: where the talks stand',
};
const BAD: Record<string, RegExp> = {
  'image-only.pdf': /only images \(probably a scan\)/,
  'encrypted.pdf': /protected with a password/,
  'truncated.pdf': /damaged or incomplete/,
  'renamed-zip.docx': /zip archive, not a Word document/,
  'damaged.docx': /damaged archive/,
  'empty.txt': /This file is empty/,
  'noise.txt': /not readable text/,
  'photo.png': /cannot import \.png files/,
};

/** A folder as an analyst would have it: the fixtures plus a few hundred saved pages, so the import takes a while. */
function makeFolder(dir: string): string {
  const folder = path.join(dir, 'clippings');
  fs.mkdirSync(path.join(folder, 'wire'), { recursive: true });
  for (const name of [...Object.keys(GOOD), ...Object.keys(BAD)]) fs.copyFileSync(path.join(FIXTURES, name), path.join(folder, name));
  for (let i = 0; i < 300; i++) {
    const body = Array.from(
      { length: 5 },
      (_, p) =>
        `<p>Wire report ${i}, paragraph ${p}: delegations from Valdoria and Estmark met again to discuss item ${i * 7 + p} of the agenda.</p>`,
    ).join('');
    fs.writeFileSync(
      path.join(folder, 'wire', `wire-${String(i).padStart(3, '0')}.html`),
      `<!DOCTYPE html><html><head><title>Wire report ${i}</title><meta property="og:site_name" content="Wire"><meta property="article:published_time" content="2026-01-${String((i % 28) + 1).padStart(2, '0')}"></head><body><nav><a href="/">Home</a></nav><article><h1>Wire report ${i}</h1>${body}</article><script>track()</script></body></html>`,
    );
  }
  return folder;
}

test('an analyst imports a folder of mixed files, corrects a date, and finds the good ones in the library and the bad ones explained', async ({
  page,
  workbench,
}) => {
  const folder = makeFolder(workbench.dir);
  await page.goto(workbench.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  await dialog.getByLabel('Choose a folder to import').setInputFiles(folder);

  // Progress: count, current file and time left, while main reads.
  // The first files take longest: the readers and their worker threads start (slow on a busy machine).
  await expect(dialog.getByText(/Reading [1-9]\d* of 317 · clippings\/.+ · about \d+ (s|min) left/)).toBeVisible({ timeout: 45_000 });
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.screenshot({ path: path.join(workbench.dir, '..', 'parley-import-progress.png') });

  const table = dialog.getByRole('table', { name: 'Articles to import' });
  await expect(table).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: path.join(workbench.dir, '..', 'parley-import-review.png') });
  // The Word file gives no date: it is shown as unknown (not today's date), and the analyst sets it.
  const docxDate = dialog.getByLabel('Publication date of clippings/grain-corridor.docx');
  await expect(table.locator('tr[data-file="clippings/grain-corridor.docx"]').getByText('Date unknown')).toBeVisible();
  await expect(docxDate).toHaveValue('');
  await docxDate.fill('2026-02-20');
  // Saving with dates still unknown is refused, nothing saved; the analyst then takes the import date for the rest.
  await dialog.getByRole('button', { name: 'Save 309 articles' }).click();
  await expect(dialog.getByText(/file\(s\) give no publication date .*Nothing was saved/)).toBeVisible();
  await dialog.getByRole('button', { name: /^Use the import date for all \d+$/ }).click();
  await expect(dialog.getByRole('note')).toHaveCount(0);
  // The table shows rows needing attention first, 25 at a time.
  const kessenTitle = dialog.getByLabel('Title of clippings/kessen-herald-ceasefire.html');
  while (!(await kessenTitle.isVisible())) await dialog.getByRole('button', { name: 'Show more' }).click();
  await expect(dialog.getByLabel('Title of clippings/kessen-herald-ceasefire.html')).toHaveValue(GOOD['kessen-herald-ceasefire.html']!);
  await expect(dialog.getByLabel('Outlet of clippings/kessen-herald-ceasefire.html')).toHaveValue('The Kessen Herald');
  await expect(dialog.getByLabel('Publication date of clippings/kessen-herald-ceasefire.html')).toHaveValue('2026-02-09');

  const willNot = dialog.getByRole('region', { name: 'Will not be imported' });
  for (const [name, reason] of Object.entries(BAD))
    await expect(willNot.locator(`li[data-file="clippings/${name}"]`)).toContainText(reason);

  await dialog.getByRole('button', { name: 'Save 309 articles' }).click();
  await expect(dialog.getByText('309 articles imported; 8 files not imported.')).toBeVisible({ timeout: 60_000 });
  const notImported = dialog.getByRole('region', { name: 'Not imported' });
  for (const [name, reason] of Object.entries(BAD))
    await expect(notImported.locator(`li[data-file="clippings/${name}"]`)).toContainText(reason);
  await page.screenshot({ path: path.join(workbench.dir, '..', 'parley-import-done.png') });
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The library is virtualized (only the rows in view exist), so each good article is found through search.
  const search = page.getByLabel('Search articles and notes');
  const results = page.getByRole('region', { name: 'Search results' });
  for (const title of Object.values(GOOD)) {
    await search.fill(title.replace(/[^\p{L}\p{N} ]/gu, ' '));
    await expect(results.getByText(title).first()).toBeVisible();
  }
  await search.fill('grain corridor');
  await results.getByText('Grain corridor extended for another season').first().click();
  await expect(page.getByRole('heading', { name: 'Grain corridor extended for another season' })).toBeVisible();
  await expect(page.locator('.byline time')).toHaveText('2026-02-20'); // the date corrected in the table
  await expect(page.getByText(/Estmark agreed on Friday to extend the grain corridor/)).toBeVisible();
});

test('files dropped on the window open the import, and a pasted page is reduced to its text', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  const files = ['kessen-herald-ceasefire.html', 'photo.png'].map((name) => ({
    name,
    base64: fs.readFileSync(path.join(FIXTURES, name)).toString('base64'),
  }));
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  await expect(dialog.getByLabel('Title of kessen-herald-ceasefire.html')).toHaveValue(GOOD['kessen-herald-ceasefire.html']!, {
    timeout: 45_000,
  });
  await expect(dialog.locator('li[data-file="photo.png"]')).toContainText('cannot import .png files');
  await dialog.getByRole('button', { name: 'Save 1 article' }).click();
  await expect(dialog.getByText('1 article imported; 1 file not imported.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Importing the same page again: the same text is not imported twice.
  await page.evaluate(
    (list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    files.slice(0, 1),
  );
  await expect(dialog.locator('li[data-file="kessen-herald-ceasefire.html"]')).toContainText(
    'Already in the workspace as “Valdoria offers',
  );
  await dialog.getByRole('button', { name: 'Discard' }).click();

  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog
    .getByLabel('Pasted article')
    .fill('Talks on the grain corridor\n\nValdoria and Estmark agreed to meet again in Kessen next week.');
  await dialog.getByRole('button', { name: 'Read pasted text' }).click();
  await expect(dialog.getByLabel('Title of Pasted text.txt')).toHaveValue('Talks on the grain corridor');
  // Pasted text gives no date: the analyst says it is today's.
  await dialog.getByRole('button', { name: 'Use the import date for Pasted text.txt' }).click();
  await expect(dialog.getByText('the import date, as you chose')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save 1 article' }).click();
  await expect(dialog.getByText('1 article imported; 0 files not imported.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Formatted text from a browser's clipboard: kept as HTML, reduced to its text by main, nothing of it run.
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Pasted article').evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Ferry line reopens');
    data.setData(
      'text/html',
      '<html><body><!--StartFragment--><h1>Ferry line reopens</h1><p>The ferry between Kessen and Skarr sails again from Monday.</p>' +
        '<img src="x" onerror="document.title=\'pwned\'"><script>document.title="pwned"</script><p>Both governments <a href="javascript:void(0)">welcomed</a> it.</p><!--EndFragment--></body></html>',
    );
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await dialog.getByRole('button', { name: 'Read pasted text' }).click();
  await expect(dialog.getByLabel('Title of Pasted text.html')).toHaveValue('Ferry line reopens');
  await dialog.getByRole('button', { name: 'Use the import date for it' }).click();
  await dialog.getByRole('button', { name: 'Save 1 article' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /Ferry line reopens/ })
    .click();
  await expect(page.locator('.article-body')).toHaveText(
    /The ferry between Kessen and Skarr sails again from Monday\.\s*Both governments welcomed it\./,
  );
  expect(await page.title()).not.toBe('pwned');
});

