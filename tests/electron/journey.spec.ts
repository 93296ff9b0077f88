import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
// @ts-expect-error — a plain .mjs helper shared with scripts/start.mjs
import { locateElectron } from '../../scripts/electron-binary.mjs';

const found = locateElectron() as { path?: string; reason?: string };
if (!found.path) console.log(`Electron spec skipped: ${found.reason}`);

test.describe('Electron shell', () => {
  test.skip(!found.path, `Electron spec skipped: ${found.reason}`);

  test('the same journey in the Electron window', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-electron-'));
    const app = await electron.launch({
      executablePath: found.path,
      args: [path.resolve('.'), '--workspace', path.join(dir, 'w.sqlite'), '--no-sample'],
      env: { ...process.env, PARLEY_NATIVE_BINDING: process.env.PARLEY_NATIVE_BINDING ?? '' },
    });
    try {
      const page = await app.firstWindow();
      // The bridge exposes exactly the contract; the page has no Node.
      const exposed = await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        ops: Object.keys((window as unknown as { workbench?: object }).workbench ?? {}).length,
      }));
      expect(exposed).toMatchObject({ require: 'undefined', process: 'undefined' });
      expect(exposed.ops).toBeGreaterThan(10);
      await page.getByRole('button', { name: 'Add article' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add an article' });
      await dialog.getByLabel('Title').fill('Electron check');
      await dialog.getByLabel('Text').fill('Washington threatened new tariffs on Monday.');
      await dialog.getByRole('button', { name: 'Save article' }).click();
      await expect(page.getByRole('heading', { name: 'Electron check' })).toBeVisible();
      await page.evaluate(() => {
        const node = document.querySelector('.article-body [data-start]')!.firstChild!;
        const r = document.createRange();
        r.setStart(node, 11);
        r.setEnd(node, 31);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
      });
      await page.getByRole('document', { name: 'Article text' }).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('score-m')).toHaveText('-6.00');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
