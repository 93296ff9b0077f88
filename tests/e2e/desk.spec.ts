/**
 * Two analysts on one desk (issue 18), each in a browser-mode Parley of their own, on one real PostgreSQL: the
 * desk's IT prepares it with `desk init`; Alice and Bob connect through the Desk dialog; Alice's tag appears in
 * Bob's window as her layer after a sync; with the desk down both keep working ("offline since …"), both re-weight
 * the same code, and once it is back each finds the other's weight as an item of the merge review.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import pg from 'pg';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { addArticle, expect, selectPhrase, startServer, stopServer, test } from './fixtures';
import { daysAgo } from './seedApi';

const CLI = fileURLToPath(new URL('../../dist/main/cli.cjs', import.meta.url));
const DATABASE = 'parley_desk';
const { bin, reason } = postgresBinaries();

interface Laptop {
  page: Page;
  context: BrowserContext;
  child: ChildProcess;
  dir: string;
  offsite: string[];
}

async function laptop(browser: Browser): Promise<Laptop> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-desk-'));
  // Rounds every half second, so that the test waits for what it checks, not for the default five seconds.
  const { child, url } = await startServer(path.join(dir, 'workspace.sqlite'), ['--no-sample'], { PARLEY_DESK_INTERVAL_MS: '500' });
  const context = await browser.newContext();
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const offsite: string[] = [];
  context.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:')) offsite.push(u);
  });
  await page.goto(url);
  return { page, context, child, dir, offsite };
}

const deskLine = (page: Page) => page.locator('.desk-status').getByRole('status');

async function fillDesk(page: Page, desk: PgServer, user: string, host = '127.0.0.1'): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Desk' });
  await dialog.getByLabel('Host', { exact: true }).fill(host);
  await dialog.getByLabel('Port', { exact: true }).fill(String(desk.port));
  await dialog.getByLabel('Database', { exact: true }).fill(DATABASE);
  await dialog.getByLabel('Your desk user name').fill(user);
  // The test desk trusts loopback connections, so any password does; it must still never come back.
  await dialog.getByLabel(/^Password/).fill(`secret-of-${user}`);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
}

async function reweightThreat(page: Page, weight: string): Promise<void> {
  await page.getByRole('button', { name: 'Codebook' }).click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  await codebook.getByRole('button', { name: 'Edit Threat', exact: true }).click();
  const form = codebook.getByRole('form', { name: 'Edit code Threat' });
  await form.getByLabel(/Weight/).fill(weight);
  await form.getByRole('button', { name: /Save/ }).click();
  await expect(codebook.getByRole('list', { name: 'Codes' })).toContainText(`Threat ${weight}`);
  await codebook.getByRole('button', { name: 'Close' }).click();
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('two analysts on one desk: a tag travels into the colleague’s layer, and a code re-weighted on both while apart is a review item in both', async ({
  browser,
}) => {
  test.skip(!bin, `no PostgreSQL server binary here: ${reason}`);
  test.setTimeout(300_000);
  const desk = await startPostgres();
  const laptops: Laptop[] = [];
  try {
    // The desk's IT: an empty database, then `desk init` with two analysts.
    const admin = new pg.Client({ connectionString: desk.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    const args = ['desk', 'init', '--host', '127.0.0.1', '--port', String(desk.port), '--database', DATABASE, '--user', desk.user];
    const init = spawnSync(process.execPath, [CLI, ...args, '--analyst', 'alice', '--analyst', 'bob', '--analyst', 'carol'], {
      encoding: 'utf8',
    });
    expect(init.status, init.stdout + init.stderr).toBe(0);
    expect(init.stdout).toContain('Analyst bob');

    const a = await laptop(browser);
    laptops.push(a);
    const b = await laptop(browser);
    laptops.push(b);

    // Alice: no desk yet, a quiet link; the dialog says what the TLS rule wants, in words.
    const connectLink = a.page.getByRole('button', { name: 'Connect to a desk…' });
    await expect(connectLink).toBeVisible();
    await a.page.locator('header.topbar').screenshot({ path: '.cache/screens/desk-status-off.png' });
    await connectLink.click();
    const dialogA = a.page.getByRole('dialog', { name: 'Desk' });
    await expect(dialogA.getByLabel('Host', { exact: true })).toBeFocused();
    await fillDesk(a.page, desk, 'alice', 'desk.example.org');
    await expect(dialogA.getByRole('alert')).toContainText('only over TLS, checking its certificate: choose the desk’s CA file');
    await a.page.screenshot({ path: '.cache/screens/desk-dialog-tls-error.png' });
    await fillDesk(a.page, desk, 'alice');
    await expect(dialogA).toBeHidden();
    await expect(deskLine(a.page)).toHaveText('Desk: synced', { timeout: 30_000 });

    // Bob connects from the Coders menu, with the keyboard.
    await b.page.getByRole('button', { name: 'Coders' }).click();
    await b.page.getByRole('menuitem', { name: 'Desk…' }).click();
    await fillDesk(b.page, desk, 'bob');
    await expect(b.page.getByRole('dialog', { name: 'Desk' })).toBeHidden();
    await expect(deskLine(b.page)).toHaveText('Desk: synced', { timeout: 30_000 });

    // Alice tags a passage in an article she adds; it goes to the desk and comes into Bob's window as her layer.
    const title = 'Envoys trade warnings in Delhi';
    await addArticle(a.page, {
      title,
      outlet: 'Desk Wire',
      date: daysAgo(2),
      text: 'The United States warned India about new tariffs. India offered talks on Friday.',
    });
    await expect(a.page.getByRole('heading', { name: title })).toBeVisible();
    await selectPhrase(a.page, 'The United States warned India about new tariffs');
    const popover = a.page.getByRole('dialog', { name: 'Tag passage' });
    await expect(popover.getByLabel('Direction')).toHaveText('USA → IND');
    await a.page.keyboard.press('1');
    await a.page.keyboard.press('Enter');
    await expect(a.page.getByRole('region', { name: 'Tags in this article' })).toContainText('Threat USA→IND');
    // Sync now sends it at once (the round in the background would too, a moment later).
    await a.page.locator('.desk-status').getByRole('button', { name: 'Sync now' }).click();
    await expect(deskLine(a.page)).toHaveText('Desk: synced');

    const library = b.page.getByRole('navigation', { name: 'Library' });
    await library.getByRole('button', { name: new RegExp(title) }).click({ timeout: 30_000 });
    await b.page.getByRole('combobox', { name: 'Layer shown' }).selectOption('coder:alice');
    const tagsB = b.page.getByRole('region', { name: 'Tags in this article' });
    await expect(tagsB).toContainText('Threat USA→IND');
    await expect(tagsB).toContainText('“The United States warned India about new tariffs”');
    await b.page.locator('header.topbar').screenshot({ path: '.cache/screens/desk-status-synced.png' });

    // The password never comes back: not in the setting the dialog reads, not on the page.
    await b.page.getByRole('button', { name: 'Desk: synced' }).click();
    const dialogB = b.page.getByRole('dialog', { name: 'Desk' });
    await expect(dialogB.getByLabel(/^Password/)).toHaveValue('');
    await expect(dialogB.getByText('Password (leave empty to keep the one Parley holds)')).toBeVisible();
    await expect(dialogB.getByLabel('Your desk user name')).toHaveValue('bob');
    expect(await b.page.content()).not.toContain('secret-of-bob');
    await b.page.screenshot({ path: '.cache/screens/desk-dialog-connected.png' });
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.keyboard.press('Escape');
    await expect(dialogB).toBeHidden();

    // The same wire saved on both laptops, Alice's copy with a credit line more: Bob's window lists her copy beside his
    // own, never merged (each copy's tags are anchored to its text), shows the difference, and keeps both on his word.
    const wire = [
      'Trade negotiators from Washington and New Delhi met for a third day on Thursday to settle the tariff schedule for steel and aluminium.',
      'Officials on both sides said the talks had narrowed the gap on quotas, though no date was set for a signing ceremony in either capital.',
      'A spokesman for the commerce ministry said India would not accept any deal that left its farmers exposed to subsidised imports.',
      'The American delegation is expected to return next month with a revised offer on agricultural access and digital services.',
    ];
    await addArticle(b.page, { title: 'Tariff talks narrow gap', outlet: 'Wire', date: daysAgo(3), text: wire.join('\n\n') });
    await expect(b.page.getByRole('heading', { name: 'Tariff talks narrow gap' })).toBeVisible();
    await addArticle(a.page, {
      title: 'Tariff talks narrow the gap on quotas',
      outlet: 'Desk Wire',
      date: daysAgo(3),
      text: [...wire, 'Additional reporting by the wire desk in Mumbai.'].join('\n\n'),
    });
    await expect(a.page.getByRole('heading', { name: 'Tariff talks narrow the gap on quotas' })).toBeVisible();
    const nearLink = b.page.locator('.desk-status').getByRole('button', { name: '1 near-duplicate' });
    await nearLink.click({ timeout: 30_000 });
    const near = b.page.getByRole('dialog', { name: 'Near-duplicates from the desk' });
    const pair = near.getByRole('list', { name: 'Near-duplicates from the desk' }).getByRole('listitem');
    await expect(pair).toHaveCount(1);
    await expect(pair).toContainText('Tariff talks narrow the gap on quotas');
    await expect(pair).toContainText('nearly the same as your Tariff talks narrow gap');
    await pair.getByText(/^Differences \(\d+ % alike\)$/).click();
    await expect(pair.getByLabel(/^Differences between/)).toContainText('Additional reporting by the wire desk in Mumbai.');
    await b.page.screenshot({ path: '.cache/screens/desk-near-duplicates.png' });
    expect(await axeViolations(b.page)).toEqual([]);
    await pair.getByRole('button', { name: 'Keep both: Tariff talks narrow the gap on quotas' }).click();
    await expect(near.getByText(/^Nothing to look at/)).toBeVisible();
    await near.getByRole('button', { name: 'Close' }).click();
    await expect(nearLink).toHaveCount(0);
    await expect(library.getByRole('button', { name: /Tariff talks narrow/ })).toHaveCount(2);
    // Back to Alice's tagged article in Bob's window, in her layer, for what follows.
    await library.getByRole('button', { name: new RegExp(title) }).click();
    await b.page.getByRole('combobox', { name: 'Layer shown' }).selectOption('coder:alice');
    await expect(tagsB).toContainText('Threat USA→IND');

    // The desk's IT makes a snapshot; Carol, new, connects an empty Parley: it starts from the snapshot (so it sends
    // nothing back, not even the seed rows a replaying laptop sends as "from before the desk") and shows the corpus.
    const snap = spawnSync(process.execPath, [CLI, 'desk', 'snapshot', ...args.slice(2)], { encoding: 'utf8' });
    expect(snap.status, snap.stdout + snap.stderr).toBe(0);
    expect(snap.stdout).toMatch(/Snapshot \d+: every change set through \d+/);
    const c = await laptop(browser);
    try {
      await c.page.getByRole('button', { name: 'Connect to a desk…' }).click();
      await fillDesk(c.page, desk, 'carol');
      await expect(deskLine(c.page)).toHaveText('Desk: synced', { timeout: 30_000 });
      const libraryC = c.page.getByRole('navigation', { name: 'Library' });
      await expect(libraryC.getByRole('button', { name: /Tariff talks narrow/ })).toHaveCount(2);
      await libraryC.getByRole('button', { name: new RegExp(title) }).click();
      await c.page.getByRole('combobox', { name: 'Layer shown' }).selectOption('coder:alice');
      await expect(c.page.getByRole('region', { name: 'Tags in this article' })).toContainText('Threat USA→IND');
      await c.page.screenshot({ path: '.cache/screens/desk-first-sync-snapshot.png' });
      const sentByCarol = new pg.Client({ connectionString: desk.url.replace(/\/postgres$/, `/${DATABASE}`) });
      await sentByCarol.connect();
      const carolSets = await sentByCarol.query("SELECT count(*) AS n FROM parley.change_sets WHERE analyst = 'carol'");
      await sentByCarol.end();
      expect(Number(carolSets.rows[0].n)).toBe(0);
      expect(c.offsite, 'requests that left 127.0.0.1').toEqual([]);
    } finally {
      await c.context.close();
      await stopServer(c.child);
      fs.rmSync(c.dir, { recursive: true, force: true });
    }

    // The desk goes down: both keep working, and say since when they are apart.
    await desk.kill();
    for (const l of laptops) await expect(deskLine(l.page)).toHaveText(/^Desk: offline since \d\d:\d\d \(\d+ \w+\)$/, { timeout: 30_000 });
    await a.page.locator('header.topbar').screenshot({ path: '.cache/screens/desk-status-offline.png' });
    await reweightThreat(a.page, '-8');
    await reweightThreat(b.page, '-4');
    await desk.restart();

    // Back: each round brings the other's weight, and each keeps its own and lists the other's to decide.
    for (const l of laptops)
      await expect(l.page.locator('.desk-status').getByRole('button', { name: '1 to decide' })).toBeVisible({ timeout: 60_000 });
    await expect(deskLine(a.page)).toHaveText('Desk: synced', { timeout: 30_000 });
    expect(await axeViolations(a.page)).toEqual([]);
    await a.page.locator('header.topbar').screenshot({ path: '.cache/screens/desk-status-to-decide.png' });
    for (const [l, mine, theirs] of [
      [a, '-8', '-4'],
      [b, '-4', '-8'],
    ] as const) {
      await l.page.locator('.desk-status').getByRole('button', { name: '1 to decide' }).click();
      const review = l.page.getByRole('dialog', { name: /^Import or merge/ });
      const item = review.getByRole('region', { name: 'Setting conflicts' }).getByRole('listitem');
      await expect(item).toHaveCount(1);
      await expect(item).toContainText('Weight of code THREAT');
      await expect(item).toContainText('from the desk');
      await expect(item).toContainText(`Mine: ${mine}`);
      await expect(item).toContainText(`Theirs: ${theirs}`);
      if (l === b) {
        await l.page.screenshot({ path: '.cache/screens/desk-review.png' });
        // Bob takes Alice's weight: an ordinary change, sent to the desk; once Alice has it too, neither has anything to decide.
        await item.getByRole('button', { name: 'Keep theirs' }).click();
        await expect(review.getByRole('region', { name: 'Setting conflicts' })).toHaveCount(0);
      }
      await review.getByRole('button', { name: 'Close' }).click();
    }
    for (const l of laptops) {
      await expect(l.page.locator('.desk-status').getByRole('button', { name: /to decide/ })).toHaveCount(0, { timeout: 30_000 });
      await expect(deskLine(l.page)).toHaveText('Desk: synced', { timeout: 30_000 });
    }

    // Bob disconnects: the quiet link is back, and what came from the desk stays.
    await b.page.getByRole('button', { name: 'Desk: synced' }).click();
    await b.page.getByRole('dialog', { name: 'Desk' }).getByRole('button', { name: 'Disconnect' }).click();
    await expect(b.page.getByRole('button', { name: 'Connect to a desk…' })).toBeVisible();
    await expect(tagsB).toContainText('Threat USA→IND');
    for (const l of laptops) expect(l.offsite, 'requests that left 127.0.0.1').toEqual([]);
  } finally {
    for (const l of laptops) {
      await l.context.close();
      await stopServer(l.child);
      fs.rmSync(l.dir, { recursive: true, force: true });
    }
    await desk.stop();
  }
});
