import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { addArticle, expect, filesToDrop, selectPhrase, startServer, stopServer, test } from './fixtures';
import { daysAgo, seedApi } from './seedApi';

const PARAGRAPHS = Array.from(
  { length: 30 },
  (_, i) => `Paragraph ${i + 1}: Washington warned New Delhi over oil purchases, and officials in New Delhi answered the same day.`,
).join('\n\n');

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The Save button is what the analyst sees and hits at its centre, and no message's box reaches it. The boxes are
 * read in one step in the page: a success message times out on its own, and one read apart could be gone by then.
 */
async function saveIsUncovered(page: Page, popover: Locator) {
  const save = popover.getByRole('button', { name: /^Save/ });
  await expect(save).toBeVisible();
  const seen = await save.evaluate((button) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const s = box(button);
    return {
      save: s,
      messages: [...document.querySelectorAll('.messages .message')].map((m) => ({ text: m.textContent ?? '', box: box(m) })),
      hit: document.elementFromPoint(s.x + s.width / 2, s.y + s.height / 2)?.closest('button')?.textContent ?? null,
    };
  });
  expect(seen.messages.length).toBeGreaterThan(0);
  for (const m of seen.messages) expect(overlap(seen.save, m.box), `message over Save: ${m.text}`).toBe(false);
  expect(seen.hit).toMatch(/^Save/);
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`a message never covers the popover’s Save, with the passage near the top or the bottom of the reader (${size.width}×${size.height})`, async ({
    page,
    workbench,
  }) => {
    await page.setViewportSize(size);
    await page.goto(workbench.url);
    await addArticle(page, { title: 'Oil and warnings', outlet: 'Wire', date: daysAgo(1), text: PARAGRAPHS });
    await expect(page.getByRole('heading', { name: 'Oil and warnings' })).toBeVisible();
    // Two messages at once: an error (it stays until dismissed) and a success.
    await selectPhrase(page, 'Paragraph 1: Washington');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Tagged as');
    // ... and an error, which stays up until the next success: a selection across two paragraphs.
    await page.evaluate(() => {
      const [a, b] = [...document.querySelectorAll('.article-body p')].slice(1, 3).map((p) => p.firstChild!);
      const r = document.createRange();
      r.setStart(a!, 5);
      r.setEnd(b!, 5);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(r);
    });
    await page.getByRole('document', { name: 'Article text' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('must lie within one paragraph');
    const popover = page.getByRole('dialog', { name: 'Tag passage' });
    for (const n of [12, 20]) {
      // The paragraph at the very top of the reader's scroll area, then at its bottom.
      for (const block of ['start', 'end'] as const) {
        await page.evaluate(
          ({ n, block }) => document.querySelector(`.article-body p:nth-child(${n})`)!.scrollIntoView({ block }),
          { n, block },
        );
        // Selected as ] selects (the mouse would land on the message over the top line), then Enter.
        await page.evaluate((n) => {
          const node = document.querySelector(`.article-body p:nth-child(${n})`)!.firstChild!;
          const r = document.createRange();
          r.setStart(node, 0);
          r.setEnd(node, 30);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(r);
        }, n);
        await page.getByRole('document', { name: 'Article text' }).focus();
        await page.keyboard.press('Enter');
        await expect(popover).toBeVisible();
        await saveIsUncovered(page, popover);
        if (n === 12 && block === 'start') await page.screenshot({ path: `.cache/screens/loop-toast-popover-top-${size.width}.png` });
        await page.keyboard.press('Escape');
        await expect(popover).toBeHidden();
      }
    }
  });
}

