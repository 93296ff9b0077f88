import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addArticle, chartArea, expect, selectPhrase, startServer, stopServer, test } from './fixtures';

/** A date `n` days before today in the analyst's calendar, YYYY-MM-DD. */
function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const REPORTS = [
  {
    title: 'Washington weighs steel tariffs',
    outlet: 'Wire Alpha',
    date: daysAgo(20),
    text: 'Officials in Washington threatened new tariffs on Indian steel.',
    phrase: 'threatened new tariffs',
    key: '1',
  },
  {
    title: 'Delhi lifts almond curbs',
    outlet: 'Blog Delta',
    date: daysAgo(9),
    text: 'New Delhi lifted the curbs on American almonds after a call.',
    phrase: 'lifted the curbs on American almonds',
    key: '3',
  },
  {
    title: 'Ministry confirms almond move',
    outlet: 'Paper Gamma',
    date: daysAgo(7),
    text: 'The ministry in New Delhi confirmed it had lifted the curbs on almonds.',
    phrase: 'confirmed it had lifted the curbs',
    key: '3',
  },
];

const CARD = ['score-m', 'score-r', 'score-a', 'score-m-ab', 'score-m-ba', 'score-asymmetry', 'score-index'];

test('group two reports, grade an outlet, re-weight a code; each exchange format merged into a fresh workspace reads the same score card', async ({
  page,
  workbench,
}) => {
  test.setTimeout(180_000);
  await page.goto(workbench.url);
  for (const a of REPORTS) {
    await addArticle(page, a);
    await expect(page.getByRole('heading', { name: a.title })).toBeVisible();
    await selectPhrase(page, a.phrase);
    const popover = page.getByRole('dialog', { name: 'Tag passage' });
    await page.keyboard.press(a.key);
    await page.keyboard.press('Enter');
    await expect(popover).toHaveCount(0);
  }
  // Group the two reports of the almond concession.
  const chart = page.getByRole('img', { name: /Sentiment of United States – India/ });
  const box = await chartArea(chart);
  await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
  const evidence = page.getByLabel(/^Evidence on /);
  await evidence.getByRole('checkbox', { name: /lifted the curbs on American almonds/ }).check();
  await evidence.getByRole('checkbox', { name: /confirmed it had lifted the curbs/ }).check();
  await evidence.getByRole('button', { name: 'Group as one event (2)' }).click();
  await expect(page.getByRole('status')).toContainText('Grouped as one event');
  // Grade the threat's outlet B.
  await page.getByRole('tab', { name: 'Sources' }).click();
  await page.getByLabel('Grade of Wire Alpha').selectOption('B');
  await expect(page.getByRole('row', { name: /Wire Alpha/ }).getByTestId('outlet-factor')).toHaveText('0.80');
  // Re-weight Threat to −4.5.
  await page.getByRole('button', { name: 'Codebook' }).click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  await codebook.getByRole('button', { name: 'Edit Threat', exact: true }).click();
  await codebook
    .getByRole('form', { name: 'Edit code Threat' })
    .getByLabel(/Weight/)
    .fill('-4.5');
  await codebook.getByRole('form', { name: 'Edit code Threat' }).getByRole('button', { name: /Save/ }).click();
  await expect(codebook.getByRole('list', { name: 'Codes' })).toContainText('Threat -4.5');
  await codebook.getByRole('button', { name: 'Close' }).click();
  // −4.5 · 0.8 · 2^(−20/30) + 5 · 2^(−9/30) = 1.7935 over A = 1.4430: M = 1.24.
  await expect(page.getByTestId('score-m')).toHaveText('1.24');
  const expected = await Promise.all(CARD.map((id) => page.getByTestId(id).innerText()));

  // Export each format from the app (the workspace file is a backup).
  const files: string[] = [];
  for (const format of ['qdpx', 'annotations-jsonld']) {
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: /Analyst brief/ }).click();
    const dialog = page.getByRole('dialog', { name: /Analyst brief and data exports/ });
    await dialog.getByLabel('Format').selectOption(format);
    await expect(dialog.getByTestId('format-limits')).toContainText('everything the score depends on');
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    const file = path.join(workbench.dir, download.suggestedFilename());
    await download.saveAs(file);
    files.push(file);
    if (await dialog.isVisible())
      await dialog
        .getByRole('button', { name: /Close|Cancel/ })
        .first()
        .click();
  }
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Backups…' }).click();
  const backups = page.getByRole('dialog', { name: 'Backups' });
  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status')).toContainText('Backed up to parley-manual-');
  const backupDir = path.join(path.dirname(workbench.workspace), 'backups');
  const backup = fs.readdirSync(backupDir).find((n) => n.startsWith('parley-manual-'))!;
  files.push(path.join(backupDir, backup));

  // Merge each into a fresh workspace, in Chromium, through the library's Import… (one entry point), and read the card.
  for (const file of files) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-fresh-'));
    const { child, url } = await startServer(path.join(dir, 'workspace.sqlite'), ['--no-sample']);
    // Its own browser context: the fixture counts any request from the first page's context that leaves its origin.
    const context = await page.context().browser()!.newContext();
    const fresh = await context.newPage();
    try {
      await fresh.goto(url);
      await fresh
        .getByRole('button', { name: /^Import/ })
        .first()
        .click();
      await fresh.locator('input[type=file]').first().setInputFiles(file);
      await expect(fresh.getByRole('status')).toContainText(`${path.basename(file)}: articles 3 added`);
      await expect(fresh.getByRole('status')).toContainText('Event groups: 1.');
      await fresh.keyboard.press('Escape');
      for (const [i, id] of CARD.entries()) await expect(fresh.getByTestId(id), `${path.basename(file)} ${id}`).toHaveText(expected[i]!);
      await fresh.screenshot({ path: `.cache/screens/exchange-merged-${path.extname(file).slice(1)}.png` });
    } finally {
      await context.close();
      await stopServer(child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});
