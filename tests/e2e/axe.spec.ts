import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, selectPhrase, test } from './fixtures';
import { seedApi } from './seedApi';

/**
 * Every axe violation of any impact, one line each, so that a failure says what and where. On the dark theme only
 * the colour rules run again: the other rules read the page's structure, which the theme does not change.
 */
async function violations(page: Page, dark: boolean): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const result = await (dark ? axe.withRules(['color-contrast', 'link-in-text-block']) : axe).analyze();
  return result.violations.map((v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const)
  test(`axe finds no violation of any impact in any view or dialog (${scheme} theme)`, async ({ page, workbench }) => {
    test.setTimeout(300_000);
    const seed = await seedApi(workbench.url);
    await seed.tagged({ title: 'Washington threatens tariffs', daysAgo: 20, code: 'THREAT.NONFORCE' });
    await seed.tagged({ title: 'Delhi answers with duties', daysAgo: 15, code: 'THREAT', reverse: true });
    await seed.tagged({ title: 'Delhi lifts almond curbs', daysAgo: 10, code: 'CONCESSION.EASE', reverse: true });
    await page.goto(workbench.url);
    const found: Record<string, string[]> = {};
    const dark = scheme === 'dark';
    await page.emulateMedia({ colorScheme: scheme });
    const check = async (view: string, visible?: Locator) => {
      if (visible) await expect(visible).toBeVisible();
      const v = await violations(page, dark);
      if (v.length) found[view] = v;
    };
    const library = page.getByRole('navigation', { name: 'Library' });

    {
      const at = (view: string) => `${view} (${scheme})`;
      await check(at('empty reader'), library);

      // The reader with tags, the side panel's tabs, a day's evidence with Why this score, the history.
      await library.getByRole('button', { name: /Washington threatens tariffs/ }).click();
      await check(at('reader'), page.getByRole('heading', { name: 'Washington threatens tariffs' }));
      for (const tab of ['Calendar', 'Marks', 'Sources', 'Timeline']) {
        await page.getByRole('tab', { name: tab }).click();
        await check(at(`score: ${tab}`), page.getByRole('tab', { name: tab, selected: true }));
      }
      const chart = page.getByRole('slider', { name: /^Sentiment of/ });
      await chart.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Why this score' }).click();
      await check(at('evidence and Why this score'), page.getByRole('table', { name: /^Why this score on/ }));
      await page.getByRole('button', { name: 'Close evidence' }).click();
      await page.getByText('History', { exact: true }).click();
      await check(at('history'), page.getByRole('list', { name: 'Changes, newest first' }));
      await page.getByText('History', { exact: true }).click();

      // The tag popover, search results, the library's filters.
      await selectPhrase(page, 'Officials said so');
      await check(at('tag popover'), page.getByRole('dialog', { name: 'Tag passage' }));
      await page.keyboard.press('Escape');
      await page.getByRole('searchbox', { name: 'Search articles and notes' }).fill('Delhi');
      await check(at('search results'), page.getByRole('region', { name: 'Search results' }));
      await page.keyboard.press('Escape');
      await library.getByText('Sort and filter').click();
      await check(at('library filters'), library.getByLabel('Code'));
      await library.getByText('Sort and filter').click();

      // Edit text.
      await page.getByRole('button', { name: 'Edit text' }).click();
      await check(at('edit text'), page.getByRole('form', { name: 'Edit the article text' }));
      await page.getByRole('form', { name: 'Edit the article text' }).getByRole('button', { name: 'Cancel' }).click();

      // Dialogs opened from buttons.
      const dialogs: [string, string, string][] = [
        ['Compare', 'Compare relationships', 'Close'],
        ['Codebook', 'Codebook', 'Close'],
        ['Actors', 'Actors', 'Close'],
        ['Add article', 'Add an article', 'Cancel'],
        ['Import…', 'Import articles', 'Escape'],
        ['Connect to a desk…', 'Desk', 'Close'],
      ];
      for (const [button, title, close] of dialogs) {
        await page.getByRole('button', { name: button, exact: true }).click();
        await check(at(title), page.getByRole('dialog', { name: title }));
        if (close === 'Escape') await page.keyboard.press('Escape');
        else await page.getByRole('dialog', { name: title }).getByRole('button', { name: close, exact: true }).first().click();
        await expect(page.getByRole('dialog', { name: title })).toHaveCount(0);
      }
      await page.locator('.article-body').focus();
      await page.keyboard.press('?');
      await check(at('keyboard shortcuts'), page.getByRole('dialog', { name: 'Keyboard shortcuts' }));
      await page.keyboard.press('Escape');

      // The Export menu and each of its dialogs; Backups with a backup and a restore preview.
      const exportButton = page.getByRole('button', { name: 'Export', exact: true });
      await exportButton.click();
      await check(at('export menu'), page.getByRole('menu', { name: 'Export' }));
      await page.keyboard.press('Escape');
      const fromMenu: [RegExp | string, RegExp][] = [
        [/Analyst brief/, /^Analyst brief and data exports/],
        [/Data exports/, /^Analyst brief and data exports/],
        [/REFI-QDA/, /^Analyst brief and data exports/],
        ['Import or merge…', /^Import or merge/],
        ['Backups…', /^Backups$/],
      ];
      for (const [item, title] of fromMenu) {
        await exportButton.click();
        await page.getByRole('menuitem', { name: item }).click();
        const dialog = page.getByRole('dialog', { name: title });
        await check(at(`export: ${String(item)}`), dialog);
        if (String(item) === 'Backups…') {
          await dialog.getByRole('button', { name: 'Back up now' }).click();
          await dialog.getByRole('button', { name: 'Restore…' }).first().click();
          await expect(dialog.getByLabel('Confirm restore')).toContainText('The backup holds the same articles and tags');
          await check(at('backups: restore preview'), dialog.getByLabel('Confirm restore'));
          await dialog.getByRole('button', { name: 'Cancel' }).click();
        }
        await dialog
          .getByRole('button', { name: /^(Close|Cancel)$/ })
          .last()
          .click();
        await expect(dialog).toHaveCount(0);
      }
    }
    await page.screenshot({ path: `.cache/screens/axe-${scheme}-end.png` });
    expect(found).toEqual({});
  });
