import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { daysAgo, seedApi } from './seedApi';

/** The rows of the flag pixels of one colour in the chart's canvas: how wide each row is, top to bottom. */
function flagRows(page: Page, chartName: RegExp, rgb: [number, number, number]): Promise<number[]> {
  return page.getByRole('img', { name: chartName }).evaluate((host, [r, g, b]) => {
    const canvas = host.querySelector('canvas')!;
    const ctx = canvas.getContext('2d')!;
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const rows: number[] = [];
    for (let y = 0; y < height; y++) {
      let n = 0;
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i]! - r) < 24 && Math.abs(data[i + 1]! - g) < 24 && Math.abs(data[i + 2]! - b) < 24 && data[i + 3]! > 200) n++;
      }
      if (n > 0) rows.push(n);
    }
    return rows;
  }, rgb);
}

test('the calendar names codes, totals each top-level code and fits its panel', async ({ page, workbench }) => {
  const seed = await seedApi(workbench.url);
  await seed.tagged({ title: 'Washington threatens sanctions', daysAgo: 3, code: 'THREAT.NONFORCE' });
  await seed.tagged({ title: 'Delhi threatens back', daysAgo: 2, code: 'THREAT', reverse: true });
  await seed.tagged({ title: 'Delhi eases curbs', daysAgo: 1, code: 'CONCESSION.EASE', reverse: true });
  await page.goto(workbench.url);
  await page.getByRole('tab', { name: 'Calendar' }).click();
  const region = page.getByRole('region', { name: 'Calendar table' });
  const headers = region.getByRole('columnheader');
  await expect(headers).toHaveText(['Month', 'Σ s', 'n', 'mean', 'Threat', 'Concession']);
  // The totals per code, summed over the months (the three days may straddle a month's end).
  const total = (col: number) =>
    region.locator(`tbody tr td:nth-child(${col})`).evaluateAll((tds) => tds.reduce((n, td) => n + Number(td.textContent), 0));
  expect(await total(5)).toBe(2); // a non-force threat and a plain threat
  expect(await total(6)).toBe(1);
  // The table fits the side panel: no sideways scrolling at 1440 px.
  const fit = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.client);
  const panel = (await page.locator('aside.side').boundingBox())!;
  const table = (await region.locator('table').boundingBox())!;
  expect(table.x + table.width).toBeLessThanOrEqual(panel.x + panel.width);
  await page.screenshot({ path: '.cache/screens/calendar-totals.png' });

  // Subtypes on request, by name, after their code's total.
  await page.getByLabel('Subtypes').check();
  await expect(headers).toHaveText([
    'Month',
    'Σ s',
    'n',
    'mean',
    'Threat',
    'Non-force threat, sanctions, halt talks',
    'Concession',
    'Ease economic sanctions, release',
  ]);
  await expect(headers.filter({ hasText: /^[A-Z]+\.[A-Z]+$/ })).toHaveCount(0);
  // The scroll region takes the keyboard focus (so it can be scrolled without a mouse).
  await region.focus();
  await expect(region).toBeFocused();
  await page.locator('aside.side').screenshot({ path: '.cache/screens/calendar-subtypes.png' });
});

