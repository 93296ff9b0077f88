import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';

test.use({ sample: true });

const QUOTE = 'Indian authorities released the eleven crew members of an American fishing vessel';

test('an analyst exports the brief and every data format from the Export menu', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /Analyst brief/ }).click();
  const dialog = page.getByRole('dialog', { name: /Analyst brief and data exports/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Analyst \(title page/).fill('Ana Lyst');
  await page.screenshot({ path: '.cache/screens/export-dialog.png' });

  const formats: [string, RegExp, (bytes: Buffer) => void][] = [
    ['brief-html', /-brief\.html$/, (b) => expect(b.toString()).toContain(QUOTE)],
    ['brief-pdf', /-brief\.pdf$/, (b) => expect(b.subarray(0, 5).toString()).toBe('%PDF-')],
    ['brief-docx', /-brief\.docx$/, (b) => expect(strFromU8(unzipSync(b)['word/document.xml']!)).toContain(QUOTE)],
    ['brief-md', /-brief\.md$/, (b) => expect(b.toString()).toContain('Analyst: Ana Lyst')],
    ['quotes-csv', /-quotes\.csv$/, (b) => expect(b.toString()).toContain('"Ana Lyst"')],
    ['events-csv', /-events\.csv$/, (b) => expect(b.toString()).toContain('"cameo_code"')],
    ['series-csv', /-series\.csv$/, (b) => expect(b.toString()).toContain('"combined_M"')],
    ['annotations-jsonld', /-annotations\.jsonld$/, (b) => expect(JSON.parse(b.toString()).type).toBe('AnnotationCollection')],
    ['qdpx', /\.qdpx$/, (b) => expect(Object.keys(unzipSync(b))).toContain('project.qde')],
    ['qdc', /-codebook\.qdc$/, (b) => expect(b.toString()).toContain('urn:QDA-XML:codebook:1.0')],
  ];
  let html = '';
  for (const [format, name, check] of formats) {
    if (!(await dialog.isVisible())) {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: /Analyst brief/ }).click();
    }
    await dialog.getByLabel('Format').selectOption(format);
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(name);
    const bytes = fs.readFileSync((await download.path())!);
    check(bytes);
    if (format === 'brief-html') html = bytes.toString();
    await expect(page.getByRole('status')).toContainText(`Exported ${download.suggestedFilename()}`);
  }

  // The brief opens on its own with script disabled and every request blocked, and shows the quotes.
  const reader = await page.context().browser()!.newContext({ javaScriptEnabled: false });
  const requests: string[] = [];
  await reader.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const briefPage = await reader.newPage();
  await briefPage.setContent(html);
  await expect(briefPage.getByRole('heading', { name: 'United States – India' })).toBeVisible();
  await expect(briefPage.locator('blockquote', { hasText: QUOTE })).toBeVisible();
  await expect(briefPage.getByText('Analyst: Ana Lyst')).toBeVisible();
  await briefPage.screenshot({ path: '.cache/screens/export-brief-html.png', fullPage: true });
  expect(requests).toEqual([]);
  await reader.close();
});

test('an analyst backs up, sees what a restore replaces, and restores', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Backups…' }).click();
  const panel = page.getByRole('dialog', { name: 'Backups' });
  await panel.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status')).toContainText('Backed up to parley-manual-');
  await expect(panel.getByRole('row', { name: /manual/ })).toHaveCount(1);
  await panel
    .getByRole('row', { name: /manual/ })
    .getByRole('button', { name: 'Restore…' })
    .click();
  const confirm = panel.getByRole('alertdialog', { name: 'Confirm restore' });
  await expect(confirm).toContainText(/Now: 6 articles, 4 tags/);
  await expect(confirm).toContainText(/Backup: 6 articles, 4 tags/);
  await page.screenshot({ path: '.cache/screens/export-backups.png' });
  await confirm.getByRole('button', { name: 'Replace the workspace' }).click();
  await expect(page.getByRole('status')).toContainText(/Restored parley-manual-.*saved as parley-pre-restore-/);
  await expect(panel.getByRole('row', { name: /pre-restore/ })).toHaveCount(1);
});

test("an analyst merges a colleague's JSON-LD export and chooses between two codings", async ({ page, workbench }) => {
  // The colleague's file: the sample's annotations, one with another note, as their Parley would write it.
  await page.goto(workbench.url);
  const exported = await page.evaluate(async () => {
    const token = sessionStorage.getItem('parley-token') ?? '';
    const call = async (op: string, input: unknown) =>
      (await (
        await fetch(`/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-parley-token': token },
          body: JSON.stringify(input),
        })
      ).json()) as {
        value: { content: string };
      };
    const rels = (await call('relationships:list', {})) as unknown as { value: { id: number }[] };
    return (await call('export:file', { relationshipId: rels.value[0]!.id, format: 'annotations-jsonld' })).value.content;
  });
  const doc = JSON.parse(exported);
  const item = doc.first.items[0];
  item.creator = { type: 'Person', name: 'Ben Colleague' };
  item.body = item.body.filter((b: { purpose: string }) => b.purpose !== 'commenting');
  item.body.push({ type: 'TextualBody', purpose: 'commenting', value: 'Ben reads this as a bluff.' });
  const file = `${workbench.dir}/ben.jsonld`;
  fs.writeFileSync(file, JSON.stringify(doc));

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Import or merge…' }).click();
  const dialog = page.getByRole('dialog', { name: /Import or merge/ });
  await dialog.getByLabel(/^File/).setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('tags 1 added, 3 duplicates left out, 1 conflicts.');
  const conflicts = dialog.getByRole('region', { name: 'Merge conflicts' });
  await expect(conflicts).toContainText('Ben reads this as a bluff.');
  await expect(conflicts).toContainText('by Ben Colleague');
  await page.screenshot({ path: '.cache/screens/export-merge.png' });
  await conflicts.getByRole('button', { name: 'Keep theirs' }).click();
  await expect(conflicts).toHaveCount(0);
});
