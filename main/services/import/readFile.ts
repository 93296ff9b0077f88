/**
 * One file in, one parsed document out (or a refusal with a reason): picks the
 * importer by the file's extension, checked against what its first bytes say.
 */
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/api/importSchemas';
import { normalizeArticleText } from '../../../shared/domain/text';
import { extensionOf, tooLargeReason } from './fileKinds';
import { firstLineTitle, ImportRefusal, titleFromFileName, type ParsedDocument } from './document';
import { importHtmlBytes } from './html';
import { importDocx, importOdt } from './office';
import { importPdf } from './pdf';
import { importEml, importMarkdown, importText } from './plain';
import { signatureOf } from '../../../shared/text/fingerprint';
import { firstSentence, readOpeningLines } from '../../../shared/text/openingLines';
import { importRtf } from './rtf';

const UNSUPPORTED = (ext: string) =>
  `Parley cannot import ${ext ? `.${ext} files` : 'files without an extension'}. ` +
  'It reads web pages (.html), PDF, Word (.docx), OpenDocument (.odt), RTF, e-mail (.eml), text and Markdown.';

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Reads a file's bytes into a document with normalized text and a title; throws ImportRefusal. */
export async function readDocument(fileName: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const started = performance.now();
  return { ...finish(await readByKind(fileName, bytes), fileName), extractMs: performance.now() - started };
}

/** A file's bytes, or where on disk they are (files named on the command line: the reader takes them off the disk itself). */
export type FileSource = Uint8Array | { path: string };

/** readDocument for bytes or a path; a path is read here, so the bytes never cross from thread to thread. */
export async function readSource(fileName: string, source: FileSource): Promise<ParsedDocument> {
  if (source instanceof Uint8Array) return readDocument(fileName, source);
  const started = performance.now();
  // A reader worker does nothing else meanwhile, and one call costs far less than the promise's four round trips.
  const bytes: Uint8Array = isMainThread ? await fs.promises.readFile(source.path) : fs.readFileSync(source.path);
  const readMs = performance.now() - started;
  return { ...(await readDocument(fileName, bytes)), readMs };
}

async function readByKind(fileName: string, bytes: Uint8Array): Promise<ParsedDocument> {
  if (bytes.length > MAX_IMPORT_FILE_BYTES) throw new ImportRefusal(tooLargeReason(bytes.length));
  if (bytes.length === 0) throw new ImportRefusal('This file is empty.');
  const ext = extensionOf(fileName);
  let doc: ParsedDocument;
  switch (ext) {
    case 'txt':
      doc = startsWith(bytes, '%PDF-') ? await importPdf(bytes) : importText(bytes);
      break;
    case 'md':
    case 'markdown':
      doc = importMarkdown(bytes);
      break;
    case 'html':
    case 'htm':
    case 'xhtml':
      doc = importHtmlBytes(bytes);
      break;
    case 'pdf':
      if (!startsWith(bytes, '%PDF-')) {
        throw new ImportRefusal('This file is named .pdf but is not a PDF (it does not start like one). Check what the file really is.');
      }
      doc = await importPdf(bytes);
      break;
    case 'docx':
      doc = await importDocx(bytes);
      break;
    case 'odt':
      doc = importOdt(bytes);
      break;
    case 'rtf':
      doc = importRtf(bytes);
      break;
    case 'eml':
      doc = await importEml(bytes);
      break;
    default:
      throw new ImportRefusal(UNSUPPORTED(ext));
  }
  return doc;
}

/**
 * Normalizes the text once, moves a byline out of it, and fills in what the
 * document's metadata did not say: the author from the byline, the date from
 * the opening lines, the title from the first heading (a short first line) or
 * else the first sentence. The file name is the title only of a text without a
 * sentence.
 */
export function finish(doc: ParsedDocument, fileName: string): ParsedDocument {
  const opening = readOpeningLines(normalizeArticleText(doc.text));
  let text = opening.text;
  if (!text) throw new ImportRefusal('This file holds no text to import (it is empty once layout and markup are removed).');
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 500);
  const heading = oneLine(doc.title || firstLineTitle(text));
  // The headline is stored as the title; a body that repeats it as its first paragraph would show it twice.
  // A first sentence used as the title stays in the text: it is the story's.
  const [first, ...rest] = text.split('\n\n');
  if (rest.length > 0 && heading && first === heading) text = rest.join('\n\n');
  const title = heading || oneLine(firstSentence(text) || titleFromFileName(fileName));
  const author = doc.author || opening.author;
  return { ...doc, title, text, author, publishedOn: doc.publishedOn ?? opening.publishedOn, signature: signatureOf(text) };
}
