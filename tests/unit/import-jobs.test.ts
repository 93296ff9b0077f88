import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportStatus } from '../../shared/api/importSchemas';
import { importPaths, jobStatus } from '../../main/services/import';
import { openTestWorkspace, rowCounts, tempDir, type TestWorkspace } from '../helpers/workspace';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');
const CLI = path.resolve(__dirname, '../../dist/main/cli.cjs');
const NOW = new Date('2026-06-01T12:00:00Z');

let ws: TestWorkspace;
afterEach(() => ws?.close());

const file = (name: string, content?: string) => ({
  name,
  size: 0,
  dataBase64: (content === undefined ? fs.readFileSync(path.join(FIXTURES, name)) : Buffer.from(content)).toString('base64'),
});

const page = (title: string, body: string, url = '') =>
  `<html><head><title>${title}</title>${url ? `<link rel="canonical" href="${url}">` : ''}<meta property="article:published_time" content="2026-05-02"></head><body><article><p>${body}</p></article></body></html>`;

async function until(ws: TestWorkspace, jobId: string, phases: ImportStatus['phase'][]): Promise<ImportStatus> {
  for (;;) {
    const s = await ws.ok('import:status', { jobId, includeItems: true });
    if (phases.includes(s.phase)) return s;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function importFiles(files: ReturnType<typeof file>[]): Promise<{ jobId: string; review: ImportStatus }> {
  const { jobId } = await ws.ok('import:upload', { files });
  await ws.ok('import:start', { jobId });
  return { jobId, review: await until(ws, jobId, ['review']) };
}

/** The analyst's word that undated files take the import date (these notes give none). */
function acceptImportDates(review: ImportStatus) {
  return review.items!.filter((i) => i.dateUnknown).map((i) => ({ itemId: i.id, acceptImportDate: true as const }));
}

describe('import through the API', () => {
  it('reads, shows a table to correct, and saves with the corrections', async () => {
    ws = openTestWorkspace({ now: NOW });
    const { jobId, review } = await importFiles([file('kessen-herald-ceasefire.html'), file('grain-corridor.docx'), file('photo.png')]);
    expect(review.counts).toMatchObject({ ready: 2, failed: 1 });
    const docx = review.items!.find((i) => i.fileName === 'grain-corridor.docx')!;
    // The Word file gives no date: unknown, never today's or the file's date without the analyst's word.
    expect(docx).toMatchObject({ dateUnknown: true, publishedOn: '' });
    const refused = await ws.call('import:commit', { jobId, edits: [] });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/give no publication date \(grain-corridor\.docx\).*Nothing was saved/) },
    });
    expect(await ws.ok('articles:list', {})).toMatchObject({ total: 0 }); // nothing saved before the analyst says so
    await ws.ok('import:commit', { jobId, edits: [{ itemId: docx.id, publishedOn: '2026-02-20', outlet: 'Estmark Wire' }] });
    const done = await until(ws, jobId, ['done']);
    expect(done.counts).toMatchObject({ saved: 2, failed: 1 });
    const list = await ws.ok('articles:list', { sort: 'title' });
    expect(list.items.map((a: { title: string; publishedOn: string; outlet: string }) => [a.title, a.publishedOn, a.outlet])).toEqual([
      ['Grain corridor extended for another season', '2026-02-20', 'Estmark Wire'],
      ['Valdoria offers ceasefire line talks as Estmark moves troops', '2026-02-09', 'The Kessen Herald'],
    ]);
    // One undoable change set for the whole save, under the analyst; undone and redone as a whole.
    const state = await ws.ok('history:state', {});
    expect(state.recent).toHaveLength(1);
    expect(state).toMatchObject({ nextUndo: 'Import 2 articles', recent: [{ kind: 'do', label: 'Import 2 articles' }] });
    const titles = async () => (await ws.ok('articles:list', { sort: 'title' })).items.map((a: { title: string }) => a.title);
    const saved = await titles();
    const undone = await ws.ok('history:undo', {});
    expect(undone.articleIds).toHaveLength(2);
    expect(await titles()).toEqual([]);
    await ws.ok('history:redo', {});
    expect(await titles()).toEqual(saved);
  });

  it('refuses a correction dated in the future and saves nothing', async () => {
    ws = openTestWorkspace({ now: NOW });
    const { jobId, review } = await importFiles([file('latin1-dispatch.txt')]);
    const before = rowCounts(ws.ctx);
    const r = await ws.call('import:commit', { jobId, edits: [{ itemId: review.items![0]!.id, publishedOn: '2027-01-01' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(rowCounts(ws.ctx)).toEqual(before);
  });

  it('does not import the same text twice, and flags the same URL with other text for keep-both or replace', async () => {
    ws = openTestWorkspace({ now: NOW });
    const url = 'https://news.example/talks';
    const first = await importFiles([file('a.html', page('Talks open', 'First version of the report on the talks.', url))]);
    await ws.ok('import:commit', { jobId: first.jobId });
    await until(ws, first.jobId, ['done']);

    const again = await importFiles([
      file('a-copy.html', page('Talks open', 'First version of the report on the talks.', url)),
      file('a-copy-2.html', page('Talks open', 'First version of the report on the talks.', url)),
      file('a-updated.html', page('Talks open (updated)', 'Second, corrected version of the report on the talks.', url)),
      file('b.html', page('Talks open', 'A different report that happens to share the title.')),
    ]);
    const byName = Object.fromEntries(again.review.items!.map((i) => [i.fileName, i]));
    expect(byName['a-copy.html']).toMatchObject({
      status: 'duplicate',
      reason: expect.stringMatching(/Already in the workspace as “Talks open”/),
    });
    expect(byName['a-copy-2.html']).toMatchObject({ status: 'duplicate' });
    expect(byName['a-updated.html']).toMatchObject({ status: 'conflict', reason: expect.stringMatching(/same URL/) });
    expect(byName['b.html']).toMatchObject({ status: 'conflict', reason: expect.stringMatching(/same title/) });
    await ws.ok('import:commit', {
      jobId: again.jobId,
      edits: [
        { itemId: byName['a-updated.html']!.id, decision: 'replace' },
        { itemId: byName['b.html']!.id, decision: 'keep-both' },
      ],
    });
    const done = await until(ws, again.jobId, ['done']);
    expect(done.counts).toMatchObject({ saved: 2, duplicate: 2 });
    const titles = (await ws.ok('articles:list', { sort: 'title' })).items.map((a: { title: string }) => a.title);
    expect(titles).toEqual(['Talks open', 'Talks open (updated)']);
    const kept = (await ws.ok('articles:list', { sort: 'title' })).items[0]!;
    expect((await ws.ok('articles:get', { id: kept.id })).text).toBe('A different report that happens to share the title.');
  });

  it('two imports of the same text read side by side: the second to save finds it a duplicate, and the rest of its chunk is saved', async () => {
    ws = openTestWorkspace({ now: NOW });
    const first = await importFiles([file('x.txt', 'Same clipping\n\nThe same text in two imports.')]);
    const second = await importFiles([
      file('y.txt', 'Same clipping\n\nThe same text in two imports.'),
      file('z.txt', 'Other clipping\n\nOther text.'),
    ]);
    expect(second.review.counts.ready).toBe(2);
    await ws.ok('import:commit', { jobId: first.jobId, edits: acceptImportDates(first.review) });
    await until(ws, first.jobId, ['done']);
    await ws.ok('import:commit', { jobId: second.jobId, edits: acceptImportDates(second.review) });
    const done = await until(ws, second.jobId, ['done']);
    expect(done.items!.map((i) => [i.fileName, i.status])).toEqual([
      ['y.txt', 'duplicate'],
      ['z.txt', 'saved'],
    ]);
    expect(done.items![0]!.reason).toMatch(/Already in the workspace as “Same clipping”/);
    expect((await ws.ok('articles:list', {})).total).toBe(2);
  });

  it('cancelling while reading keeps what was read; cancelling while saving keeps what was saved, whole', async () => {
    ws = openTestWorkspace({ now: NOW });
    const files = Array.from({ length: 600 }, (_, i) => file(`n${i}.txt`, `Note ${i}\n\nParagraph of note number ${i}.`));
    const { jobId } = await ws.ok('import:upload', { files });
    await ws.ok('import:start', { jobId });
    // Reading yields to the event loop after each file; no timer has run yet, so it is early in the batch.
    await ws.ok('import:cancel', { jobId });
    const review = await until(ws, jobId, ['review']);
    expect(review.cancelled).toBe(true);
    expect(review.counts.cancelled).toBeGreaterThan(0);
    expect(review.counts.ready + review.counts.cancelled).toBe(600);
    expect(review.items!.find((i) => i.status === 'cancelled')!.reason).toBe('Not read: the import was cancelled.');

    const saveAll = await ws.ok('import:upload', { files });
    await ws.ok('import:start', { jobId: saveAll.jobId });
    const toSave = await until(ws, saveAll.jobId, ['review']);
    await ws.ok('import:commit', { jobId: saveAll.jobId, edits: acceptImportDates(toSave) });
    await ws.ok('import:cancel', { jobId: saveAll.jobId });
    const done = await until(ws, saveAll.jobId, ['done']);
    const total = (await ws.ok('articles:list', {})).total;
    expect(done.counts.saved).toBe(total);
    expect(total).toBeLessThan(600);
    expect(total % 500).toBe(0); // saved in whole chunks, each file whole
    for (const a of (await ws.ok('articles:list', { limit: 500 })).items.slice(0, 5)) {
      expect((await ws.ok('articles:get', { id: a.id })).text).toMatch(/^Paragraph of note number \d+\.$/);
    }
  });

  it('imports a folder with a 50 MB page made here: the page is refused as too large and the rest goes on', async () => {
    ws = openTestWorkspace({ now: NOW });
    const dir = tempDir();
    fs.copyFileSync(path.join(FIXTURES, 'harbour-talks.odt'), path.join(dir, 'harbour-talks.odt'));
    const big = fs.openSync(path.join(dir, 'huge-page.html'), 'w');
    fs.writeSync(big, '<html><body><article>');
    const para = `<p>${'A long report on the harbour talks. '.repeat(100)}</p>\n`;
    for (let written = 0; written < 50 * 1024 * 1024; written += para.length) fs.writeSync(big, para);
    fs.writeSync(big, '</article></body></html>');
    fs.closeSync(big);
    const job = await importPaths(ws.ctx, [dir], { onUndated: 'import-date' });
    const items = jobStatus(job, true).items!;
    expect(items.find((i) => i.fileName.endsWith('huge-page.html'))).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^This file is 50\.0 MB; Parley imports files of up to 16\.0 MB\./),
    });
    expect(items.find((i) => i.fileName.endsWith('harbour-talks.odt'))).toMatchObject({ status: 'saved' });
    fs.rmSync(dir, { recursive: true });
  });
});

