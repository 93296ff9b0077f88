import type { Page } from '@playwright/test';
import { addArticle, expect, paintedHighlights, test } from './fixtures';
import { daysAgo } from './seedApi';

const today = () => daysAgo(0);

// Written for this test.
const ARTICLE = {
  title: 'Duties and talks',
  outlet: 'Adjust Desk',
  text: [
    'On Monday Washington threatened to impose new tariffs on India if the duties on motorcycles stayed.',
    'The weather in the capital was mild on Tuesday.',
    'India offered to hold trade talks with the United States next month.',
  ].join(' '),
};

const current = async (page: Page) => (await paintedHighlights(page, { suggestions: true }))['parley-suggestion-current'] ?? [];

test('suggestions: the start and the end of a span move before accepting; after undo the sentence is suggested again', async ({
  page,
  workbench,
}) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...ARTICLE, date: today() });
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  await expect(page.getByText('2 suggestions')).toBeVisible();
  const bar = page.getByRole('group', { name: 'Current suggestion' });
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  const body = page.getByRole('document', { name: 'Article text' });
  await body.focus();
  await page.keyboard.press('n');
  await expect(bar).toContainText('Suggestion 1 of 2');
  await expect.poll(() => current(page)).toEqual([ARTICLE.text.split(' The weather')[0]]);

  // ] moves the start a word later (three times), [ a word earlier; Shift+← takes the last word off the end.
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect.poll(() => current(page)).toEqual(['threatened to impose new tariffs on India if the duties on motorcycles stayed.']);
  await page.keyboard.press('[');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => current(page)).toEqual(['Washington threatened to impose new tariffs on India if the duties on motorcycles']);
  await page.screenshot({ path: '.cache/screens/suggest-adjusted-start.png' });

  await page.keyboard.press('Enter');
  await expect(tags).toContainText('“Washington threatened to impose new tariffs on India if the duties on motorcycles”');
  await expect(page.getByText('Accepted as Generic threat.')).toBeVisible();
  await expect
    .poll(async () => (await paintedHighlights(page, { suggestions: true }))['parley-suggestion'])
    .toEqual(['India offered to hold trade talks with the United States next month.']);

  // Undo the accepted suggestion: the tag goes and the sentence is suggested again, without opening the article again.
  await body.focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('Undone: Accept suggestion');
  await expect(tags).not.toContainText('Washington threatened');
  await expect(bar).toContainText('of 2');
  await expect
    .poll(async () => (await paintedHighlights(page, { suggestions: true }))['parley-suggestion'])
    .toEqual([ARTICLE.text.split(' The weather')[0], 'India offered to hold trade talks with the United States next month.']);
  await page.screenshot({ path: '.cache/screens/suggest-after-undo.png' });
});
