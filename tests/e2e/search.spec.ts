import { addArticle, expect, paintedHighlights, selectPhrase, test } from './fixtures';

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

test('a title match ranks above a match in the text, and a word of a note finds its tag', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, {
    title: 'Fisheries talks resume',
    outlet: 'Search Desk',
    date: today(),
    text: 'Delegates discussed quotas. One of them mentioned the blockade only in passing.',
  });
  await addArticle(page, {
    title: 'Blockade of the strait feared',
    outlet: 'Other Wire',
    date: today(),
    text: 'Shipping companies rerouted vessels as tensions rose.',
  });
  await expect(page.getByRole('heading', { name: 'Blockade of the strait feared' })).toBeVisible();
  await selectPhrase(page, 'rerouted vessels');
  await page.keyboard.press('1');
  await page.getByRole('dialog', { name: 'Tag passage' }).getByLabel('Note').fill('Insurers priced in a convoy escort.');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('convoy escort');

  const box = page.getByRole('searchbox', { name: 'Search articles and notes' });
  await box.fill('blockade');
  const results = page.getByRole('region', { name: 'Search results' });
  const hits = results.getByRole('list', { name: 'Articles' }).getByRole('listitem');
  await expect(hits).toHaveCount(2);
  await expect(hits.nth(0)).toContainText('Blockade of the strait feared');
  await expect(hits.nth(0).locator('.title mark')).toHaveText('Blockade');
  await expect(hits.nth(1)).toContainText('Fisheries talks resume');

  await box.fill('convoy');
  await expect(results.getByRole('list', { name: 'Articles' })).toHaveCount(0);
  const notes = results.getByRole('list', { name: 'Notes' }).getByRole('listitem');
  await expect(notes).toHaveCount(1);
  await expect(notes.first()).toContainText('Blockade of the strait feared');
  await expect(notes.first().locator('mark')).toHaveText('convoy');
  await notes.first().getByRole('button').click();
  await expect(results).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Blockade of the strait feared' })).toBeVisible();
});
