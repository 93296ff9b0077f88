import { addArticle, expect, paintedHighlights, selectPhrase, test } from './fixtures';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('an analyst adds a subtype and an actor with aliases, then tags with only the keyboard in the proposed direction', async ({
  page,
  workbench,
}) => {
  await page.goto(workbench.url);
  await page.getByRole('button', { name: 'Codebook' }).click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  const newCode = codebook.getByRole('form', { name: 'New code' });
  await newCode.getByLabel('Name').fill('Sanctions threat');
  await newCode.getByLabel('Parent').selectOption({ label: 'Threat' });
  await newCode.getByLabel(/Weight/).fill('-7');
  await newCode.getByLabel('Description').fill('A threat of economic sanctions');
  await newCode.getByRole('button', { name: 'Add code' }).click();
  await expect(codebook.getByRole('list', { name: 'Codes' })).toContainText('Sanctions threat -7');
  await page.screenshot({ path: '.cache/screens/coding-codebook.png' });
  await codebook.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Actors' }).click();
  const actors = page.getByRole('dialog', { name: 'Actors' });
  const newActor = actors.getByRole('form', { name: 'New actor' });
  await newActor.getByLabel('Short code').fill('JPN');
  await newActor.getByLabel('Name').fill('Japan');
  await newActor.getByLabel(/Aliases/).fill('Japan, Tokyo');
  await newActor.getByRole('button', { name: 'Add actor' }).click();
  await expect(actors.getByLabel('Aliases of Japan')).toContainText('Tokyo');
  await actors.getByRole('button', { name: 'Close' }).click();

  await addArticle(page, {
    title: 'Tokyo presses Beijing on exports',
    outlet: 'Keyboard Wire',
    date: today(),
    text: 'Markets were calm on Monday. Tokyo warned Beijing that export curbs would be met with sanctions.\n\nNo reply came.',
  });
  const body = page.getByRole('document', { name: 'Article text' });
  await body.focus();
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect
    .poll(() => page.evaluate(() => String(window.getSelection())))
    .toBe('Tokyo warned Beijing that export curbs would be met with sanctions.');
  await page.keyboard.press('Alt+Shift+ArrowRight'); // drop "Tokyo"
  await page.keyboard.press('Shift+ArrowLeft'); // drop the full stop
  await expect
    .poll(() => page.evaluate(() => String(window.getSelection())))
    .toBe('warned Beijing that export curbs would be met with sanctions');
  await page.keyboard.press('Enter');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await expect(popover.getByLabel('Direction')).toHaveText('JPN → CHN');
  await expect(popover).toContainText('Tokyo (JPN) is the speaker; Beijing (CHN) is named in what was said');
  await page.keyboard.press('1');
  // Every code has a key, the analyst's own included: the popover shows it beside the subtype.
  const sanctions = popover.getByLabel(/Subtype/).locator('option', { hasText: 'Sanctions threat' });
  const key = (await sanctions.textContent())!.match(/^(\w) · /)![1]!;
  await page.keyboard.press(key.toLowerCase());
  await expect(popover.getByLabel(/Subtype/)).toHaveValue(/\d+/);
  await expect(popover.getByLabel(/Subtype/).locator('option:checked')).toHaveText(/Sanctions threat/);
  await page.keyboard.press('c');
  await expect(popover.getByLabel(/Confidence/)).toHaveValue('0.75');
  await page.screenshot({ path: '.cache/screens/coding-keyboard-popover.png' });
  await page.keyboard.press('Enter');
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  await expect(tags).toContainText('Sanctions threat JPN→CHN');
  await expect(tags).toContainText('“warned Beijing that export curbs would be met with sanctions”');

  // Swapping the proposal is one key. ] goes on from the tag just saved, so [ steps back first.
  await body.focus();
  await page.keyboard.press('[');
  await page.keyboard.press(']');
  await page.keyboard.press('Enter');
  await expect(popover.getByLabel('Direction')).toHaveText('JPN → CHN');
  await page.keyboard.press('s');
  await expect(popover.getByLabel('Direction')).toHaveText('CHN → JPN');
  await page.keyboard.press('Escape');

  await body.focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Cycle the confidence');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

const TALKS = {
  title: 'Trade talks in the balance',
  outlet: 'Overlap Wire',
  text: 'Officials in Washington threatened to suspend the trade talks unless New Delhi cut its purchases of crude, said Kishida.',
};

test('overlapping tags, several codes on one passage, re-coding, adjusting a passage and an alias from a selected word', async ({
  page,
  workbench,
}) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...TALKS, date: today() });
  await expect(page.getByRole('heading', { name: TALKS.title })).toBeVisible();
  const tags = page.getByRole('region', { name: 'Tags in this article' });

  // An alias from a selected word, in one step.
  await selectPhrase(page, 'Kishida');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await popover.getByRole('group', { name: 'Add “Kishida” as an alias of' }).getByRole('button', { name: 'CHN' }).click();
  await expect(page.getByRole('status')).toContainText('“Kishida” is now an alias of China.');
  await page.keyboard.press('Escape');

  // The text stays where it is as tags arrive (the highlight filter is there, disabled, before the first; the
  // suggestion line keeps its height when a tag takes away the suggestion it covered): a passage selected right after
  // a tag is the passage under the mouse.
  const bodyTop = () => page.locator('.article-body').evaluate((el) => el.getBoundingClientRect().top);
  const top = await bodyTop();
  let made = 0;
  for (const [phrase, key] of [
    ['threatened to suspend the trade talks', '1'],
    ['suspend the trade talks unless New Delhi', '2'],
    ['threatened to suspend the trade talks', '3'],
  ] as const) {
    await selectPhrase(page, phrase);
    await expect(popover).toBeVisible();
    await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await expect(popover).toBeHidden();
    await expect(tags.getByRole('listitem')).toHaveCount(++made);
    expect(await bodyTop()).toBe(top);
  }
  await expect(tags.getByRole('listitem')).toHaveCount(3);
  const painted = await paintedHighlights(page);
  expect(Object.values(painted).flat().sort()).toEqual([
    'suspend the trade talks unless New Delhi',
    'threatened to suspend the trade talks',
    'threatened to suspend the trade talks',
  ]);
  expect(await page.locator('.article-body *').count()).toBe(1);

  // Re-code the overture as a concession from the list.
  await tags.getByRole('button', { name: /Overture/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit tag' });
  await expect(edit).toBeVisible();
  await page.keyboard.press('3');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Tag updated.');
  await expect(tags.getByRole('button', { name: /Overture/ })).toHaveCount(0);

  // Adjust its boundaries: B selects its passage, Shift+→ takes one more word, Enter places it.
  await tags.getByRole('button', { name: /unless New Delhi/ }).click();
  await expect(edit).toBeVisible();
  await page.keyboard.press('b');
  await expect.poll(() => page.evaluate(() => String(window.getSelection()))).toBe('suspend the trade talks unless New Delhi');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Enter');
  await expect(tags).toContainText('“suspend the trade talks unless New Delhi cut”');
  await page.screenshot({ path: '.cache/screens/coding-overlap.png' });

  // Filter the highlights: only threats are painted and clickable.
  await page.keyboard.press('Escape');
  await page.getByRole('group', { name: 'Show highlights' }).getByLabel('Code').selectOption({ label: 'Threat' });
  await expect.poll(async () => Object.values(await paintedHighlights(page)).flat()).toEqual(['threatened to suspend the trade talks']);
  await expect(page.getByRole('group', { name: 'Show highlights' })).toContainText('1 of 3 shown');
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect.poll(async () => Object.values(await paintedHighlights(page)).flat().length).toBe(3);
});
