import { addArticle, expect, selectPhrase, test } from './fixtures';

const today = () => new Date().toISOString().slice(0, 10);

test('articles are deleted several at once with their tags, after a confirmation, and Ctrl+Z brings them back', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  for (const title of ['Alpha dispatch', 'Beta dispatch', 'Gamma dispatch']) {
    await addArticle(page, { title, outlet: 'Wire', date: today(), text: `${title}: Washington warned New Delhi over oil.` });
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  await selectPhrase(page, 'Washington warned New Delhi');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('USA→IND');
  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('checkbox', { name: 'Tick “Gamma dispatch”' }).check();
  await library.getByRole('checkbox', { name: 'Tick “Beta dispatch”' }).check();
  await library.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete articles' });
  await expect(confirm).toContainText('Delete 2 articles and 1 tag that go with them?');
  await confirm.getByRole('button', { name: 'Delete 2 articles and 1 tag' }).click();
  await expect(library.getByRole('button', { name: /Beta dispatch/ })).toHaveCount(0);
  await expect(library.getByRole('button', { name: /Gamma dispatch/ })).toHaveCount(0);
  await expect(library.getByRole('button', { name: /Alpha dispatch/ })).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(library.getByRole('button', { name: /Gamma dispatch/ })).toBeVisible();
  await library.getByRole('button', { name: /Gamma dispatch/ }).click();
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('USA→IND');
});

test('an article’s title, outlet, author, date and URL are edited, undoably and in the history', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, { title: 'Draft title', outlet: 'Wire', date: today(), text: 'Washington warned New Delhi over oil.' });
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Article details' });
  await dialog.getByLabel('Title').fill('Corrected title');
  await dialog.getByLabel('Outlet').fill('Desk Wire');
  await dialog.getByLabel('Author').fill('R. Rao');
  await dialog.getByLabel('Published').fill('2026-01-05');
  await dialog.getByLabel('URL').fill('not a url');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog.getByRole('alert')).toContainText('http');
  await dialog.getByLabel('URL').fill('https://example.org/story');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Corrected title' })).toBeVisible();
  await expect(page.locator('.byline')).toContainText('Desk Wire · 2026-01-05 · R. Rao');
  await page.getByText('History').click();
  await expect(page.getByRole('region', { name: /History/ }).or(page.locator('details', { hasText: 'History' }))).toContainText('Edit details of “Draft title”');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('heading', { name: 'Draft title' })).toBeVisible();
});
