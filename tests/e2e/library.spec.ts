import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, selectPhrase, test, type Workbench } from './fixtures';

const OUTLETS = ['Harbour Gazette', 'Delta Wire', 'Inland Courier'];

/** Seeds the workspace through Parley's own API (as an import would), to have a library worth scrolling. */
async function seed(request: APIRequestContext, wb: Workbench, count: number): Promise<void> {
  const url = new URL(wb.url);
  const token = url.searchParams.get('token')!;
  for (let start = 0; start < count; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, (_, k) => {
        const i = start + k;
        const day = String(1 + (i % 28)).padStart(2, '0');
        const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
        return request
          .post(`${url.origin}/api/articles:create`, {
            headers: { 'x-parley-token': token },
            data: {
              title: `Dispatch ${String(i).padStart(4, '0')} on the harbour talks`,
              outlet: OUTLETS[i % 3],
              publishedOn: `20${20 + (i % 5)}-${month}-${day}`,
              text: `Dispatch number ${i}. Delegations met again about harbour fees and customs forms.`,
            },
          })
          .then(async (r) => expect((await r.json()).ok).toBe(true));
      }),
    );
  }
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the library scrolls through 600 articles with only the visible rows in the page, sorts and filters', async ({
  page,
  request,
  workbench,
}) => {
  test.setTimeout(120_000);
  await seed(request, workbench, 600);
  await page.goto(workbench.url);
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('listitem').first()).toBeVisible();
  expect(await library.getByRole('listitem').count()).toBeLessThan(60);
  await expect(library.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '600');

  // Newest first by default: the 2024 dispatches lead.
  await expect(library.getByRole('listitem').first()).toContainText('2024-');
  // Scroll to the end: the oldest dispatch is there, and still few rows exist.
  // (Rows are measured as they appear, so the end moves a little: keep scrolling, as an analyst would.)
  await expect
    .poll(async () => {
      await library.locator('.library-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return library.getByRole('listitem').last().getAttribute('aria-posinset');
    })
    .toBe('600');
  await expect(library.getByRole('listitem').last()).toContainText('2020-');
  expect(await library.getByRole('listitem').count()).toBeLessThan(60);

  await library.getByText('Sort and filter').click();
  await library.getByLabel('Sort').selectOption({ label: 'Title' });
  await library.locator('.library-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect(library.getByRole('listitem').first()).toContainText('Dispatch 0000 on the harbour talks');

  await library.getByLabel('Outlet').selectOption({ label: 'Delta Wire (200)' });
  await expect(library).toContainText('200 articles match.');
  await expect(library.getByRole('listitem').first()).toContainText('Dispatch 0001');
  await library.getByLabel('From').fill('2024-01-01');
  await expect(library).toContainText('40 articles match.');
  await page.screenshot({ path: '.cache/screens/library-filtered.png' });
  await library.getByRole('button', { name: 'Clear filters' }).click();
  await expect(library.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '600');
});

test('filters by code and actor; axe finds no serious violation on the main views', async ({ page, request, workbench }) => {
  await seed(request, workbench, 3);
  await page.goto(workbench.url);
  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('button', { name: /Dispatch 0001/ }).click();
  await selectPhrase(page, 'Delegations met again');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('Overture');

  await library.getByText('Sort and filter').click();
  await library.getByLabel('Code').selectOption({ label: 'Overture' });
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await library.getByLabel('Code').selectOption({ label: 'Threat' });
  await expect(library).toContainText('No article matches these filters.');
  await library.getByLabel('Code').selectOption({ label: 'any' });
  await library.getByLabel('Actor').selectOption({ label: 'India (IND)' });
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await library.getByLabel('Actor').selectOption({ label: 'China (CHN)' });
  await expect(library).toContainText('No article matches these filters.');
  await library.getByRole('button', { name: 'Clear filters' }).click();

  expect(await seriousViolations(page), 'reader').toEqual([]);
  await selectPhrase(page, 'harbour fees');
  await expect(page.getByRole('dialog', { name: 'Tag passage' })).toBeVisible();
  expect(await seriousViolations(page), 'tag popover').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox', { name: 'Search articles and notes' }).fill('harbour');
  await expect(page.getByRole('region', { name: 'Search results' })).toBeVisible();
  expect(await seriousViolations(page), 'search').toEqual([]);
  await page.keyboard.press('Escape');
  for (const name of ['Codebook', 'Actors']) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('dialog', { name })).toBeVisible();
    expect(await seriousViolations(page), name).toEqual([]);
    await page.getByRole('dialog', { name }).getByRole('button', { name: 'Close' }).click();
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page), 'dark theme').toEqual([]);
  await page.screenshot({ path: '.cache/screens/library-dark.png' });
});
