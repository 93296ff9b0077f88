/**
 * Issue 15: a PDF with headings keeps them as their own paragraphs.
 * headed-talks.pdf was made by LibreOffice (soffice --headless --convert-to
 * pdf:writer_web_pdf_Export) from headed-talks.source.html, written for Parley.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../main/services/import/readFile';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');

describe('PDF headings', () => {
  it('reads each heading of a LibreOffice PDF as a paragraph of its own, not run into the text', async () => {
    const doc = await readDocument('headed-talks.pdf', fs.readFileSync(path.join(FIXTURES, 'headed-talks.pdf')));
    expect(doc.text.split('\n\n')).toEqual([
      'The delegations met again in Kessen on Monday after a pause of two years, and both sides said the tone was better.',
      'What was agreed',
      'They agreed to meet every month until the fees are settled.',
      'What comes next',
      'A joint commission will report in the spring.',
    ]);
    // No title in the PDF's metadata and no heading line first: the first sentence, never the file name.
    expect(doc.title).toBe(
      'The delegations met again in Kessen on Monday after a pause of two years, and both sides said the tone was better.',
    );
  });
});
