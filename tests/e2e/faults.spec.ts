/**
 * Issue 12 in Chromium: the damaged-workspace flow across a restart (damage,
 * start, restart, the banner is still there, restore the good backup, nothing
 * lost), the read-only banner, and a 200-character actor name in the top bar.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from '@playwright/test';
import { callBrowserServer as call } from '../support/remote';
import { recordE2eFigures } from '../support/e2eFigures';
import { damageHeader, workspaceWithBackup } from './damage';
import { startServer, stopServer, test } from './fixtures';

const dirs: string[] = [];
base.afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});
function workspaceFile(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return path.join(dir, 'workspace.sqlite');
}

base('a damaged workspace: the banner survives a restart, and restoring the good backup loses nothing', async ({ page }) => {
  const workspace = workspaceFile('parley-e2e-restart-');
  const titles = ['Harbour talks resume', 'Grain corridor extended', 'Border commission meets'];
  await workspaceWithBackup(workspace, titles);
  damageHeader(workspace);

  let server = await startServer(workspace, ['--no-sample']);
  const banner = page.getByRole('alert', { name: 'Damaged workspace' });
  try {
    await page.goto(server.url);
    await expect(banner).toContainText('(3 articles, 0 tags; changes made after it are not in it)');
  } finally {
    server.child.kill('SIGKILL');
  }
  server = await startServer(workspace, ['--no-sample']);
  try {
    await page.goto(server.url);
    await expect(banner).toContainText('Parley could not read your workspace');
    await expect(banner).toContainText('(3 articles, 0 tags; changes made after it are not in it)');
    await page.screenshot({ path: '.cache/screens/faults-banner-after-restart.png' });
    await banner.getByRole('button', { name: /^Restore backup of / }).click();
    await banner.getByRole('group', { name: 'Confirm restore' }).getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.locator('.message.info')).toContainText('Restored the backup of');
    await expect(banner).toHaveCount(0);
    const library = page.getByRole('navigation', { name: 'Library' });
    for (const title of titles) await expect(library.getByText(title)).toBeVisible();
  } finally {
    await stopServer(server.child);
  }
  // And after one more restart the workspace is the restored one, with no banner.
  server = await startServer(workspace, ['--no-sample']);
  try {
    await page.goto(server.url);
    const library = page.getByRole('navigation', { name: 'Library' });
    for (const title of titles) await expect(library.getByText(title)).toBeVisible();
    await expect(banner).toHaveCount(0);
    recordE2eFigures('fault-recovery-e2e', { starts: 4, sigkills: 1, bannerAfterRestart: true, articlesRestored: titles.length, lost: 0 });
  } finally {
    await stopServer(server.child);
  }
});

base('a read-only workspace opens with a banner saying so', async ({ page }) => {
  const workspace = workspaceFile('parley-e2e-ro-');
  let server = await startServer(workspace, ['--no-sample']);
  await call(server.url, 'articles:create', { title: 'Readable', outlet: 'Wire', publishedOn: '2026-03-01', text: 'Still readable.' });
  await stopServer(server.child);
  const root = process.getuid?.() === 0;
  if (root) {
    execFileSync('mount', ['--bind', workspace, workspace]);
    execFileSync('mount', ['-o', 'remount,bind,ro', workspace]);
  } else fs.chmodSync(workspace, 0o444);
  server = await startServer(workspace, ['--no-sample']);
  try {
    await page.goto(server.url);
    await expect(page.getByRole('status', { name: 'Read-only workspace' })).toContainText('This workspace is read-only.');
    await expect(page.getByRole('navigation', { name: 'Library' }).getByText('Readable')).toBeVisible();
    await page.screenshot({ path: '.cache/screens/faults-read-only.png' });
  } finally {
    await stopServer(server.child);
    if (root) execFileSync('umount', [workspace]);
    else fs.chmodSync(workspace, 0o600);
  }
});

test('a 200-character actor name does not squeeze the top bar', async ({ page, workbench }) => {
  const name = 'The Very Long Official Name Of A Ministry '.repeat(5).slice(0, 200);
  const actor = (await call(workbench.url, 'actors:create', { code: 'LNG', name })) as { id: number };
  const actors = (await call(workbench.url, 'actors:list')) as { id: number; code: string }[];
  const ind = actors.find((a) => a.code === 'IND')!;
  const rel = (await call(workbench.url, 'relationships:create', { actorAId: actor.id, actorBId: ind.id })) as { id: number };
  await page.goto(workbench.url);
  const select = page.getByRole('combobox', { name: 'Relationship' });
  await select.selectOption(String(rel.id));
  const bar = await page.locator('.topbar').boundingBox();
  const viewport = page.viewportSize()!;
  for (const label of ['Codebook', 'Actors']) {
    const b = await page.locator('.topbar').getByRole('button', { name: label, exact: true }).boundingBox();
    expect(b!.x + b!.width, label).toBeLessThanOrEqual(viewport.width);
    // One line of text: a squeezed button wraps and grows taller.
    expect(b!.height, label).toBeLessThan(40);
  }
  expect((await select.boundingBox())!.width).toBeLessThanOrEqual(22 * 14 + 1);
  expect(bar!.height).toBeLessThan(80);
  await expect(select).toHaveAttribute('title', new RegExp(name.slice(0, 30)));
  await page.screenshot({ path: '.cache/screens/faults-long-actor.png' });
});
