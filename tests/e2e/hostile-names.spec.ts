/**
 * Code names, actor names and notes holding markup are shown as text in the
 * interface and escaped in the exports: nothing of them runs.
 */
import fs from 'node:fs';
import { addArticle, expect, selectPhrase, test } from './fixtures';

const HOSTILE_CODE = `<img src=x onerror="document.title='pwned-code'">Ultimatum`;
const HOSTILE_ACTOR = `<script>document.title='pwned-actor'</script>Kessen`;
const HOSTILE_NOTE = `<svg onload="document.title='pwned-note'">=HYPERLINK("http://evil.example","x")`;

test('markup in code names, actor names and notes is shown as text and never runs', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  // Created through the same API the dialogs use.
  const created = await page.evaluate(
    async ({ code, actor }) => {
      const token = sessionStorage.getItem('parley-token')!;
      const call = (op: string, input: unknown) =>
        fetch(`/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-parley-token': token },
          body: JSON.stringify(input),
        }).then((r) => r.json());
      const codes = await call('codebook:list', {});
      const threat = codes.value.find((c: { key: string }) => c.key === 'THREAT');
      const c = await call('codebook:create', { name: code, color: '#aa3355', weight: -7, parentId: threat.id, description: code });
      const a = await call('actors:create', { code: 'KSN', name: actor, aliases: [] });
      return { code: c.ok, actor: a.ok };
    },
    { code: HOSTILE_CODE, actor: HOSTILE_ACTOR },
  );
  expect(created).toEqual({ code: true, actor: true });
  await page.reload();

  await page.getByRole('button', { name: 'Codebook' }).click();
  await expect(page.getByRole('list', { name: 'Codes' })).toContainText(HOSTILE_CODE);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Actors' }).click();
  await expect(page.getByText(HOSTILE_ACTOR).filter({ visible: true }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  await addArticle(page, {
    title: 'Ultimatum at the border',
    outlet: 'Desk',
    date: '2026-01-05',
    text: 'Washington issued an ultimatum to New Delhi over the border talks.',
  });
  await expect(page.getByRole('heading', { name: 'Ultimatum at the border' })).toBeVisible();
  await selectPhrase(page, 'issued an ultimatum');
  await page.keyboard.press('1');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  const subtype = popover.getByLabel('Subtype');
  const label = (await subtype.locator('option').allTextContents()).find((o) => o.includes('onerror'))!;
  expect(label).toContain(HOSTILE_CODE); // listed as text
  await subtype.selectOption({ label });
  await popover.getByLabel('Note').fill(HOSTILE_NOTE);
  await page.keyboard.press('Enter');
  const tags = page.getByRole('region', { name: 'Tags in this article' });
  await expect(tags).toContainText(HOSTILE_NOTE);
  await expect(tags).toContainText('Ultimatum');

  // Nothing ran, and no element came out of the markup.
  expect(await page.title()).toBe('Parley');
  expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);

  // The HTML report escapes them too.
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'HTML report' }).click();
  const html = fs.readFileSync((await (await downloading).path())!, 'utf8');
  expect(html).not.toMatch(/<img src=x|<svg onload|<script>document/);
  expect(html).toContain('&lt;svg onload=');
});
