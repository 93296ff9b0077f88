import { addArticle, expect, paintedHighlights, test } from './fixtures';
import { daysAgo } from './seedApi';

const today = () => daysAgo(0);

// Written for this test.
const ARTICLE = {
  title: 'Tariff threats and offers of talks',
  outlet: 'Suggest Desk',
  text: [
    'Washington threatened to impose new tariffs on India if the duties on motorcycles stayed.',
    'The weather in the capital was mild on Tuesday.',
    'India offered to hold trade talks with the United States next month.',
    'New Delhi cut its import duties on American almonds.',
  ].join(' '),
};

test('suggestions: step through, accept with Enter, reject, accept with another code; tags and score follow; the rejection stays after reload', async ({
  page,
  workbench,
}) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...ARTICLE, date: today() });
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  const bar = page.getByRole('group', { name: 'Current suggestion' });
  await expect(page.getByText('3 suggestions')).toBeVisible();
  // Drawn as their own highlight, not as tags.
  await expect
    .poll(async () => (await paintedHighlights(page, { suggestions: true }))['parley-suggestion'])
    .toEqual([
      'Washington threatened to impose new tariffs on India if the duties on motorcycles stayed.',
      'India offered to hold trade talks with the United States next month.',
      'New Delhi cut its import duties on American almonds.',
    ]);
  const scoreBefore = await page.getByTestId('score-m').textContent();

  const body = page.getByRole('document', { name: 'Article text' });
  await body.focus();
  await page.keyboard.press('n');
  await expect(bar).toContainText('Suggestion 1 of 3');
  await expect(bar).toContainText('Generic threat');
  await expect(bar).toContainText('USA → IND');
  await page.keyboard.press('n');
  await expect(bar).toContainText('Suggestion 2 of 3');
  await page.keyboard.press('p');
  await expect(bar).toContainText('Suggestion 1 of 3');
  await page.screenshot({ path: '.cache/screens/suggest-current.png' });

  // Enter accepts the threat as proposed.
  await page.keyboard.press('Enter');
  await expect(tags).toContainText('“Washington threatened to impose new tariffs');
  await expect(page.getByTestId('score-m')).not.toHaveText(scoreBefore ?? '');
  // The next suggestion (the overture) is current: reject it.
  await expect(bar).toContainText('Intent to cooperate or negotiate');
  await expect(bar).toContainText('IND → USA');
  await page.keyboard.press('x');
  await expect(page.getByText('Suggestion rejected')).toBeVisible();
  // The concession, accepted as an overture instead (key 2), with the direction swapped first.
  await expect(bar).toContainText('Ease economic sanctions');
  await page.keyboard.press('s');
  await expect(bar).toContainText('USA → IND');
  await page.keyboard.press('2');
  await expect(tags).toContainText('“New Delhi cut its import duties on American almonds.”');
  await expect(page.getByText('No suggestions for this article.')).toBeVisible();
  const tagList = await tags.textContent();
  expect(tagList).toMatch(/Overture/);

  // After a reload the rejected suggestion does not come back, and the tags are ordinary tags.
  await page.reload();
  await page.getByRole('button', { name: new RegExp(ARTICLE.title) }).click();
  await expect(tags).toContainText('“Washington threatened to impose new tariffs');
  await expect(tags).toContainText('“New Delhi cut its import duties on American almonds.”');
  await expect(page.getByText('No suggestions for this article.')).toBeVisible();
  await page.getByText('History', { exact: true }).click();
  const history = page.getByRole('list', { name: 'Changes, newest first' });
  await expect(history.getByRole('listitem').first()).toContainText('Accept suggestion: tag “New Delhi cut its import duties');
  await expect(history).toContainText('Reject suggestion “India offered to hold trade talks');
  await page.screenshot({ path: '.cache/screens/suggest-after-reload.png' });
});

test('batch: suggest for the listed articles with progress, filter by code, accept many at once; the codebook shows the measured quality', async ({
  page,
  workbench,
}) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...ARTICLE, date: today() });
  await addArticle(page, {
    title: 'Beijing and New Delhi',
    outlet: 'Suggest Desk',
    date: today(),
    text: 'China warned India against any new deployment near the border. Beijing offered New Delhi a fresh round of border talks.',
  });
  await page.getByRole('button', { name: 'Suggest…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Suggestions for the listed articles' });
  await dialog.getByRole('button', { name: 'Suggest for the listed articles' }).click();
  await expect(dialog.getByText('2 of 2 articles')).toBeVisible();
  const rows = dialog.getByRole('table', { name: 'Suggestions' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await dialog.getByLabel('Code').selectOption({ label: 'Threat' });
  await expect(rows).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Select all shown (2)' }).click();
  await dialog.getByRole('button', { name: 'Accept selected' }).click();
  await expect(page.getByText('Accepted 2 of 2 suggestions.')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await dialog.getByLabel('Code').selectOption({ label: 'all' });
  await expect(rows).toHaveCount(3);
  await page.screenshot({ path: '.cache/screens/suggest-review.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The two accepted threats are tags of their articles.
  await page.getByRole('button', { name: /Beijing and New Delhi/ }).click();
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('“China warned India against any new deployment');

  await page.getByRole('button', { name: 'Codebook' }).click();
  const quality = page.getByRole('region', { name: 'Suggestion quality' });
  await expect(quality.getByRole('row')).toHaveCount(4);
  await expect(quality.getByLabel('Suggestion threshold for Threat (per cent)')).toHaveValue('50');
});
