import fs from 'node:fs';
import { addArticle, chartArea, expect, paintedHighlights, selectPhrase, test } from './fixtures';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const ARTICLE = {
  title: 'Tariff deadline looms over trade round',
  outlet: 'Test Desk Wire',
  text:
    'Officials in Washington threatened to suspend the trade talks unless New Delhi cut its purchases of discounted crude.\n\n' +
    'Indian negotiators replied that they were ready to lower duties on farm goods. Both sides will meet again next month.',
};
const THREAT = 'threatened to suspend the trade talks';

test('an analyst pastes an article, tags a passage, sees the score, reloads and exports the report', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await expect(page.getByText('No articles yet.')).toBeVisible();

  await addArticle(page, { ...ARTICLE, date: today() });
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  await expect(page.getByText('No passage of this relationship is tagged yet')).toBeVisible();
  await expect(page.getByTestId('score-m')).toHaveText('–');

  await selectPhrase(page, THREAT);
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await expect(popover).toBeVisible();
  await expect(popover.getByLabel('Direction')).toHaveText('USA → IND');
  await page.keyboard.press('1');
  await expect(popover.getByRole('radio', { name: /Threat/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status')).toContainText('Tagged as Threat.');
  await expect(page.getByTestId('score-m')).toHaveText('-6.00');
  await expect(page.getByTestId('score-a')).toHaveText('1.00');
  const painted = await paintedHighlights(page);
  expect(Object.values(painted).flat()).toContain(THREAT);
  expect(await page.locator('.article-body *').count()).toBe(2); // two paragraphs, no wrapper elements
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText(`“${THREAT}”`);
  await expect(page.getByRole('button', { name: new RegExp(ARTICLE.title) })).toContainText('1');
  await page.screenshot({ path: '.cache/screens/journey-tagged.png' });

  await page.reload();
  await page.getByRole('button', { name: new RegExp(ARTICLE.title) }).click();
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText(`“${THREAT}”`);
  await expect(page.getByTestId('score-m')).toHaveText('-6.00');
  await expect.poll(async () => Object.values(await paintedHighlights(page)).flat()).toContain(THREAT);

  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'HTML report' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^parley-usa-ind-\d{4}-\d{2}-\d{2}\.html$/);
  const html = fs.readFileSync((await download.path())!, 'utf8');
  expect(html).toContain(THREAT);
  expect(html).toContain(ARTICLE.title);
  expect(html).toContain('Test Desk Wire');

  // The report opens on its own, with script disabled and nothing fetched.
  const reportPage = await page.context().browser()!.newPage({ javaScriptEnabled: false });
  const reportRequests: string[] = [];
  reportPage.on('request', (r) => reportRequests.push(r.url()));
  await reportPage.setContent(html);
  await expect(reportPage.getByRole('heading', { name: 'United States – India' })).toBeVisible();
  await expect(reportPage.locator('blockquote')).toHaveText(THREAT);
  expect(reportRequests).toEqual([]);
  await reportPage.close();
});

test('tagging with only the keyboard, with the direction swapped', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...ARTICLE, date: today() });
  const body = page.getByRole('document', { name: 'Article text' });
  await body.focus();
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect
    .poll(() => page.evaluate(() => String(window.getSelection())))
    .toBe('Indian negotiators replied that they were ready to lower duties on farm goods.');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Enter');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await expect(popover).toBeVisible();
  await page.keyboard.press('3');
  await page.keyboard.press('s');
  await expect(popover.getByLabel('Direction')).toHaveText('IND → USA');
  await page.keyboard.press('n');
  await page.keyboard.type('Offer only; not enacted.');
  await page.keyboard.press('Enter');
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  await expect(tags).toContainText('Concession IND→USA');
  // Two word steps back from "goods." drop the full stop, then "goods".
  await expect(tags).toContainText('“Indian negotiators replied that they were ready to lower duties on farm”');
  await expect(tags).toContainText('Offer only; not enacted.');
  await expect(page.getByTestId('score-m')).toHaveText('5.00');
});