describe('npm run cli -- import', () => {
  it('imports files and folders into a workspace and lists what it could not import with the reason', () => {
    expect(fs.existsSync(CLI), 'dist/main/cli.cjs is built by npm run build').toBe(true);
    const dir = tempDir();
    const workspace = path.join(dir, 'w.sqlite');
    const folder = path.join(dir, 'in');
    fs.mkdirSync(folder);
    for (const name of ['border-commission.pdf', 'fisheries-note.rtf', 'encrypted.pdf'])
      fs.copyFileSync(path.join(FIXTURES, name), path.join(folder, name));
    const r = spawnSync(process.execPath, [CLI, 'import', folder, path.join(FIXTURES, 'ambassador-recall.eml'), '--workspace', workspace], {
      encoding: 'utf8',
    });
    // The PDF and the RTF give no date: left out, never dated today, until the analyst says so.
    expect(r.stdout).toContain('skipped   in/border-commission.pdf: Not imported: the file gives no publication date.');
    expect(r.stdout).toContain(
      'imported  ambassador-recall.eml  →  “Clipping: Estmark recalls its ambassador for consultations” (Press Desk, Kessen Herald, 2026-03-14)',
    );
    expect(r.stdout).toContain('failed    in/encrypted.pdf: This PDF is protected with a password.');
    expect(r.stdout).toContain('1 imported, 3 not imported, of 4 file(s).');
    expect(r.status).toBe(1); // a file failed
    const dated = spawnSync(process.execPath, [CLI, 'import', folder, '--undated', 'import-date', '--workspace', workspace], {
      encoding: 'utf8',
    });
    expect(dated.stdout).toContain('imported  in/border-commission.pdf  →  “Border commission meets without a breakthrough”');
    expect(dated.stdout).toContain('2 imported, 1 not imported, of 3 file(s).');
    const again = spawnSync(process.execPath, [CLI, 'import', path.join(folder, 'fisheries-note.rtf'), '--workspace', workspace], {
      encoding: 'utf8',
    });
    expect(again.stdout).toMatch(/duplicate fisheries-note\.rtf: Already in the workspace as “Fisheries note proposes shared patrols”/);
    expect(again.status).toBe(0);
    const info = spawnSync(process.execPath, [CLI, 'info', '--workspace', workspace], { encoding: 'utf8' });
    expect(info.stdout).toMatch(/Articles:\s+3 \(0 sample\)/);
    fs.rmSync(dir, { recursive: true });
  });
});
