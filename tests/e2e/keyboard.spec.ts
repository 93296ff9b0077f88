import { expect, test } from './fixtures';
import { daysAgo, seedApi } from './seedApi';

test('the score chart works from the keyboard: focus, arrows move the day with its values said, Enter opens its evidence and Why this score', async ({
  page,
  workbench,
}) => {
  const seed = await seedApi(workbench.url);
  await seed.tagged({ title: 'Washington threatens tariffs', daysAgo: 20, code: 'THREAT' });
  await seed.tagged({ title: 'Delhi lifts almond curbs', daysAgo: 10, code: 'CONCESSION', reverse: true });
  await page.goto(workbench.url);

  const chart = page.getByRole('slider', { name: /^Sentiment of United States – India/ });
  await expect(chart).toBeVisible();
  // Reached with Tab from the control before it, like any other control.
  await page.getByRole('radio', { name: 'Pressure R' }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(chart).toBeFocused();

  // The day starts at today; End and Home go to the ends, arrows and Page keys move by a day and a week.
  await expect(chart).toHaveAttribute('aria-valuetext', new RegExp(`^${daysAgo(0)}: M both `));
  await page.keyboard.press('Home');
  const first = (await chart.getAttribute('aria-valuetext'))!;
  expect(first.slice(0, 10) <= daysAgo(20)).toBe(true);
  await page.keyboard.press('End');
  await page.keyboard.press('PageDown');
  await expect(chart).toHaveAttribute('aria-valuetext', new RegExp(`^${daysAgo(7)}: `));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  // Ten days ago the concession IND→USA weighs in: the value is said, and the legend shows the same day.
  await expect(chart).toHaveAttribute('aria-valuetext', new RegExp(`^${daysAgo(9)}: M both -?\\d`));
  await page.keyboard.press('ArrowLeft');
  const said = (await chart.getAttribute('aria-valuetext'))!;
  expect(said).toMatch(new RegExp(`^${daysAgo(10)}: M both \\d+\\.\\d\\d, USA→IND −\\d+\\.\\d\\d, IND→USA \\d+\\.\\d\\d$`));
  await expect(chart.locator('.u-legend')).toContainText(daysAgo(10));
  await page.screenshot({ path: '.cache/screens/keyboard-chart-day.png' });

  // Enter opens that day's evidence; the keyboard lands on "Why this score", and Enter opens it.
  await page.keyboard.press('Enter');
  const evidence = page.getByLabel(`Evidence on ${daysAgo(10)}`);
  await expect(evidence.getByRole('heading')).toHaveText(`Evidence on ${daysAgo(10)}`);
  await expect(evidence.locator('.evidence-items > li')).toHaveCount(2);
  const why = evidence.getByRole('button', { name: 'Why this score' });
  await expect(why).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: `Why this score on ${daysAgo(10)}` })).toBeVisible();
  await page.screenshot({ path: '.cache/screens/keyboard-chart-why.png', fullPage: true });

  // Back on the chart, the day is kept (after the chart redrew with the marked day).
  await chart.focus();
  await expect(chart).toHaveAttribute('aria-valuetext', new RegExp(`^${daysAgo(10)}: `));
});

test('the Export menu follows the menu pattern, and every dialog gives the focus back to what opened it', async ({ page, workbench }) => {
  const seed = await seedApi(workbench.url);
  await seed.tagged({ title: 'Washington threatens tariffs', daysAgo: 3, code: 'THREAT' });
  await page.goto(workbench.url);
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /Washington threatens tariffs/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Washington threatens tariffs' })).toBeVisible();

  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  const menu = page.getByRole('menu', { name: 'Export' });
  const item = (name: string | RegExp) => menu.getByRole('menuitem', { name });

  // Opened with the mouse, the focus stays on the button: arrows and Escape still work there.
  await exportButton.click();
  await expect(menu).toBeVisible();
  await expect(exportButton).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(exportButton).toBeFocused();
  await exportButton.click();
  await page.keyboard.press('ArrowDown');
  await expect(item(/Analyst brief/)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // From the keyboard: ↓ opens on the first item, ↑ on the last; arrows wrap, Home/End jump, Escape closes onto the button.
  await exportButton.focus();
  await page.keyboard.press('ArrowDown');
  await expect(item(/Analyst brief/)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item(/Data exports/)).toBeFocused();
  await page.keyboard.press('End');
  await expect(item('Backups…')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item(/Analyst brief/)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(item('Backups…')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(item(/Analyst brief/)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(exportButton).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(item('Backups…')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(item(/Analyst brief/)).toBeFocused();
  await page.keyboard.press('Escape');

  // Each dialog of the menu, closed with Escape or its Close button, gives the focus back to the Export button.
  const dialogs: [RegExp | string, RegExp, string][] = [
    [/Analyst brief/, /brief|Export/i, 'Escape'],
    [/Data exports/, /Export/i, 'Cancel'],
    [/REFI-QDA/, /Export/i, 'Escape'],
    ['Import or merge…', /Import/i, 'Close'],
    ['Backups…', /Backups/, 'Escape'],
  ];
  for (const [name, title, how] of dialogs) {
    await exportButton.focus();
    await page.keyboard.press('ArrowDown');
    await item(name).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    if (how === 'Escape') await page.keyboard.press('Escape');
    else await dialog.getByRole('button', { name: how, exact: true }).last().click();
    await expect(dialog).toHaveCount(0);
    await expect(exportButton, `focus after ${String(name)}`).toBeFocused();
  }

  // Compare, Codebook, Actors, Add article, Import…: back to the button that opened them.
  const opened: [string, string, 'Escape' | 'Close' | 'Cancel'][] = [
    ['Compare', 'Compare relationships', 'Escape'],
    ['Codebook', 'Codebook', 'Close'],
    ['Actors', 'Actors', 'Escape'],
    ['Add article', 'Add an article', 'Cancel'],
    ['Import…', 'Import articles', 'Escape'],
  ];
  for (const [button, title, how] of opened) {
    const opener = page.getByRole('button', { name: button, exact: true });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    if (how === 'Escape') await page.keyboard.press('Escape');
    else await dialog.getByRole('button', { name: how, exact: true }).first().click();
    await expect(dialog).toHaveCount(0);
    await expect(opener, `focus after ${title}`).toBeFocused();
  }

  // The shortcuts list, opened with ? from the article text, gives the focus back to the text.
  const body = page.locator('.article-body');
  await body.focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(body).toBeFocused();

  // Edit text replaces its button with the editor: Cancel and Escape both bring the focus back to Edit text.
  const edit = page.getByRole('button', { name: 'Edit text' });
  await edit.click();
  await page.getByRole('form', { name: 'Edit the article text' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeFocused();
  await edit.click();
  await page.getByRole('textbox', { name: 'Article text' }).focus();
  await page.keyboard.press('Escape');
  await expect(edit).toBeFocused();
});
