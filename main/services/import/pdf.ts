/**
 * PDF text in reading order with paragraphs kept, read with pdf.js (pdfjs-dist
 * 5.x, well past the 4.2.67 fix for CVE-2024-4367), with eval off, no scripting,
 * no fonts or other resources fetched.
 */
import { emptyDocument, ImportRefusal, type ParsedDocument } from './document';
import { paragraphsOfPages, type PositionedPage } from './pdfParagraphs';

import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;
let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  // pdf.js is an ES module; the bundled main process is CommonJS, so it is loaded with import().
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export async function importPdf(bytes: Uint8Array): Promise<ParsedDocument> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') {
      throw new ImportRefusal('This PDF is protected with a password. Open it, save an unprotected copy, and import that.');
    }
    throw new ImportRefusal('This PDF is damaged or incomplete (it may not have finished downloading). Save it again and retry.');
  }
  try {
    const doc = emptyDocument('PDF');
    const pages: PositionedPage[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      let content;
      let view: number[];
      try {
        const page = await pdf.getPage(n);
        view = page.view;
        content = await page.getTextContent();
      } catch {
        throw new ImportRefusal(`Page ${n} of this PDF is damaged, so its text cannot be read. Save the PDF again and retry.`);
      }
      const items = (content.items.filter((i) => 'str' in i) as TextItemLike[]).map((i) => ({
        str: i.str,
        x: (i.transform[4] ?? 0) - (view[0] ?? 0),
        y: (i.transform[5] ?? 0) - (view[1] ?? 0),
        width: i.width,
        height: i.height || Math.abs(i.transform[3] ?? 0) || 10,
      }));
      pages.push({ width: (view[2] ?? 0) - (view[0] ?? 0), height: (view[3] ?? 0) - (view[1] ?? 0), items });
    }
    doc.text = paragraphsOfPages(pages).join('\n\n');
    if (!doc.text.trim()) {
      throw new ImportRefusal(
        'This PDF holds only images (probably a scan), so it has no text to import. Run it through text recognition (OCR) first.',
      );
    }
    const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
    doc.title = typeof info.Title === 'string' ? info.Title.trim() : '';
    doc.author = typeof info.Author === 'string' ? info.Author.trim() : '';
    // CreationDate is when the PDF was made (often a print or a conversion), not when the article
    // was published, so the date is left for the analyst to confirm.
    return doc;
  } finally {
    await pdf.destroy();
  }
}
