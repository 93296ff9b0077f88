/**
 * Issue 15: the import review table fits its dialog. With a near-duplicate to
 * decide on (choices, reason, differences side by side) and a file without a
 * date, at 1440×900 and at 1024×700 the table is no wider than the dialog,
 * so no column (File, Save) sits out of view behind a sideways scroll.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const SAME = fileURLToPath(new URL('../fixtures/import/same-article', import.meta.url));
const SCREENS = path.resolve('.cache', 'screens');

test('the review table is no wider than its dialog at 1440×900 and 1024×700', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Choose files to import').setInputFiles(path.join(SAME, 'ferry-line.html'));
  await expect(dialog.getByLabel('Title of ferry-line.html')).toHaveValue(/Ferry line/, { timeout: 45_000 });
  await dialog.getByRole('button', { name: 'Save 1 article' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Choose files to import').setInputFiles([
    { name: 'ferry-line.docx', mimeType: 'application/octet-stream', buffer: fs.readFileSync(path.join(SAME, 'ferry-line.docx')) },
    { name: 'no-date-note.txt', mimeType: 'text/plain', buffer: Buffer.from('Harbour talks\n\nThe two ports agreed to meet again.\n') },
  ]);
  const row = dialog.locator('tr[data-file="ferry-line.docx"]');
  await expect(row.getByText(/Nearly the same text as/)).toBeVisible({ timeout: 45_000 });
  await expect(dialog.locator('tr[data-file="no-date-note.txt"]').getByText('Date unknown')).toBeVisible();
  await row.getByText(/^Differences \(\d+ % alike\)$/).click();

  fs.mkdirSync(SCREENS, { recursive: true });
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    const wrap = dialog.locator('.import-table-wrap');
    await expect
      .poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth), { message: `sideways scroll at ${size.width}px` })
      .toBeLessThanOrEqual(0);
    const box = (await dialog.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    // Every column's inputs are inside the visible part of the table.
    const table = (await wrap.boundingBox())!;
    for (const label of ['What to do with ferry-line.docx', 'URL of ferry-line.docx', 'Publication date of no-date-note.txt']) {
      const b = (await dialog.getByLabel(label).boundingBox())!;
      expect(b.x + b.width, label).toBeLessThanOrEqual(table.x + table.width);
    }
    await page.screenshot({ path: path.join(SCREENS, `import-table-${size.width}x${size.height}.png`) });
  }
});
