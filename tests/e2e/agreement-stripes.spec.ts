import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { callBrowserServer } from '../support/remote';
import { expect, startServer, stopServer, test } from './fixtures';

/**
 * Several coders' layers side by side in the reader (issue 16). Priya codes an
 * article in her own Parley and sends it as JSON-LD; Asha, who coded the same
 * article, merges it (Priya's layer) and ticks both layers under Stripes:
 * each passage is a stripe in its layer's colour beside the lines it covers,
 * the two coders' stripes of one sentence side by side. The library's tag
 * count follows the layer shown.
 *
 *   sentence 1 "Washington warned …"   Asha THREAT     Priya THREAT
 *   sentence 2 "New Delhi offered …"   Asha OVERTURE   Priya CONCESSION
 *   sentence 3 (own paragraph) "…"     Asha —          Priya CONCESSION
 */
const DAY = '2026-03-02';
const S1 = 'Washington warned New Delhi of new tariffs on steel, aluminium and a long list of farm goods if the talks stalled again.';
const S2 = 'New Delhi offered Washington fresh talks on trade within the month, its commerce ministry said.';
const S3 = 'Washington eased visa rules for Indian students and researchers.';
const TEXT = `${S1} ${S2}\n\n${S3}`;
const TITLE = 'Tariffs and talks';

async function coded(url: string, analyst: string, tags: [string, string][]): Promise<void> {
  const call = <T>(op: string, input: unknown = {}) => callBrowserServer(url, op, input) as Promise<T>;
  await call('export:analyst', { name: analyst });
  const rel = (await call<{ id: number; actorA: { id: number }; actorB: { id: number } }[]>('relationships:list'))[0]!;
  const codes = Object.fromEntries((await call<{ key: string; id: number }[]>('codebook:list')).map((c) => [c.key, c.id]));
  const article = await call<{ id: number }>('articles:create', {
    title: TITLE,
    outlet: 'Wire',
    publishedOn: DAY,
    relationshipId: rel.id,
    text: TEXT,
  });
  for (const [sentence, code] of tags) {
    const start = TEXT.indexOf(sentence);
    await call('annotations:create', {
      articleId: article.id,
      start,
      end: start + sentence.length,
      codeId: codes[code],
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });
  }
}

const box = async (page: Page, layer: string, nth: number) =>
  (await page.locator(`.layer-stripe[data-layer="${layer}"]`).nth(nth).boundingBox())!;

/** The vertical extent of a sentence's lines on screen. */
const lines = (page: Page, sentence: string) =>
  page.evaluate((needle) => {
    for (const p of document.querySelectorAll<HTMLElement>('.article-body [data-start]')) {
      const node = p.firstChild as Text;
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(node, at);
      r.setEnd(node, at + needle.length);
      const rects = [...r.getClientRects()];
      return { top: Math.min(...rects.map((x) => x.top)), bottom: Math.max(...rects.map((x) => x.bottom)) };
    }
    throw new Error(`no “${needle}” in the text`);
  }, sentence);

