import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { callBrowserServer as call } from '../support/remote';
import { damageHeader, workspaceWithBackup } from './damage';
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

test('a damaged workspace that has a backup: the banner offers it, and restoring brings the articles back', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-restore-'));
  const workspace = path.join(dir, 'workspace.sqlite');
  const titles = ['Harbour talks resume in Kessen', 'Grain corridor extended for a season', 'Border commission meets again'];
  // A workspace with three articles and a backup of them, then one more article the backup does not have.
  await workspaceWithBackup(workspace, titles, ['Written after the backup']);
  const bytes = damageHeader(workspace);

  const server = await startServer(workspace, ['--no-sample']);
  try {
    await page.goto(server.url);
    const banner = page.getByRole('alert', { name: 'Damaged workspace' });
    await expect(banner).toContainText('Parley could not read your workspace');
    await expect(banner).toContainText('What to do: restore the backup of');
    await expect(banner).toContainText('(3 articles, 0 tags; changes made after it are not in it)');
    await page.screenshot({ path: '.cache/screens/recovery-restore.png' });
    await banner.getByRole('button', { name: /^Restore backup of / }).click();
    const confirm = banner.getByRole('group', { name: 'Confirm restore' });
    await expect(confirm).toContainText('Replace this empty workspace with the backup of');
    await page.screenshot({ path: '.cache/screens/recovery-restore-confirm.png' });
    // The keyboard lands on the answer, and axe finds nothing serious in the banner.
    await expect(confirm.getByRole('button', { name: 'Restore', exact: true })).toBeFocused();
    const axe = await new AxeBuilder({ page }).include('.recovery-banner').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.locator('.message.info')).toContainText('Restored the backup of');
    await expect(banner).toHaveCount(0);
    const library = page.getByRole('navigation', { name: 'Library' });
    for (const title of titles) await expect(library.getByText(title)).toBeVisible();
    await expect(library.getByText('Written after the backup')).toHaveCount(0);
    // The damaged file is still kept aside, byte for byte.
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('workspace.sqlite.damaged-'))!;
    expect(fs.readFileSync(path.join(dir, aside)).equals(bytes)).toBe(true);
    // Parley is usable: a new article is saved in the restored workspace.
    await call(server.url, 'articles:create', { title: 'After the restore', outlet: 'Wire', publishedOn: '2026-03-10', text: 'Saved.' });
    await page.reload();
    await expect(library.getByText('After the restore')).toBeVisible();
  } finally {
    await stopServer(server.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