test('Compare shows each relationship over the main timeline’s range; thresholds are kept per relationship; flags differ by shape', async ({
  page,
  workbench,
}) => {
  const seed = await seedApi(workbench.url);
  await seed.tagged({ title: 'Washington threatens tariffs', daysAgo: 200, code: 'THREAT' });
  await seed.tagged({ title: 'Delhi threatens back', daysAgo: 195, code: 'THREAT', reverse: true });
  await seed.tagged({ title: 'Delhi eases curbs', daysAgo: 150, code: 'CONCESSION', reverse: true });
  await seed.tagged({ title: 'Delhi praises the talks', daysAgo: 140, code: 'OVERTURE', reverse: true });
  await seed.tagged({ title: 'Washington threatens again', daysAgo: 60, code: 'THREAT.MILITARY' });
  await page.goto(workbench.url);
  const main = page.getByRole('img', { name: /^Sentiment of United States – India/ });
  await expect(main).toHaveAttribute('data-range', /\//);
  const mainRange = await main.getAttribute('data-range');
  expect(mainRange!.slice(0, 10) <= daysAgo(200)).toBe(true);

  await page.getByRole('button', { name: 'Compare' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare relationships' });
  await expect(compare.getByRole('figure')).toHaveCount(seed.relationships.length);
  const usaInd = compare.getByRole('img', { name: 'Sentiment of United States – India' });
  await expect(usaInd).toHaveAttribute('data-range', mainRange!);
  // The quiet relationships share that axis rather than narrowing it to their own last 90 days.
  for (const rel of seed.relationships.slice(1)) {
    await expect(compare.getByRole('img', { name: `Sentiment of ${rel.label}` })).toHaveAttribute('data-range', mainRange!);
  }
  await page.screenshot({ path: '.cache/screens/compare-range.png' });
  await page.keyboard.press('Escape');

  // Thresholds of this relationship: kept across a reload, and apart from another relationship's.
  await page.getByRole('tab', { name: 'Marks' }).click();
  const thresholds = page.getByLabel('Thresholds', { exact: true });
  await expect(thresholds).toHaveValue('-5, 5');
  const saved = page.waitForResponse(
    (r) => decodeURIComponent(r.url()).includes('/api/marks:save-settings') && r.request().postData()!.includes('"thresholds":[0]'),
  );
  await thresholds.fill('0');
  await saved;
  await expect(page.getByRole('heading', { name: /^Threshold crossings \([1-9]/ })).toBeVisible();
  await expect(page.locator('.mark-list li', { hasText: 'rose to' }).first()).toBeVisible();
  await expect(page.locator('.mark-list li', { hasText: 'fell to' }).first()).toBeVisible();
  await page.reload();
  await page.getByRole('tab', { name: 'Marks' }).click();
  await expect(thresholds).toHaveValue('0');
  const other = seed.relationships[1]!;
  await page.locator('header.topbar').getByLabel('Relationship').selectOption(String(other.id));
  await expect(thresholds).toHaveValue('-5, 5');
  await page.locator('header.topbar').getByLabel('Relationship').selectOption(String(seed.relationships[0]!.id));
  await expect(thresholds).toHaveValue('0');

  // On the timeline, an upward crossing is ▲ (narrow at the top), a downward one ▼ (wide at the top), a reciprocated threat ●.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.locator('.hint', { hasText: 'threshold upwards' })).toContainText('▲');
  await expect(main).toBeVisible();
  const up = await flagRows(page, /^Sentiment of United States – India/, [0x16, 0xa3, 0x4a]);
  const down = await flagRows(page, /^Sentiment of United States – India/, [0x93, 0x33, 0xea]);
  const dot = await flagRows(page, /^Sentiment of United States – India/, [0xdc, 0x26, 0x26]);
  expect(up.length, 'green ▲ drawn').toBeGreaterThan(4);
  expect(down.length, 'purple ▼ drawn').toBeGreaterThan(4);
  expect(dot.length, 'red ● drawn').toBeGreaterThan(4);
  expect(up[0]!).toBeLessThan(up[up.length - 1]!);
  expect(down[0]!).toBeGreaterThan(down[down.length - 1]!);
  const widest = Math.max(...dot);
  expect(dot[0]!).toBeLessThan(widest);
  expect(dot[dot.length - 1]!).toBeLessThan(widest);
  await main.screenshot({ path: '.cache/screens/threshold-flags.png' });
});

test('restoring a backup that lacks the open article clears its tags from the side panel; the preview lists what differs', async ({
  page,
  workbench,
}) => {
  const seed = await seedApi(workbench.url);
  const kept = await seed.tagged({ title: 'Kept from before', daysAgo: 5, code: 'THREAT' });
  await seed.call('backup:create');
  await seed.tagged({ title: 'Written after the backup', daysAgo: 1, code: 'OVERTURE' });
  await seed.call('annotations:delete', { id: kept.annotationId });
  await page.goto(workbench.url);
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /Written after the backup/ })
    .click();
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  await expect(tags).toContainText('Overture');

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Backups…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await dialog.getByRole('button', { name: 'Restore…' }).click();
  const confirm = dialog.getByLabel('Confirm restore');
  await expect(confirm.getByRole('region', { name: 'Articles added since the backup' })).toContainText('Written after the backup');
  await expect(confirm.getByRole('region', { name: 'Tags added since the backup' })).toContainText(
    'Overture: “Written after the backup” in Written after the backup',
  );
  await expect(confirm.getByRole('region', { name: 'Tags removed since the backup' })).toContainText(
    'Threat: “Kept from before” in Kept from before',
  );
  await expect(confirm.getByRole('region', { name: 'Articles removed since the backup' })).toHaveCount(0);
  await dialog.screenshot({ path: '.cache/screens/backup-diff.png' });
  await confirm.getByRole('button', { name: 'Replace the workspace' }).click();
  await expect(page.locator('.message.info')).toContainText('Restored');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  await expect(page.getByRole('region', { name: 'Reader' })).toContainText('This article is no longer in the workspace');
  await expect(tags).toHaveCount(0);
});

test('Add article starts with the relationship chosen in the top bar', async ({ page, workbench }) => {
  const seed = await seedApi(workbench.url);
  await page.goto(workbench.url);
  const [, second, third] = seed.relationships;
  const top = page.locator('header.topbar').getByLabel('Relationship');
  await top.selectOption(String(second!.id));
  await page.getByRole('button', { name: 'Add article' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an article' });
  await expect(dialog.getByLabel('Relationship')).toHaveValue(String(second!.id));
  await dialog.getByLabel('Title').fill('Beijing and Delhi talk');
  await dialog.getByLabel('Text').fill('Delegations met in Beijing.');
  await dialog.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('heading', { name: 'Beijing and Delhi talk' })).toBeVisible();
  const list = await seed.call<{ items: { id: number; title: string }[] }>('articles:list', {});
  const saved = await seed.call<{ relationshipId: number | null }>('articles:get', {
    id: list.items.find((a) => a.title === 'Beijing and Delhi talk')!.id,
  });
  expect(saved.relationshipId).toBe(second!.id);

  // Opened again after choosing another relationship, it follows the top bar.
  await top.selectOption(String(third!.id));
  await page.getByRole('button', { name: 'Add article' }).click();
  await expect(dialog.getByLabel('Relationship')).toHaveValue(String(third!.id));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