test('the reader shows two coders’ layers side by side as stripes, and the library counts the layer shown', async ({ page, workbench }) => {
  test.setTimeout(90_000);
  const priyaFile = path.join(workbench.dir, 'priya', 'workspace.sqlite');
  fs.mkdirSync(path.dirname(priyaFile));
  const priya = await startServer(priyaFile, ['--no-sample']);
  let jsonld: string;
  try {
    await coded(priya.url, 'Priya', [
      [S1, 'THREAT'],
      [S2, 'CONCESSION'],
      [S3, 'CONCESSION'],
    ]);
    const rel = ((await callBrowserServer(priya.url, 'relationships:list')) as { id: number }[])[0]!;
    jsonld = (
      (await callBrowserServer(priya.url, 'export:file', {
        format: 'annotations-jsonld',
        relationshipId: rel.id,
        fromDate: '2026-01-01',
      })) as { content: string }
    ).content;
  } finally {
    await stopServer(priya.child);
  }
  await coded(workbench.url, 'Asha', [
    [S1, 'THREAT'],
    [S2, 'OVERTURE'],
  ]);
  const merged = (await callBrowserServer(workbench.url, 'export:import', {
    fileName: 'priya.jsonld',
    contentBase64: Buffer.from(jsonld).toString('base64'),
  })) as { annotationsAdded: number };
  expect(merged.annotationsAdded).toBe(3);

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(workbench.url);
    const library = page.getByRole('navigation', { name: 'Library' });
    // The library counts the analyst's own layer: 2, not the 5 passages of both layers.
    await expect(library.getByLabel('2 tags')).toBeVisible();
    await library.getByRole('button', { name: new RegExp(TITLE) }).click();
    await page.getByRole('checkbox', { name: 'Stripes of Asha' }).check();
    await page.getByRole('checkbox', { name: 'Stripes of Priya' }).check();
    const gutter = page.getByRole('group', { name: 'Layers side by side: Asha, Priya' });
    await expect(gutter.locator('.layer-stripe[data-layer="own"]')).toHaveCount(2);
    await expect(gutter.locator('.layer-stripe[data-layer="coder:Priya"]')).toHaveCount(3);
    await expect(gutter.getByRole('button', { name: /^Priya: Concession, USA→IND, “Washington eased/ })).toBeVisible();

    // Side by side: the two coders' stripes of sentence 1 span its lines, Asha's column left of Priya's, both left of the text.
    const s1 = await lines(page, S1);
    const [a1, p1] = [await box(page, 'own', 0), await box(page, 'coder:Priya', 0)];
    for (const b of [a1, p1]) {
      expect(Math.abs(b.y - s1.top)).toBeLessThan(2);
      expect(Math.abs(b.y + b.height - s1.bottom)).toBeLessThan(2);
    }
    expect(s1.bottom - s1.top).toBeGreaterThan(30); // the sentence wraps: the stripe covers every line of it
    expect(a1.x + a1.width).toBeLessThanOrEqual(p1.x);
    // Sentence 2 ends the line sentence 1 ends on: in each column their stripes sit in two lanes, not one bar.
    const a2 = await box(page, 'own', 1);
    expect(a2.x).toBeGreaterThanOrEqual(a1.x + a1.width);
    expect(a2.x + a2.width).toBeLessThanOrEqual(p1.x);
    const s2 = await lines(page, S2);
    expect(s2.top).toBeLessThan(s1.bottom - 2);
    expect(Math.abs(a2.y - s2.top)).toBeLessThan(2);
    const textLeft = await page.evaluate(() => {
      const p = document.querySelector('.article-body [data-start]')!;
      return p.getBoundingClientRect().left;
    });
    expect(p1.x + p1.width).toBeLessThanOrEqual(textLeft);
    // Priya's third passage sits by sentence 3, where Asha has no stripe.
    const s3 = await lines(page, S3);
    const p3 = await box(page, 'coder:Priya', 2);
    expect(Math.abs(p3.y - s3.top)).toBeLessThan(2);
    fs.mkdirSync('.cache/screens', { recursive: true });
    await page.screenshot({ path: `.cache/screens/layer-stripes-${size.width}.png` });

    // A stripe opens its passage in its layer; the library then counts that layer.
    await gutter.getByRole('button', { name: /^Priya: Concession, USA→IND, “New Delhi offered/ }).click();
    await expect(page.getByLabel('Layer shown')).toHaveValue('coder:Priya');
    await expect(page.getByRole('dialog', { name: 'Edit tag' })).toBeVisible();
    await expect(library.getByLabel('3 tags')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByLabel('Layer shown').selectOption('own');
    await expect(library.getByLabel('2 tags')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Stripes of Asha' }).uncheck();
    await page.getByRole('checkbox', { name: 'Stripes of Priya' }).uncheck();
    await expect(page.locator('.layer-stripes')).toHaveCount(0);
  }
});
