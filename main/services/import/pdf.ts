/**
 * PDF text in reading order with paragraphs kept, read with pdf.js (pdfjs-dist
 * 5.x, well past the 4.2.67 fix for CVE-2024-4367), with eval off, no scripting,
 * no fonts or other resources fetched.
 */
import { emptyDocument, ImportRefusal, type ParsedDocument } from './document';

import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;
let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  // pdf.js is an ES module; the bundled main process is CommonJS, so it is loaded with import().
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

interface Line {
  text: string;
  x: number;
  y: number;
  height: number;
}

interface TextItemLike {
  str: string;
  transform: number[];
  height: number;
  hasEOL: boolean;
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
    const pages: Line[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      let content;
      try {
        const page = await pdf.getPage(n);
        content = await page.getTextContent();
      } catch {
        throw new ImportRefusal(`Page ${n} of this PDF is damaged, so its text cannot be read. Save the PDF again and retry.`);
      }
      pages.push(linesOf(content.items.filter((i) => 'str' in i) as TextItemLike[]));
    }
    doc.text = paragraphsOf(pages);
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

/** Joins text items into lines, top to bottom, left to right. */
function linesOf(items: TextItemLike[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const height = item.height || Math.abs(item.transform[3] ?? 0) || 10;
    if (current && Math.abs(current.y - y) > height * 0.5) {
      lines.push(current);
      current = null;
    }
    if (!current) current = { text: item.str, x, y, height };
    else current.text += item.str;
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((l) => l.text.trim().length > 0);
}

/**
 * A new paragraph starts where the gap to the previous line is clearly larger
 * than the usual line spacing, or the font size changes (a heading).
 */
function paragraphsOf(pages: Line[][]): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) paragraphs.push(current.replace(/\s+/g, ' ').trim());
    current = '';
  };
  for (const lines of pages) {
    const gaps: number[] = [];
    for (let i = 1; i < lines.length; i++) {
      const gap = lines[i - 1]!.y - lines[i]!.y;
      if (gap > 0) gaps.push(gap / lines[i]!.height);
    }
    gaps.sort((a, b) => a - b);
    const usual = gaps[Math.floor(gaps.length / 4)] ?? 1.2;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const prev = lines[i - 1];
      if (prev) {
        const gap = (prev.y - line.y) / line.height;
        const newParagraph = gap > usual * 1.35 || gap < 0 || Math.abs(prev.height - line.height) > line.height * 0.15;
        if (newParagraph) flush();
      } else if (/[.!?:”"’)]\s*$/.test(current)) {
        flush(); // a page that starts after a finished sentence starts a paragraph
      }
      const text = line.text.trim();
      current += current.endsWith('-') ? text : ` ${text}`;
    }
  }
  flush();
  return paragraphs.join('\n\n');
}
