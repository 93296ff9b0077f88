import type { Page } from '@playwright/test';
import { callBrowserServer } from '../support/remote';
import { addArticle, expect, selectPhrase, test } from './fixtures';

const today = () => new Date().toISOString().slice(0, 10);
const selection = (page: Page) => page.evaluate(() => String(window.getSelection()));

const TEXT = [
  'Officials said the U.S. and India are staying at the table. Trump imposed fresh duties on Sept. 5 on Indian steel.',
  'In an effort to increase pressure on Moscow, Trump has asked the European Union to impose tariffs on India.',
  '"We will not bow to pressure," Modi said of the duties from Washington. Talks resume on Monday.',
].join('\n\n');

async function openArticle(page: Page, url: string) {
  await page.goto(url);
  await addArticle(page, { title: 'Duties and talks', outlet: 'Loop Wire', date: today(), text: TEXT });
  const body = page.getByRole('document', { name: 'Article text' });
  await expect(body).toHaveAttribute('data-sentences', 'nlp');
  return body;
}

test('by keyboard, ] goes on from the last passage tagged or cancelled and a sentence is tagged in three keys', async ({
  page,
  workbench,
}) => {
  const body = await openArticle(page, workbench.url);
  await body.focus();
  await page.keyboard.press(']');
  await expect.poll(() => selection(page)).toBe('Officials said the U.S. and India are staying at the table.');
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  // Three keys: the code's key on the selection opens the popover with the code chosen, Enter saves.
  await page.keyboard.press('2');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await expect(popover.getByRole('radio', { name: /Overture/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(tags).toContainText('“Officials said the U.S. and India are staying at the table.”');
  await expect(popover).toBeHidden();

  let keys = 0;
  const press = async (k: string) => {
    keys++;
    await page.keyboard.press(k);
  };
  await press(']');
  await expect.poll(() => selection(page)).toBe('Trump imposed fresh duties on Sept. 5 on Indian steel.');
  await press('1');
  await expect(popover.getByLabel('Direction')).toHaveText('USA → IND');
  await press('Enter');
  await expect(tags).toContainText('“Trump imposed fresh duties on Sept. 5 on Indian steel.”');
  expect(keys).toBe(3);

  // Cancelling also moves the place on.
  await page.keyboard.press(']');
  await expect.poll(() => selection(page)).toMatch(/^In an effort to increase pressure on Moscow/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await page.keyboard.press(']');
  await expect.poll(() => selection(page)).toBe('"We will not bow to pressure," Modi said of the duties from Washington.');
  await page.keyboard.press('Enter');
  await expect(popover.getByLabel('Direction')).toHaveText('IND → USA');
  await expect(popover).toContainText('Modi (IND) is the speaker');
});

test('the EU-tariff sentence is tagged with the open relationship’s pair through the comboboxes, by keyboard', async ({
  page,
  workbench,
}) => {
  const body = await openArticle(page, workbench.url);
  await selectPhrase(page, 'In an effort to increase pressure on Moscow, Trump has asked the European Union to impose tariffs on India.');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await expect(popover.getByLabel('Direction')).toHaveText('USA → IND');
  await expect(popover).toContainText('Trump (USA) is the subject; India (IND) is the object of “impose tariffs on”');
  await page.screenshot({ path: '.cache/screens/loop-popover-eu-1440.png' });
  // The analyst tries the European Union as the source: the pair is no relationship, and the popover says so.
  await page.keyboard.press('a');
  await expect(popover.getByRole('combobox', { name: /Source/ })).toBeFocused();
  await page.keyboard.type('Euro');
  await expect(popover.getByRole('option', { name: /EUR European Union/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(popover.getByLabel('Direction')).toHaveText('EUR → IND');
  await expect(popover.getByRole('status')).toContainText('EUR–IND is no relationship: this tag will count in no score.');
  await page.keyboard.press('Escape'); // leave the field: the popover's keys are back
  await page.keyboard.press('a');
  await page.keyboard.type('Washington'); // an alias
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('t');
  await page.keyboard.type('ind');
  await page.keyboard.press('Enter');
  await expect(popover.getByLabel('Direction')).toHaveText('USA → IND');
  await expect(popover.getByRole('status')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  await expect(tags).toContainText('USA→IND');
  await expect(body).toBeVisible();
});

test('by mouse: a pair that is no relationship is said, the tag is listed among tags in no score, and the relationship is created from the popover', async ({ page, workbench }) => {
  await openArticle(page, workbench.url);
  await selectPhrase(page, 'Trump imposed fresh duties');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  const target = popover.getByRole('combobox', { name: /Target/ });
  await target.click();
  await target.fill('Rus');
  await popover.getByRole('option', { name: /RUS Russia/ }).click();
  await expect(popover.getByLabel('Direction')).toHaveText('USA → RUS');
  await expect(popover.getByRole('status')).toContainText('USA–RUS is no relationship');
  // Saved as it is, the tag is listed in the library among the tags in no score.
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(popover).toBeHidden();
  // The score panel says so too, with the way to fix it.
  const score = page.getByRole('region', { name: 'Running score' });
  await score.getByText('1 tag counts in no score').click();
  await expect(score).toContainText('press R to create the relationship');
  await expect(score.getByRole('button', { name: /USA→RUS “Trump imposed fresh duties”/ })).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByText('Tags in no score').click();
  await expect(library.getByRole('button', { name: /USA→RUS “Trump imposed fresh duties”/ })).toBeVisible();
  await library.getByRole('button', { name: /USA→RUS/ }).click();
  // Editing it, the popover says the same and creates the relationship in one click.
  const edit = page.getByRole('dialog', { name: 'Edit tag' });
  await expect(edit.getByRole('status')).toContainText('USA–RUS is no relationship');
  await edit.getByRole('button', { name: /Create relationship/ }).click();
  await expect(edit.getByRole('status')).toHaveCount(0);
  await expect(score.getByText(/in no score/)).toHaveCount(0);
  const rels = (await callBrowserServer(workbench.url, 'relationships:list')) as { label: string }[];
  expect(rels.map((r) => r.label).join(' ')).toMatch(/Russia|RUS/);
});

test('a new actor is created from the combobox with the selected word as its alias', async ({ page, workbench }) => {
  await openArticle(page, workbench.url);
  await selectPhrase(page, 'Officials');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await page.keyboard.press('a');
  await page.keyboard.type('Trade officials');
  await expect(popover.getByRole('option', { name: 'New actor “Trade officials”' })).toBeVisible();
  await page.keyboard.press('ArrowUp'); // the last option: the new actor
  await page.keyboard.press('Enter');
  await expect(popover.getByLabel('Direction')).toHaveText(/^TRA → /);
  const actors = (await callBrowserServer(workbench.url, 'actors:list')) as { code: string; aliases: string[] }[];
  expect(actors.find((a) => a.code === 'TRA')?.aliases).toEqual(['Trade officials', 'Officials']);
});

test('a codebook of 300 codes: keys for the first, the rest found by name, key or CAMEO code', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  const codes = (await callBrowserServer(workbench.url, 'codebook:list')) as { id: number; key: string }[];
  const threat = codes.find((c) => c.key === 'THREAT')!.id;
  for (let i = 0; i < 300 - codes.length; i++) {
    await callBrowserServer(workbench.url, 'codebook:create', {
      name: `Demand ${String(i).padStart(3, '0')}`,
      parentId: i % 2 ? threat : null,
      weight: -2,
      color: '#884422',
    });
  }
  const body = await openArticle(page, workbench.url);
  await body.focus();
  await page.keyboard.press(']');
  await page.keyboard.press('Enter');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  const box = await popover.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  await page.keyboard.press('/');
  await page.keyboard.type('Demand 250');
  await expect(popover.getByRole('listbox', { name: 'Codes' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(popover.getByRole('combobox', { name: /Find a code/ })).toHaveAttribute('placeholder', /Demand 250/);
  await page.screenshot({ path: '.cache/screens/loop-codebook-300-1440.png' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('Demand 250');
});

test('a key pressed once the tag is listed reaches the reader, while the scores are still being refetched', async ({ page, workbench }) => {
  const body = await openArticle(page, workbench.url);
  // Hold every score refetch until the next sentence is selected: on a loaded machine it is the slowest to come back.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/score%3Aseries/, async (route) => {
    await held;
    await route.continue();
  });
  await body.focus();
  await page.keyboard.press(']');
  await expect.poll(() => selection(page)).toBe('Officials said the U.S. and India are staying at the table.');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('“Officials said the U.S.');
  await page.keyboard.press(']');
  await expect.poll(() => selection(page)).toBe('Trump imposed fresh duties on Sept. 5 on Indian steel.');
  release();
});

test('editing a tag’s source and target through the comboboxes moves the score to the other direction', async ({ page, workbench }) => {
  await openArticle(page, workbench.url);
  await selectPhrase(page, 'Trump imposed fresh duties');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  const score = page.getByRole('region', { name: 'Running score' });
  await expect(score.getByTestId('score-m-ab')).not.toHaveText('–');
  await expect(score.getByTestId('score-m-ba')).toHaveText('–');
  const before = await score.getByTestId('score-m-ab').textContent();
  // Open the tag from the article's tag list, then pick India as the source and the United States as the target.
  await page.getByRole('region', { name: 'Tags in this article' }).getByRole('button', { name: /Trump imposed fresh duties/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit tag' });
  await expect(edit.getByLabel('Direction')).toHaveText('USA → IND');
  await page.keyboard.press('a');
  await expect(edit.getByRole('combobox', { name: /Source/ })).toBeFocused();
  await page.keyboard.type('Ind');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  const target = edit.getByRole('combobox', { name: /Target/ });
  await target.click();
  await target.fill('United');
  await edit.getByRole('option', { name: /USA United States/ }).click();
  await expect(edit.getByLabel('Direction')).toHaveText('IND → USA');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('IND→USA');
  await expect(score.getByTestId('score-m-ab')).toHaveText('–');
  await expect(score.getByTestId('score-m-ba')).toHaveText(before!);
  await page.screenshot({ path: '.cache/screens/loop-edit-direction-1440.png' });
});
