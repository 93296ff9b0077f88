import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../../main/services/import/document';
import { importHtml } from '../../main/services/import/html';
import { readDocument } from '../../main/services/import/readFile';
import { normalizeArticleText } from '../../shared/domain/text';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');
const SOURCES = path.resolve(__dirname, '../fixtures/import-src');

const read = (name: string) => readDocument(name, new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))));

/** The paragraphs of a LibreOffice source page, as Parley should find them in every format made from it. */
function sourceParagraphs(name: string): string[] {
  const html = fs.readFileSync(path.join(SOURCES, `${name}.html`), 'utf8');
  return [...html.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!);
}

async function refusal(name: string): Promise<string> {
  const err = await read(name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `${name} should be refused`).toBeInstanceOf(ImportRefusal);
  return (err as Error).message;
}

describe('import readers on files made by real tools', () => {
  it('reads a news page: the article body without navigation, ads or scripts, and its JSON-LD metadata', async () => {
    const doc = await read('kessen-herald-ceasefire.html');
    expect(doc.title).toBe('Valdoria offers ceasefire line talks as Estmark moves troops');
    expect(doc.author).toBe('Jonna Feld, Piet Aster');
    expect(doc.outlet).toBe('The Kessen Herald');
    expect(doc.publishedOn).toBe('2026-02-09');
    expect(doc.url).toBe('https://www.kessen-herald.example/world/2026/02/09/ceasefire-line-talks');
    const paragraphs = doc.text.split('\n\n');
    expect(paragraphs[0]).toMatch(/^Valdoria on Monday proposed talks on redrawing the ceasefire line/);
    expect(paragraphs.at(-1)).toMatch(/first direct military contacts between the two countries in more than a year\.$/);
    expect(paragraphs).toHaveLength(5);
    for (const noise of ['Advertisement', 'Sign up', 'All rights reserved', 'Border survey stalls', 'Sections', 'dataLayer', 'Share']) {
      expect(doc.text).not.toContain(noise);
    }
    expect(doc.text).toContain('wanted calm'); // the text of a javascript: link stays, the link goes
  });

  it('reads an older page in Windows-1252 with metadata only in <meta> tags', async () => {
    const doc = await read('estmark-daily-tariffs.htm');
    expect(doc.title).toBe('Estmark lifts tariffs on Valdorian timber');
    expect(doc.author).toBe('Sara Holm');
    expect(doc.outlet).toBe('Estmark Daily');
    expect(doc.publishedOn).toBe('2026-01-27');
    expect(doc.text).toContain('«a fair exchange that serves both countries»');
    expect(doc.text).not.toMatch(/cookies|Most read|Snow closes/);
  });

  it.each([
    ['harbour-talks.odt', 'harbour-talks', 'OpenDocument', 'Ilse Marrow'],
    ['grain-corridor.docx', 'grain-corridor', 'Word', 'Tomas Reyl'],
    ['border-commission.pdf', 'border-commission', 'PDF', 'Mira Oksa'],
    ['fisheries-note.rtf', 'fisheries-note', 'RTF', 'Anders Vell'],
  ])('reads %s (made by LibreOffice) into exactly the paragraphs it was made from', async (file, source, format, author) => {
    const doc = await read(file);
    expect(doc.format).toBe(format);
    expect(doc.author).toBe(author);
    expect(doc.text.split('\n\n')).toEqual(sourceParagraphs(source));
    const title = /<title>(.*?)<\/title>/.exec(fs.readFileSync(path.join(SOURCES, `${source}.html`), 'utf8'))![1];
    expect(doc.title).toBe(title);
  });

  it('reads an e-mailed clipping: body, date and sender', async () => {
    const doc = await read('ambassador-recall.eml');
    expect(doc.title).toBe('Clipping: Estmark recalls its ambassador for consultations');
    expect(doc.publishedOn).toBe('2026-03-14');
    expect(doc.author).toBe('Press Desk, Kessen Herald <desk@kessen-herald.example>');
    expect(doc.text.split('\n\n')).toHaveLength(3);
    expect(doc.text).not.toContain('alert');
  });

  it('reads Latin-1 text through the encoding fallback, and Markdown without its marks', async () => {
    const latin = await read('latin1-dispatch.txt');
    expect(latin.title).toBe('Ministers meet in Kessen');
    expect(latin.text).toContain('The café by the harbour');
    expect(latin.text).toContain('«a useful start»');
    const md = await read('analyst-notes.md');
    expect(md.title).toBe('Pilotage fees: where the talks stand');
    expect(md.text).not.toMatch(/[#*]/);
    expect(md.text).toContain('phase the fees down over three years');
    expect(md.text.split('\n\n')).toHaveLength(4);
  });

  it('gives every file it cannot import a reason an analyst understands', async () => {
    expect(await refusal('image-only.pdf')).toMatch(/only images.*scan.*OCR/);
    expect(await refusal('encrypted.pdf')).toMatch(/protected with a password/);
    expect(await refusal('truncated.pdf')).toMatch(/damaged or incomplete/);
    expect(await refusal('renamed-zip.docx')).toMatch(/zip archive, not a Word document/);
    expect(await refusal('damaged.docx')).toMatch(/damaged archive/);
    expect(await refusal('empty.txt')).toBe('This file is empty.');
    expect(await refusal('noise.txt')).toMatch(/not readable text \(tried UTF-8, then Windows-1252\)/);
    expect(await refusal('photo.png')).toMatch(/cannot import \.png files/);
    const fakePdf = await readDocument('scan.pdf', new TextEncoder().encode('hello')).catch((e: Error) => e.message);
    expect(fakePdf).toMatch(/named \.pdf but is not a PDF/);
  });

  it('refuses a file over the 16 MB limit, saying how large it is and what the limit is', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const message = await readDocument('huge.html', big).catch((e: Error) => e.message);
    expect(message).toBe('This file is 50.0 MB; Parley imports files of up to 16.0 MB. Split it, or save only the article.');
  });

  it('returns text already in the normalized form, so annotation offsets stay valid', async () => {
    for (const file of ['kessen-herald-ceasefire.html', 'harbour-talks.odt', 'border-commission.pdf', 'latin1-dispatch.txt']) {
      const doc = await read(file);
      expect(normalizeArticleText(doc.text)).toBe(doc.text);
    }
  });

  it('reduces pasted HTML to its text', () => {
    const doc = importHtml('<p>First <b>bold</b> line<img src=x onerror="alert(1)"></p><p>Second<script>steal()</script></p>');
    expect(doc.text).toBe('First bold line\n\nSecond');
    expect(doc).not.toHaveProperty('html'); // text only: no markup is kept to be shown
  });
});
