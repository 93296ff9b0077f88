import type { Locator, Page } from '@playwright/test';
import { chartArea, expect, test } from './fixtures';
import { daysAgo, seedApi } from './seedApi';

const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** Clicks the chart at the position of a day, reading the days in view from the chart's data-range. */
async function clickDay(page: Page, chart: Locator, iso: string) {
  const [from, to] = (await chart.getAttribute('data-range'))!.split('/').map(dayOf) as [number, number];
  const box = await chartArea(chart);
  await page.mouse.click(box.x + ((dayOf(iso) - from) / (to - from)) * box.width, box.y + box.height / 2);
}

test('the chart opens on the days with events, with a margin, and a click on each event day opens its evidence', async ({
  page,
  workbench,
}) => {
  const seed = await seedApi(workbench.url);
  await seed.tagged({ title: 'Washington threatens tariffs', daysAgo: 0, code: 'THREAT' });
  await page.goto(workbench.url);
  const chart = page.getByRole('img', { name: /^Sentiment of United States – India/ });
  // One event, today: it sits in the middle of its range rather than on the right edge of the last 90 days.
  await expect(chart).toHaveAttribute('data-range', `${daysAgo(3)}/${daysAgo(-3)}`);
  await page.screenshot({ path: '.cache/screens/chart-one-event-1440.png' });

  await seed.tagged({ title: 'Delhi lifts almond curbs', daysAgo: 40, code: 'CONCESSION', reverse: true });
  await seed.tagged({ title: 'Delhi praises the talks', daysAgo: 39, code: 'OVERTURE', reverse: true });
  await page.reload();
  // 40 days of events and a tenth of that (4 days) either side.
  await expect(chart).toHaveAttribute('data-range', `${daysAgo(44)}/${daysAgo(-4)}`);
  await page.screenshot({ path: '.cache/screens/chart-three-events-1440.png' });
  for (const n of [40, 39, 0]) {
    await clickDay(page, chart, daysAgo(n));
    await expect(page.getByLabel(/^Evidence on /).getByRole('heading')).toHaveText(`Evidence on ${daysAgo(n)}`);
  }
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(chart).toHaveAttribute('data-range', `${daysAgo(44)}/${daysAgo(-4)}`);
  await clickDay(page, chart, daysAgo(39));
  await expect(page.getByLabel(/^Evidence on /).getByRole('heading')).toHaveText(`Evidence on ${daysAgo(39)}`);
  await page.screenshot({ path: '.cache/screens/chart-three-events-1024.png' });
});

test('the Activity chart follows the score chart’s keyboard cursor', async ({ page, workbench }) => {
  const seed = await seedApi(workbench.url);
  await seed.tagged({ title: 'Washington threatens tariffs', daysAgo: 20, code: 'THREAT' });
  await seed.tagged({ title: 'Delhi lifts almond curbs', daysAgo: 10, code: 'CONCESSION', reverse: true });
  await page.goto(workbench.url);
  const chart = page.getByRole('slider', { name: /^Sentiment of United States – India/ });
  const activity = page.getByRole('slider', { name: 'Activity over time' });
  await chart.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  await expect(chart).toHaveAttribute('aria-valuetext', new RegExp(`^${daysAgo(10)}: `));
  await expect(chart.locator('.u-legend')).toContainText(daysAgo(10));
  await expect(activity.locator('.u-legend')).toContainText(daysAgo(10));
  await expect(activity.locator('.u-legend')).toContainText(/Activity A\s*\d+\.\d\d/);
  await page.keyboard.press('PageDown');
  await expect(activity.locator('.u-legend')).toContainText(daysAgo(17));
  await page.screenshot({ path: '.cache/screens/chart-activity-follows-1440.png' });
});
