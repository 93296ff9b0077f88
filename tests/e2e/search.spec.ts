import { addArticle, expect, paintedHighlights, test } from './fixtures';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} reports routine meetings between junior delegations about customs forms.`).join(
    '\n\n',
  );

test('an analyst searches, sees ranked results with the match marked, and opens one scrolled to the match', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, {
    title: 'Customs talks drag on',
    outlet: 'Search Desk',
    date: today(),
    text: `${filler(40)}\n\nAt the very end, the minister warned of a naval blockade in the strait.`,
  });
  await addArticle(page, {
    title: 'Harbour news',
    outlet: 'Other Wire',
    date: today(),
    text: 'Fishing boats returned to the harbour at dawn.',
  });
  await expect(page.getByRole('heading', { name: 'Harbour news' })).toBeVisible();

  const box = page.getByRole('searchbox', { name: 'Search articles and notes' });
  await box.fill('blockade');
  const results = page.getByRole('region', { name: 'Search results' });
  const hits = results.getByRole('list', { name: 'Articles' }).getByRole('listitem');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('Customs talks drag on');
  await expect(hits.first().locator('mark')).toHaveText('blockade');
  await page.screenshot({ path: '.cache/screens/search-results.png' });

  await hits.first().getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Customs talks drag on' })).toBeVisible();
  await expect.poll(async () => (await paintedHighlights(page))['parley-search-hit']).toEqual(['blockade']);
  // The match is scrolled into view: its paragraph is visible, the first one is not.
  await expect(page.getByText('At the very end, the minister warned')).toBeInViewport();
  await expect(page.getByText('Paragraph 1 reports')).not.toBeInViewport();
  await expect(results).toHaveCount(0);
  await page.screenshot({ path: '.cache/screens/search-opened.png' });

  await box.fill('submarine');
  await expect(results).toContainText('Nothing matches “submarine”.');
});
