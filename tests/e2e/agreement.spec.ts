import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addArticle, expect, selectPhrase, startServer, stopServer, test } from './fixtures';

/**
 * Two analysts code the same three articles: Asha in this workspace, Priya in
 * her own Parley on the blind package Asha saved; Asha merges Priya's coded
 * copy, reads the agreement report and adjudicates into a consensus that the
 * score panel then reads.
 *
 * All three articles are one sentence, dated the same day, each passage the
 * whole text (lengths 43, 44 and 38; N = 125 characters):
 *   1 "Washington warned …"  Asha THREAT     Priya THREAT
 *   2 "New Delhi offered …"  Asha OVERTURE   Priya CONCESSION
 *   3 "Washington eased …"   Asha —          Priya CONCESSION
 * By hand:
 * - % agreement by character (any code): coded by both 43 + 44 = 87 of 125 = 69.6 %.
 *   κ: p_o = 87/125, p_Asha = 87/125, p_Priya = 1, so p_e = p_Asha and κ = 0.000.
 * - Krippendorff's α by sentence, values (T,T), (O,C), (none,C): coincidences o(T,T) = 2,
 *   o(O,C) = o(C,O) = o(none,C) = o(C,none) = 1; n = 6, n_T = 2, n_O = 1, n_C = 2, n_none = 1.
 *   D_o = 4/6, D_e = (36 − 10)/30 = 26/30, α = 1 − (4/6)/(26/30) = 1 − 120/156 = 0.231.
 * - Threat alone: both coders coded the same 43 characters and sentence: κ = 1.000, α = 1.000.
 * - Direction: one pair with the same code (article 1), same direction: 1 of 1.
 * - Score (weights Threat −6, Overture +4, Concession +5; one day, so decay cancels in M = R/A):
 *   Asha M = (−6 + 4)/2 = −1.00, Priya M = (−6 + 5 + 5)/3 = 1.33: largest difference 2.33.
 * - Adjudication: article 2 take A (Overture), article 3 take B (Concession); the agreed
 *   Threat comes along. Consensus M = (−6 + 4 + 5)/3 = 1.00, which the panel then shows.
 */
const DAY = '2026-03-02';
const TEXTS = [
  { title: 'Tariff warning', text: 'Washington warned New Delhi of new tariffs.' },
  { title: 'Talks offered', text: 'New Delhi offered Washington talks on trade.' },
  { title: 'Visa rules eased', text: 'Washington eased visa rules for India.' },
];

/** Names the workspace's analyst (what Export → analyst does), through the page's own API client. */
async function nameAnalyst(page: Page, name: string): Promise<void> {
  const ok = await page.evaluate(async (n) => {
    const token = sessionStorage.getItem('parley-token') ?? '';
    const res = await fetch('/api/export%3Aanalyst', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-parley-token': token },
      body: JSON.stringify({ name: n }),
    });
    return ((await res.json()) as { ok: boolean }).ok;
  }, name);
  expect(ok).toBe(true);
}

