/**
 * Offline, by proof: one whole analyst session — import, tag, search, chart and
 * evidence, export in every format — with every request the page makes
 * recorded. The workbench fixture fails the test if any went anywhere but the
 * app's own 127.0.0.1 origin; this test also checks that requests were seen.
 */
import fs from 'node:fs';
import { chartArea, expect, selectPhrase, test } from './fixtures';

test.use({ sample: true });

test('a whole analyst session makes no request beyond the app itself', async ({ page, workbench }) => {
  const seen: string[] = [];
  page.on('request', (r) => seen.push(new URL(r.url()).origin));
  await page.goto(workbench.url);

  // Import: a pasted article.
  await page.getByRole('button', { name: 'Import…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import articles' });
  await importDialog
    .getByLabel('Pasted article')
    .fill('Envoys meet on the harbour dispute\n\nWashington offered to resume the harbour talks with New Delhi next month.');
  await importDialog.getByRole('button', { name: 'Read pasted text' }).click();
  await importDialog.getByRole('button', { name: 'Use the import date for it' }).click(); // pasted text gives no date
  await importDialog.getByRole('button', { name: 'Save 1 article' }).click();
  await expect(importDialog.getByText('1 article imported; 0 files not imported.')).toBeVisible();
  await importDialog.getByRole('button', { name: 'Done' }).click();

  // Tag a passage of it.
  const search = page.getByRole('searchbox', { name: 'Search articles and notes' });
  await search.fill('harbour talks');
  await page.getByRole('region', { name: 'Search results' }).getByText('Envoys meet on the harbour dispute').first().click();
  await expect(page.getByRole('heading', { name: 'Envoys meet on the harbour dispute' })).toBeVisible();
  await selectPhrase(page, 'offered to resume the harbour talks');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('offered to resume the harbour talks');

  // The chart, and the evidence of today.
  const chart = page.getByRole('img', { name: /Sentiment of United States – India/ });
  const box = await chartArea(chart);
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await expect(page.getByRole('heading', { name: /^Evidence on \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Why this score' }).click();

  // Export every format of the brief and data exports, and the quick reports.
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /Analyst brief/ }).click();
  const dialog = page.getByRole('dialog', { name: /Analyst brief and data exports/ });
  const formats = await dialog
    .getByLabel('Format')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(formats.length).toBeGreaterThanOrEqual(10);
  for (const format of formats) {
    if (!(await dialog.isVisible())) {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: /Analyst brief/ }).click();
    }
    await dialog.getByLabel('Format').selectOption(format);
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(fs.statSync((await download.path())!).size, format).toBeGreaterThan(100);
  }

  expect(seen.length).toBeGreaterThan(20);
  expect([...new Set(seen)]).toEqual([new URL(workbench.url).origin]);
  expect(workbench.offsite).toEqual([]);
});
