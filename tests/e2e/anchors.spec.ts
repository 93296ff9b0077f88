import { addArticle, expect, paintedHighlights, selectPhrase, test } from './fixtures';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const ARTICLE = {
  title: 'Negotiators edge toward a deal',
  outlet: 'Anchor Wire',
  text:
    'Officials in Washington threatened to suspend the trade talks unless New Delhi cut its purchases of crude.\n\n' +
    'Indian negotiators replied that they were ready to lower duties on farm goods. Both sides will meet next month.',
};

test('an analyst corrects an article: tags move with their passages, a lost one is listed and placed again by hand', async ({
  page,
  workbench,
}) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...ARTICLE, date: today() });
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  for (const [phrase, key] of [
    ['threatened to suspend the trade talks', '1'],
    ['ready to lower duties on farm goods', '3'],
  ] as const) {
    await selectPhrase(page, phrase);
    await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await expect(tags).toContainText(`“${phrase}”`);
  }

  // Edit: a word before the first passage, and the second passage deleted.
  await page.getByRole('button', { name: 'Edit text' }).click();
  const editor = page.getByRole('form', { name: 'Edit the article text' });
  const field = editor.getByLabel('Article text');
  await expect(field).toHaveValue(ARTICLE.text);
  await field.fill(
    ARTICLE.text
      .replace('Officials in Washington', 'Senior officials in Washington')
      .replace(' that they were ready to lower duties on farm goods', ''),
  );
  await page.screenshot({ path: '.cache/screens/anchors-editing.png' });
  await editor.getByRole('button', { name: 'Save text' }).click();
  await expect(page.getByRole('alert')).toContainText('1 tag placed again; 1 could not be found in the new text');
  await expect(page.getByText('Senior officials in Washington')).toBeVisible();
  await expect.poll(async () => Object.values(await paintedHighlights(page)).flat()).toEqual(['threatened to suspend the trade talks']);

  const orphans = page.getByRole('region', { name: 'Not found in the text' });
  await expect(orphans).toContainText('“ready to lower duties on farm goods”');
  await page.screenshot({ path: '.cache/screens/anchors-orphan.png' });

  await orphans.getByRole('button', { name: 'Place by hand' }).click();
  await expect(page.getByText('Placing the tag “ready to lower duties on farm goods”')).toBeVisible();
  await selectPhrase(page, 'Both sides will meet next month');
  await expect(page.getByRole('status')).toContainText('Tag placed on “Both sides will meet next month”');
  await expect(orphans).toHaveCount(0);
  await expect(tags).toContainText('“Both sides will meet next month”');
  await expect
    .poll(async () =>
      Object.values(await paintedHighlights(page))
        .flat()
        .sort(),
    )
    .toEqual(['Both sides will meet next month', 'threatened to suspend the trade talks']);

  // The whole correction can be undone.
  await page.getByRole('document', { name: 'Article text' }).focus();
  await page.keyboard.press('Control+z'); // the placement
  await expect(page.getByRole('status')).toContainText('Undone: Move tag “ready to lower duties on farm goods”');
  await page.keyboard.press('Control+z'); // the text edit
  await expect(page.getByRole('status')).toContainText('Undone: Edit the text of “Negotiators edge toward a deal”');
  await expect(page.getByText(/^Officials in Washington threatened/)).toBeVisible();
  await expect(tags).toContainText('“ready to lower duties on farm goods”');
  await expect(page.getByRole('region', { name: 'Not found in the text' })).toHaveCount(0);
});
