import { addArticle, expect, selectPhrase, test } from './fixtures';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('the score cards say the day they are for, the last event, a quiet period, and never −0.00', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, { title: 'Old threat', outlet: 'Wire', date: daysAgo(40), text: 'Washington warned New Delhi over oil.' });
  await expect(page.getByRole('heading', { name: 'Old threat' })).toBeVisible();
  await selectPhrase(page, 'Washington warned New Delhi');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: 'Running score' });
  const asOf = panel.locator('.score-asof');
  await expect(asOf).toContainText(`last event ${daysAgo(40)}`);
  await expect(asOf).toContainText('no events in the last 40 days');
  await expect(asOf).toContainText('(today)');
  await expect(panel).not.toContainText('-0.00');
  await expect(panel).not.toContainText('−0.00');
  // Picking the event's day shows the figures as they were then.
  const before = await panel.getByTestId('score-a').textContent();
  await asOf.getByLabel('Figures for').fill(daysAgo(40));
  await expect(panel.getByTestId('score-a')).not.toHaveText(before!);
  await expect(asOf).not.toContainText('(today)');
  await expect(asOf).not.toContainText('no events in the last');
});
