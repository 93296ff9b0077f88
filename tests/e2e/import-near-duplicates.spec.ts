/**
 * Issue 15: an analyst imports a web page, then the same article as a Word
 * file (made by LibreOffice, with a byline): the review table shows the match
 * with its differences side by side, and merging keeps one article with the
 * web page's headline, outlet and date and the Word file's byline as author.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const SAME = fileURLToPath(new URL('../fixtures/import/same-article', import.meta.url));
const HEADLINE = 'Ferry line between Kessen and Skarr to reopen';

test('the same article as a Word file is matched with the saved web page and merged into it', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Choose files to import').setInputFiles(path.join(SAME, 'ferry-line.html'));
  await expect(dialog.getByLabel('Title of ferry-line.html')).toHaveValue(HEADLINE, { timeout: 45_000 });
  await dialog.getByRole('button', { name: 'Save 1 article' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Choose files to import').setInputFiles(path.join(SAME, 'ferry-line.docx'));
  const row = dialog.locator('tr[data-file="ferry-line.docx"]');
  await expect(row.getByText(/Nearly the same text as “Ferry line between Kessen and Skarr to reopen”/)).toBeVisible({ timeout: 45_000 });
  // Its own date comes from the dateline, its author from the byline; the Author column and a preview show them.
  await expect(dialog.getByLabel('Author of ferry-line.docx')).toHaveValue('Staff Reporter');
  await expect(dialog.getByLabel('Publication date of ferry-line.docx')).toHaveValue('2026-03-03');
  await expect(row.locator('.preview')).toContainText('KESSEN, March 3, 2026');
  await row.getByText(/^Differences \(\d+ % alike\)$/).click();
  const sideBySide = row.getByLabel('Differences between ferry-line.docx and the saved article');
  await expect(sideBySide.getByText('Only in this file')).toBeVisible();
  await expect(sideBySide.getByText(/^Only in “Ferry line/)).toBeVisible();
  await page.screenshot({ path: path.join(workbench.dir, '..', 'parley-import-near-duplicate.png'), fullPage: true });
  // Still on "Choose…", the file would not be imported: the button does not count it.
  await expect(dialog.getByRole('button', { name: 'Save 0 articles' })).toBeDisabled();
  await dialog.getByLabel('What to do with ferry-line.docx').selectOption('merge');
  await dialog.getByRole('button', { name: 'Save 1 article' }).click();
  await expect(dialog.getByText('1 article imported; 0 files not imported.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: new RegExp(HEADLINE) })).toHaveCount(1);
  await library.getByRole('button', { name: new RegExp(HEADLINE) }).click();
  await expect(page.locator('.byline')).toContainText('Staff Reporter');
  await expect(page.locator('.byline time')).toHaveText('2026-03-03');
});
