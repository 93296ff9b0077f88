import AxeBuilder from '@axe-core/playwright';
import { addArticle, expect, selectPhrase, test } from './fixtures';

const today = () => new Date().toISOString().slice(0, 10);
const TEXT =
  'Officials said the U.S. and India are staying at the table even as Washington imposed fresh duties on Indian steel, and both sides said another round would follow within weeks.\n\n' +
  'In an effort to increase pressure on Moscow, Trump has asked the European Union to impose tariffs on India.';

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`at ${size.width}×${size.height}: no horizontal scroll, at least 60 characters a line, messages clear of the side panel, axe clean`, async ({
    page,
    workbench,
  }) => {
    await page.setViewportSize(size);
    await page.goto(workbench.url);
    await addArticle(page, { title: 'Duties and talks', outlet: 'Loop Wire', date: today(), text: TEXT });
    await expect(page.getByRole('document', { name: 'Article text' })).toHaveAttribute('data-sentences', 'nlp');
    const scroll = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(scroll.doc).toBeLessThanOrEqual(scroll.view);
    // Characters a line: those of the first paragraph's first rendered line.
    const perLine = await page.evaluate(() => {
      const node = document.querySelector<HTMLElement>('.article-body p')!.firstChild as Text;
      const r = document.createRange();
      const top = (i: number) => {
        r.setStart(node, i);
        r.setEnd(node, i + 1);
        return r.getBoundingClientRect().top;
      };
      const first = top(0);
      let n = 0;
      while (n < node.data.length && Math.abs(top(n) - first) < 2) n++;
      return n;
    });
    expect(perLine).toBeGreaterThanOrEqual(60);
    const side = await page.locator('.side').boundingBox();
    expect(side!.x + side!.width).toBeLessThanOrEqual(size.width + 0.5);
    await selectPhrase(page, 'In an effort to increase pressure on Moscow');
    const popover = page.getByRole('dialog', { name: 'Tag passage' });
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    const toast = page.locator('.messages .message').first();
    await expect(toast).toContainText('Tagged as Threat');
    const t = (await toast.boundingBox())!;
    const s = (await page.locator('.side').boundingBox())!;
    expect(t.x + t.width).toBeLessThanOrEqual(s.x);
    await expect(popover).toBeHidden();
    await page.screenshot({ path: `.cache/screens/loop-${size.width}x${size.height}.png` });
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
}

test('at most two messages show, and a success clears the error before it', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await addArticle(page, { title: 'Duties and talks', outlet: 'Loop Wire', date: today(), text: TEXT });
  await expect(page.getByRole('document', { name: 'Article text' })).toHaveAttribute('data-sentences', 'nlp');
  // A selection across paragraphs is refused with an error.
  await page.evaluate(() => {
    const ps = document.querySelectorAll('.article-body [data-start]');
    const r = document.createRange();
    r.setStart(ps[0]!.firstChild!, 5);
    r.setEnd(ps[1]!.firstChild!, 5);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(r);
  });
  await page.getByRole('document', { name: 'Article text' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').locator('.message')).toHaveCount(1);
  for (const phrase of ['Officials said', 'In an effort', 'Trump has asked']) {
    await selectPhrase(page, phrase);
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Tag passage' })).toBeHidden();
  }
  await expect(page.getByRole('alert').locator('.message')).toHaveCount(0);
  await expect(page.locator('.messages .message')).toHaveCount(2);
});
