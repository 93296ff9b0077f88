import { addArticle, expect, paintedHighlights, selectPhrase, test } from './fixtures';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const ARTICLE = {
  title: 'Envoys trade warnings before the summit',
  outlet: 'Undo Desk',
  text: 'Officials in Washington threatened to suspend the trade talks.\n\nNew Delhi offered to lower duties on farm goods.',
};

test('undo and redo of tagging work with the keys and survive a reload; the history lists them', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...ARTICLE, date: today() });
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  const tags = page.getByRole('region', { name: 'Tags in this article' });

  await selectPhrase(page, 'threatened to suspend the trade talks');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(tags).toContainText('“threatened to suspend the trade talks”');

  // Undo with the keyboard, from the article text.
  await page.getByRole('document', { name: 'Article text' }).focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('Undone: Tag “threatened to suspend the trade talks” as Threat.');
  await expect(tags).toContainText('No tags yet');
  await expect.poll(async () => Object.values(await paintedHighlights(page)).flat()).toEqual([]);

  // The undo is kept in the workspace: after a reload, redo brings the tag back.
  await page.reload();
  await page.getByRole('button', { name: new RegExp(ARTICLE.title) }).click();
  await expect(tags).toContainText('No tags yet');
  await page.getByRole('document', { name: 'Article text' }).focus();
  await page.keyboard.press('Control+Shift+Z');
  await expect(tags).toContainText('“threatened to suspend the trade talks”');
  await expect.poll(async () => Object.values(await paintedHighlights(page)).flat()).toContain('threatened to suspend the trade talks');

  await page.reload();
  await page.getByRole('button', { name: new RegExp(ARTICLE.title) }).click();
  await expect(tags).toContainText('“threatened to suspend the trade talks”');
  await page.getByText('History', { exact: true }).click();
  const history = page.getByRole('list', { name: 'Changes, newest first' });
  await expect(history.getByRole('listitem')).toHaveText([
    /Redid: Tag “threatened to suspend the trade talks” as Threat/,
    /Undid: Tag “threatened to suspend the trade talks” as Threat/,
    /^\S+.*Tag “threatened to suspend the trade talks” as Threat/,
    new RegExp(`^\\S+.*Add article “${ARTICLE.title}”`),
  ]);
  const undo = page.getByRole('button', { name: /^Undo/ });
  await undo.click();
  await expect(tags).toContainText('No tags yet');
  // Adding the article is an undoable change too: undone, it leaves the library.
  await expect(undo).toHaveAttribute('title', `Undo: Add article “${ARTICLE.title}”`);
  await undo.click();
  await expect(page.getByRole('status')).toContainText(`Undone: Add article “${ARTICLE.title}”.`);
  await expect(page.getByRole('button', { name: new RegExp(ARTICLE.title) })).toHaveCount(0);
  // The reader, which had it open, says where it went (not the server's "There is no article with id N").
  await expect(page.getByRole('region', { name: 'Reader' })).toContainText('This article is no longer in the workspace');
  await expect(undo).toBeDisabled();
  // Nothing left to undo: the key says so.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('alert').filter({ hasText: 'There is nothing to undo.' })).toBeVisible();
  await page.screenshot({ path: '.cache/screens/undo-history.png' });
});