test('clicking a highlight edits its code, and Delete removes it', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, { ...ARTICLE, date: today() });
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  await selectPhrase(page, THREAT);
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('score-m')).toHaveText('-6.00');

  await page.getByText('Officials in Washington').click({ position: { x: 300, y: 10 } });
  const edit = page.getByRole('dialog', { name: 'Edit tag' });
  await expect(edit).toBeVisible();
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('score-m')).toHaveText('4.00');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('Overture USA→IND');

  await page.keyboard.press('Delete');
  await expect(page.getByRole('status')).toContainText('Tag deleted.');
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('No tags yet');
  await expect(page.getByTestId('score-m')).toHaveText('–');
  expect(Object.values(await paintedHighlights(page)).flat()).toEqual([]);
});

test('bad input gets a clear message and changes nothing', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  const dialogTitle = 'Add an article';

  // Empty text
  await addArticle(page, { title: 'Nothing here', outlet: 'X', date: today(), text: '   ' });
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  await expect(dialog.getByRole('alert')).toHaveText(/text is empty/);

  // A date in the future
  await dialog.getByLabel('Text').fill('Some text.');
  await dialog.getByLabel('Published').fill('2999-01-01');
  await dialog.getByRole('button', { name: 'Save article' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/in the future/);

  // A 10 MB paste, put straight into the field as a paste would
  await dialog.getByLabel('Published').fill(today());
  await dialog.getByLabel('Text').evaluate((el: HTMLTextAreaElement) => {
    el.value = 'The envoy spoke at length. '.repeat(400_000);
  });
  await dialog.getByRole('button', { name: 'Save article' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/10\.8 MB.*Split it into several articles/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No articles yet.')).toBeVisible();

  // A selection across paragraphs
  await addArticle(page, { ...ARTICLE, date: today() });
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  await selectPhrase(page, 'discounted crude.'); // sanity: one paragraph works…
  await expect(page.getByRole('dialog', { name: 'Tag passage' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.evaluate(() => {
    const ps = document.querySelectorAll('.article-body [data-start]');
    const r = document.createRange();
    r.setStart(ps[0]!.firstChild!, 10);
    r.setEnd(ps[1]!.firstChild!, 10);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(r);
  });
  await page.getByRole('document', { name: 'Article text' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('A tagged passage must lie within one paragraph');
  await expect(page.getByRole('dialog', { name: 'Tag passage' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Tags in this article' })).toContainText('No tags yet');
});

test.describe('with the sample workspace', () => {
  test.use({ sample: true });

  test('the sample is there on first start, its chart leads to evidence, and it can be removed', async ({ page, workbench }) => {
    await page.goto(workbench.url);
    const library = page.getByRole('navigation', { name: 'Library' });
    await expect(library.getByRole('listitem')).toHaveCount(6);
    await expect(page.getByTestId('score-m')).not.toHaveText('–');
    await page.screenshot({ path: '.cache/screens/sample-start.png' });

    // Click the right end of the chart (today): the evidence list shows the quotes behind it.
    const chart = page.getByRole('img', { name: /Sentiment of United States – India/ });
    const box = await chartArea(chart);
    await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
    const evidence = page.getByLabel(/^Evidence on /);
    await expect(evidence.getByRole('listitem')).toHaveCount(4);
    await evidence.getByRole('button', { name: /released the eleven crew members/ }).click();
    await expect(page.getByRole('heading', { name: 'India releases detained American fishing crew' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Edit tag' })).toBeVisible();
    await page.screenshot({ path: '.cache/screens/sample-evidence.png' });
    await page.keyboard.press('Escape');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove sample' }).click();
    await expect(page.getByText('No articles yet.')).toBeVisible();
    await expect(page.getByText('No passage of this relationship is tagged yet')).toBeVisible();
  });
});