async function tagWhole(page: Page, title: string, text: string, key: '1' | '2' | '3'): Promise<void> {
  // The library may still be re-sorting after the last article was added: click again until the article opens.
  await expect(async () => {
    await page.getByRole('button', { name: new RegExp(title) }).first().click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await selectPhrase(page, text);
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await expect(popover).toBeVisible();
  await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await expect(popover).toBeHidden();
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText(text);
}

test('two analysts code the same articles blind; the agreement report and adjudication follow', async ({ page, workbench, browser }) => {
  test.setTimeout(120_000);
  await page.goto(workbench.url);
  await nameAnalyst(page, 'Asha');
  for (const t of TEXTS) await addArticle(page, { title: t.title, outlet: 'Wire', date: DAY, text: t.text });
  await tagWhole(page, TEXTS[0]!.title, TEXTS[0]!.text, '1');
  await tagWhole(page, TEXTS[1]!.title, TEXTS[1]!.text, '2');
  await expect(page.getByTestId('score-m')).toHaveText('-1.00');

  // The blind package for Priya.
  await page.getByRole('button', { name: 'Coders' }).click();
  await page.getByRole('menuitem', { name: 'Coding package…' }).click();
  const pack = page.getByRole('dialog', { name: 'Package for a second coder' });
  for (const t of TEXTS) await pack.getByRole('checkbox', { name: new RegExp(t.title) }).check();
  const downloading = page.waitForEvent('download');
  await pack.getByRole('button', { name: 'Save package (3)' }).click();
  const download = await downloading;
  const priyaFile = path.join(workbench.dir, 'priya', 'workspace.sqlite');
  fs.mkdirSync(path.dirname(priyaFile));
  await download.saveAs(priyaFile);

  // Priya codes it in her own Parley.
  const priya = await startServer(priyaFile, ['--no-sample']);
  try {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(priya.url);
    await nameAnalyst(other, 'Priya');
    await expect(other.getByRole('button', { name: /Tariff warning/ })).toBeVisible();
    await tagWhole(other, TEXTS[0]!.title, TEXTS[0]!.text, '1');
    await tagWhole(other, TEXTS[1]!.title, TEXTS[1]!.text, '3');
    await tagWhole(other, TEXTS[2]!.title, TEXTS[2]!.text, '3');
    await context.close();
  } finally {
    await stopServer(priya.child);
  }

  // Asha merges Priya's coded copy: it comes in as Priya's layer and leaves the score as it was.
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Import or merge…' }).click();
  const importDialog = page.getByRole('dialog', { name: /Import or merge/ });
  await importDialog.locator('input[name="file"]').setInputFiles(priyaFile);
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importDialog.getByRole('status')).toContainText(/tags 3 added/i);
  await importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('score-m')).toHaveText('-1.00');

  // The agreement report, by sentence (the default unit).
  await page.getByRole('button', { name: 'Coders' }).click();
  await page.getByRole('menuitem', { name: 'Agreement…' }).click();
  const report = page.getByRole('dialog', { name: 'Agreement between coders' });
  const overall = report.getByTestId('agreement-overall');
  await expect(overall).toContainText('69.6%');
  await expect(overall.locator('td').nth(2)).toHaveText('0.000');
  await expect(overall.locator('td').nth(3)).toHaveText('0.231');
  const threat = report.getByTestId('agreement-code-THREAT');
  await expect(threat.locator('td').nth(2)).toHaveText('1.000');
  await expect(threat.locator('td').nth(3)).toHaveText('1.000');
  await expect(report.getByTestId('direction-agreement')).toContainText('1 of 1');
  await expect(report.getByTestId('largest-difference')).toContainText('2.33');
  await expect(report.getByRole('list', { name: 'Diagnostics' })).toContainText('Only 3 sentences');
  fs.mkdirSync('.cache/screens', { recursive: true });
  await page.screenshot({ path: '.cache/screens/agreement-report.png' });
  await report.getByRole('button', { name: 'Close' }).click();

  // Adjudication: one key per disagreement.
  await page.getByRole('button', { name: 'Coders' }).click();
  await page.getByRole('menuitem', { name: 'Adjudicate…' }).click();
  const adjudicate = page.getByRole('dialog', { name: 'Adjudicate disagreements' });
  await expect(adjudicate.getByTestId('adjudication-left')).toHaveText('2 to settle, 0 settled');
  await expect(adjudicate.getByTestId('disagreement')).toContainText('same span, other code');
  await page.screenshot({ path: '.cache/screens/agreement-adjudicate.png' });
  await page.keyboard.press('a');
  await expect(adjudicate.getByTestId('adjudication-left')).toHaveText('1 to settle, 1 settled');
  await expect(adjudicate.getByTestId('disagreement')).toContainText('only B tagged it');
  await page.keyboard.press('b');
  await expect(adjudicate.getByTestId('adjudication-done')).toBeVisible();
  await adjudicate.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('score-m')).toHaveText('1.00');

  // The reader can show the consensus layer.
  await page.getByRole('button', { name: /Visa rules eased/ }).first().click();
  await page.getByLabel('Layer shown').selectOption('consensus');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText(TEXTS[2]!.text);
  await page.screenshot({ path: '.cache/screens/agreement-consensus.png' });
});