test('a workspace file dropped on the window is merged, and the summary names the codes it added', async ({ page, workbench }) => {
  const seed = await seedApi(workbench.url);
  await seed.call('codebook:create', { name: 'Demand tribute', parentId: null, weight: -2, color: '#884422' });
  await seed.tagged({ title: 'Washington threatens tariffs', daysAgo: 3, code: 'THREAT' });
  await seed.tagged({ title: 'Delhi lifts almond curbs', daysAgo: 2, code: 'CONCESSION', reverse: true });
  const out = await seed.call<{ fileName: string; content: string; encoding: string }>('export:file', {
    format: 'qdpx',
    relationshipId: seed.relationships[0]!.id,
  });
  const file = path.join(workbench.dir, out.fileName);
  fs.writeFileSync(file, Buffer.from(out.content, out.encoding === 'base64' ? 'base64' : 'utf8'));

  const fresh = await startServer(path.join(workbench.dir, 'fresh.sqlite'), ['--no-sample']);
  const context = await page.context().browser()!.newContext();
  const other = await context.newPage();
  try {
    await other.goto(fresh.url);
    await expect(other.getByText('No articles yet.')).toBeVisible();
    const drop = await filesToDrop(other, [file]);
    await drop();
    await expect(other.getByRole('status')).toContainText(`${out.fileName}: articles 2 added`);
    await expect(other.getByRole('status')).toContainText('Demand tribute');
    await other.screenshot({ path: '.cache/screens/loop-drop-qdpx-1440.png' });
    const library = other.getByRole('navigation', { name: 'Library' });
    await other.keyboard.press('Escape');
    await expect(library.getByText('Washington threatens tariffs')).toBeVisible();
  } finally {
    await context.close();
    await stopServer(fresh.child);
  }
});

test('a code’s key is re-assigned in the codebook, the conflict is explained first, and Ctrl+Z undoes it', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await page.getByRole('button', { name: 'Codebook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await dialog.getByRole('button', { name: 'Edit Concession' }).click();
  const keyForm = dialog.getByRole('form', { name: 'Key of Concession' });
  await expect(keyForm).toContainText('Key in the tag popover: 3');
  const input = keyForm.getByLabel('New key');
  await input.fill('s');
  await expect(keyForm.getByRole('status')).toContainText('S is the popover’s key for swap');
  await expect(keyForm.getByRole('button', { name: 'Set key' })).toBeDisabled();
  await input.fill('1');
  await expect(keyForm.getByRole('status')).toContainText('1 is now the key of “Threat”');
  await expect(keyForm.getByRole('status')).toContainText('moves “Threat” to the next free key');
  await page.screenshot({ path: '.cache/screens/loop-codebook-key-1440.png' });
  await keyForm.getByRole('button', { name: 'Set key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'now has the key 1' })).toBeVisible();
  await expect(keyForm).toContainText('Key in the tag popover: 1 (set here)');
  const codes = (await (await seedApi(workbench.url)).call<{ key: string; shortcut: string | null }[]>('codebook:list'));
  expect(codes.find((c) => c.key === 'CONCESSION')?.shortcut).toBe('1');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await (await seedApi(workbench.url)).call<{ key: string; shortcut: string | null }[]>('codebook:list')).find((c) => c.key === 'CONCESSION')?.shortcut).not.toBe('1');
});

test('issue 19 item 4: the popover holds a codebook of 21 top-level codes (screenshot)', async ({ page, workbench }) => {
  const seed = await seedApi(workbench.url);
  for (let i = 0; i < 18; i++) await seed.call('codebook:create', { name: `Top code ${i + 1}`, parentId: null, weight: i % 2 ? 1 : -1, color: '#446688' });
  await page.goto(workbench.url);
  await addArticle(page, { title: 'Oil and warnings', outlet: 'Wire', date: daysAgo(1), text: PARAGRAPHS });
  await expect(page.getByRole('heading', { name: 'Oil and warnings' })).toBeVisible();
  await selectPhrase(page, 'Paragraph 1: Washington warned');
  const popover = page.getByRole('dialog', { name: 'Tag passage' });
  await expect(popover.getByRole('radiogroup', { name: 'Code' }).getByRole('radio')).toHaveCount(21);
  const box = (await popover.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  await page.screenshot({ path: '.cache/screens/issue19-item4-21-codes-1440.png' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(popover).toBeVisible();
  await page.screenshot({ path: '.cache/screens/issue19-item4-21-codes-1024.png' });
});
