import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer, stopServer } from './fixtures';

test('a workspace that cannot be read is kept aside, and Parley opens usable with a clear message', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-damaged-'));
  const workspace = path.join(dir, 'workspace.sqlite');
  fs.writeFileSync(workspace, Buffer.alloc(8192, 0x5a)); // not a database any more
  const { child, url } = await startServer(workspace, ['--no-sample']);
  try {
    await page.goto(url);
    const banner = page.getByRole('alert', { name: 'Damaged workspace' });
    await expect(banner).toContainText('Parley could not read your workspace');
    await expect(banner).toContainText('workspace.sqlite.damaged-');
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('workspace.sqlite.damaged-'))!;
    expect(fs.readFileSync(path.join(dir, aside)).equals(Buffer.alloc(8192, 0x5a))).toBe(true);
    await banner.getByRole('button', { name: 'Salvage what can be read' }).click();
    await expect(page.locator('.message.error')).toContainText('first page is damaged. Restore a backup instead.');
    await expect(page.getByText('No articles yet.')).toBeVisible();
    await page.screenshot({ path: '.cache/screens/recovery.png' });
  } finally {
    await stopServer(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
