/**
 * Issue 15: the same article in any format is one article. The fixtures in
 * tests/fixtures/import/same-article are one text written for Parley: a saved
 * web page (headline, outlet, date and URL in its metadata, no byline), and
 * .docx, .odt and .pdf made from the .txt by LibreOffice (soffice --headless
 * --convert-to), which open with a byline and a dateline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anyFingerprintMissing } from '../../main/db/nearDuplicates';
import { importPaths, jobStatus } from '../../main/services/import';
import { readDocument } from '../../main/services/import/readFile';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

const SAME = path.resolve(__dirname, '../fixtures/import/same-article');
const FORMATS = ['docx', 'odt', 'pdf', 'txt'];
const WEB = {
  title: 'Ferry line between Kessen and Skarr to reopen',
  outlet: 'The Kessen Herald',
  url: 'https://kessen-herald.example/2026/03/03/ferry-line',
  publishedOn: '2026-03-03',
};

let ws: TestWorkspace;
afterEach(() => ws?.close());

function folderOf(names: string[]): string {
  const dir = path.join(tempDir(), 'clippings');
  fs.mkdirSync(dir);
  for (const n of names) fs.copyFileSync(path.join(SAME, n), path.join(dir, n));
  return dir;
}

async function articles() {
  return (
    await ws.ok(
      'articles:list',
      {},
    )
  ).items;
}

describe('the same article as a web page, .docx, .odt, .pdf and .txt', () => {
  it('imported together, becomes one article with the web page’s metadata (and the byline the others carry)', async () => {
    ws = openTestWorkspace();
    // Alphabetical order reads the Word file first; the web page, which says more about itself, is the one kept.
    const job = await importPaths(ws.ctx, [folderOf(['ferry-line.html', ...FORMATS.map((f) => `ferry-line.${f}`)])]);
    const items = jobStatus(job, true).items!;
    expect(items.filter((i) => i.status === 'saved').map((i) => i.fileName)).toEqual(['clippings/ferry-line.html']);
    for (const f of FORMATS) {
      expect(items.find((i) => i.fileName === `clippings/ferry-line.${f}`)).toMatchObject({
        status: 'duplicate',
        reason: expect.stringMatching(
          /the same article, imported once, as clippings\/ferry-line\.html|The same text as clippings\/ferry-line\.html/,
        ),
      });
    }
    expect(await articles()).toEqual([expect.objectContaining({ ...WEB, author: 'Staff Reporter' })]);
  });

  it('of two copies that say as much about themselves, the one whose file gave its paragraphs is kept, not the PDF', async () => {
    ws = openTestWorkspace();
    const dir = folderOf(['ferry-line.pdf']);
    // The same story as a text file with one line more: as much metadata (the byline, the dateline's date) and no
    // paragraphs rebuilt from line geometry. The PDF is read first, so it would be kept as the first read.
    const word = await readDocument('ferry-line.docx', fs.readFileSync(path.join(SAME, 'ferry-line.docx')));
    const text = `By Staff Reporter\n\n${word.text}\n\nRead more: the ferry's history`;
    fs.writeFileSync(path.join(dir, 'ferry-line.txt'), text);
    const job = await importPaths(ws.ctx, [path.join(dir, 'ferry-line.pdf'), path.join(dir, 'ferry-line.txt')]);
    const items = jobStatus(job, true).items!;
    expect(items.find((i) => i.fileName.endsWith('.txt'))).toMatchObject({ status: 'saved', author: 'Staff Reporter' });
    expect(items.find((i) => i.fileName.endsWith('.pdf'))).toMatchObject({
      status: 'duplicate',
      reason: expect.stringMatching(/imported once, as ferry-line\.txt/),
    });
  });

  it('of two files with the same text, the one that says more about itself is kept, with its date', async () => {
    ws = openTestWorkspace();
    const dir = path.join(tempDir(), 'same-text');
    fs.mkdirSync(dir);
    const paragraphs = ['The ferry line between Kessen and Skarr reopens on Monday.', 'Tickets go on sale this week at both harbours.'];
    fs.writeFileSync(path.join(dir, 'a-clipping.txt'), paragraphs.join('\n\n'));
    fs.writeFileSync(
      path.join(dir, 'b-page.html'),
      `<html><head><title>Ferry line reopens</title><meta property="article:published_time" content="2026-03-03">` +
        `<meta property="og:site_name" content="The Kessen Herald"></head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
    );
    // The text file first (alphabetical), undated: before, the copy read first was kept and the page's date was lost.
    const job = await importPaths(ws.ctx, [dir]);
    const items = jobStatus(job, true).items!;
    expect(items.find((i) => i.fileName.endsWith('.html'))).toMatchObject({ status: 'saved', publishedOn: '2026-03-03', dateUnknown: false });
    expect(items.find((i) => i.fileName.endsWith('.txt'))).toMatchObject({
      status: 'duplicate',
      reason: 'The same text as same-text/b-page.html in this import; it is imported once, as same-text/b-page.html.',
    });
    expect(await articles()).toEqual([expect.objectContaining({ publishedOn: '2026-03-03', outlet: 'The Kessen Herald' })]);
  });

  it('imported after the web page was saved, each is matched with it: skipped by default, nothing saved twice', async () => {
    ws = openTestWorkspace();
    await importPaths(ws.ctx, [folderOf(['ferry-line.html'])]);
    const job = await importPaths(ws.ctx, [folderOf(FORMATS.map((f) => `ferry-line.${f}`))], { onUndated: 'import-date' });
    for (const item of jobStatus(job, true).items!) {
      expect(item, item.fileName).toMatchObject({ status: 'skipped', existing: { title: WEB.title } });
      expect(item.nearDuplicate!.similarity).toBeGreaterThan(0.9);
    }
    expect(await articles()).toEqual([expect.objectContaining(WEB)]);
  });

  it('merge keeps the saved article, its text and its tag, and takes the byline’s author; replacing the text re-anchors the tag', async () => {
    ws = openTestWorkspace({ sample: true });
    await importPaths(ws.ctx, [folderOf(['ferry-line.html'])]);
    const [saved] = (await articles()).filter((a) => a.url === WEB.url);
    const full = await ws.ok('articles:get', { id: saved!.id });
    const quote = 'a down payment on trust';
    const start = full.text.indexOf(quote);
    const rel = (await ws.ok('relationships:list', {}))[0]!;
    const code = (await ws.ok('codebook:list', {})).find((c) => c.key === 'OVERTURE')!;
    await ws.ok('annotations:create', {
      articleId: saved!.id,
      start,
      end: start + quote.length,
      codeId: code.id,
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });

    const merged = await importPaths(ws.ctx, [folderOf(['ferry-line.txt'])], { onLookAlike: 'merge', onUndated: 'import-date' });
    expect(jobStatus(merged, true).items![0]).toMatchObject({
      status: 'saved',
      articleId: saved!.id,
      reason: expect.stringMatching(/^Merged into/),
    });
    const after = await ws.ok('articles:get', { id: saved!.id });
    expect(after).toMatchObject({ title: WEB.title, author: 'Staff Reporter', text: full.text, annotationCount: 1 });

    const replaced = await importPaths(ws.ctx, [folderOf(['ferry-line.docx'])], { onLookAlike: 'replace-text', onUndated: 'import-date' });
    expect(jobStatus(replaced, true).items![0]).toMatchObject({
      status: 'saved',
      reason: expect.stringMatching(/1 tag\(s\) re-anchored\.$/),
    });
    const now = await ws.ok('articles:get', { id: saved!.id });
    const tags = await ws.ok('annotations:list', { articleId: saved!.id });
    expect(tags).toHaveLength(1);
    expect(tags[0]).toMatchObject({ exact: quote, orphaned: false });
    expect(now.text.slice(tags[0]!.start, tags[0]!.start + quote.length)).toBe(quote);
    // Both are undoable change sets: undoing the text replacement brings the web page's text back.
    const history = await ws.ok('history:state', {});
    expect(history.recent.map((h) => h.label).slice(0, 2)).toEqual([
      expect.stringMatching(/^Edit the text of “Ferry line/),
      expect.stringMatching(/^Merge clippings\/ferry-line\.txt into “Ferry line/),
    ]);
    await ws.ok('history:undo', {});
    expect((await ws.ok('articles:get', { id: saved!.id })).text).toBe(full.text);
  });
});

describe('the near-duplicate index (migration 24)', () => {
  const count = (sql: string) => ws.ctx.workspace.db.prepare(sql).pluck().get() as number;
  const ALL_BANDS = 'SELECT (SELECT count(*) FROM article_bands) + (SELECT count(*) FROM article_bands_recent)';

  it('band rows a deleted article leaves are never a match: the same text imported again is a new article', async () => {
    ws = openTestWorkspace();
    const first = await importPaths(ws.ctx, [folderOf(['ferry-line.html'])]);
    const id = jobStatus(first, true).items![0]!.articleId!;
    expect(count('SELECT count(*) FROM article_fingerprints')).toBe(1);
    expect(anyFingerprintMissing(ws.ctx.workspace.db)).toBe(false);
    const bands = count(ALL_BANDS);
    expect(bands).toBeGreaterThan(0);
    // An edited text loses its fingerprint (a trigger); the next import makes it again.
    ws.ctx.workspace.db.prepare("UPDATE articles SET text = text || ' ' WHERE id = ?").run(id);
    expect(anyFingerprintMissing(ws.ctx.workspace.db)).toBe(true);
    await ws.ok('articles:delete', { id });
    expect(anyFingerprintMissing(ws.ctx.workspace.db)).toBe(false);
    expect(count('SELECT count(*) FROM article_fingerprints')).toBe(0);
    // The band rows stay (no foreign key, no index by article to find them by); the look-up joins the fingerprints.
    expect(count(ALL_BANDS)).toBe(bands);
    const again = await importPaths(ws.ctx, [folderOf(['ferry-line.txt'])], { onUndated: 'import-date' });
    expect(jobStatus(again, true).items![0]).toMatchObject({ status: 'saved', nearDuplicate: null, existing: null });
  });

  it('a workspace of schema 23 drops its old fingerprints, and the next import makes new ones that find the same article', async () => {
    ws = openTestWorkspace();
    await importPaths(ws.ctx, [folderOf(['ferry-line.html'])]);
    const db = ws.ctx.workspace.db;
    // As migration 24 finds a workspace: old fingerprints (any values) in the old band table.
    db.exec(`DROP TABLE article_bands;
      CREATE TABLE article_bands (band_key INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES article_fingerprints(article_id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, article_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX article_bands_article ON article_bands (article_id);
      UPDATE article_fingerprints SET signature = zeroblob(256);
      INSERT INTO article_bands SELECT 7, article_id FROM article_fingerprints;`);
    const { lighterFingerprints } = await import('../../main/db/migrations/0024-lighter-fingerprints');
    db.transaction(() => lighterFingerprints.up(db))();
    expect(count('SELECT count(*) FROM article_fingerprints')).toBe(0);
    expect(count('SELECT count(*) FROM article_bands')).toBe(0);
    expect(db.pragma('foreign_key_list(article_bands)')).toEqual([]);
    expect(db.pragma('index_list(article_bands)')).toEqual([expect.objectContaining({ origin: 'pk' })]);
    const job = await importPaths(ws.ctx, [folderOf(['ferry-line.txt'])], { onUndated: 'import-date' });
    expect(jobStatus(job, true).items![0]).toMatchObject({ status: 'skipped', existing: expect.objectContaining({ title: WEB.title }) });
    expect(count('SELECT count(*) FROM article_fingerprints')).toBe(1);
  });
});
