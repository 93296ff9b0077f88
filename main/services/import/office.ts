/**
 * Word (.docx, with mammoth) and OpenDocument (.odt: unzipped with fflate, its
 * XML read with linkedom) files. Both are zip archives; a file that is not a
 * readable archive of the right kind is refused as damaged.
 */
import { unzipSync, strFromU8, type Unzipped } from 'fflate';
import { DOMParser } from 'linkedom';
import mammoth from 'mammoth';
import { emptyDocument, ImportRefusal, type ParsedDocument } from './document';
import { htmlToArticleText } from './htmlText';

/** What a Word or OpenDocument archive may unpack to, in all. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

function unzip(bytes: Uint8Array, kind: string): Unzipped {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ImportRefusal(
      `This file is not a ${kind} document: it is not the archive such documents are made of. Check the file's type.`,
    );
  }
  // A small archive can claim to unpack to gigabytes (a "zip bomb"): the sizes its directory declares are
  // added up before anything is inflated, and an archive past the limit is refused unread.
  let declared = 0;
  try {
    return unzipSync(bytes, {
      filter: (entry) => {
        declared += entry.originalSize;
        if (declared > MAX_UNPACKED_BYTES) {
          throw new ImportRefusal(
            `This ${kind} file would unpack to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, far more than any article; ` +
              'it was not opened. If it is a genuine document, save it again without embedded media.',
          );
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportRefusal) throw err;
    throw new ImportRefusal(`This ${kind} file is a damaged archive and cannot be opened. Save it again from the program that made it.`);
  }
}

interface CoreMetadata {
  title: string;
  author: string;
  date: string;
}

function readCoreXml(xml: string | undefined, titleTag: string, authorTag: string, dateTag: string): CoreMetadata {
  if (!xml) return { title: '', author: '', date: '' };
  const pick = (tag: string) => {
    const m = new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`).exec(xml);
    return m ? decodeXmlEntities(m[1] ?? '').trim() : '';
  };
  return { title: pick(titleTag), author: pick(authorTag), date: pick(dateTag) };
}

function decodeXmlEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e]) return named[e];
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : '';
  });
}

export async function importDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const files = unzip(bytes, 'Word');
  if (!files['word/document.xml']) {
    throw new ImportRefusal('This file is a zip archive, not a Word document (it has no document inside). Check what the file really is.');
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch {
    throw new ImportRefusal('This Word document is damaged and its text cannot be read. Save it again from Word or LibreOffice.');
  }
  const doc = emptyDocument('Word');
  doc.text = htmlToArticleText(html).text;
  const core = readCoreXml(
    files['docProps/core.xml'] ? strFromU8(files['docProps/core.xml']) : undefined,
    'dc:title',
    'dc:creator',
    'dcterms:created',
  );
  doc.title = core.title;
  doc.author = core.author;
  return doc;
}

const ODT_BLOCKS = new Set(['text:p', 'text:h']);

export function importOdt(bytes: Uint8Array): ParsedDocument {
  const files = unzip(bytes, 'OpenDocument');
  const content = files['content.xml'];
  const mimetype = files['mimetype'] ? strFromU8(files['mimetype']) : '';
  if (!content || !mimetype.startsWith('application/vnd.oasis.opendocument.text')) {
    throw new ImportRefusal('This file is a zip archive, not an OpenDocument text (it has no text document inside).');
  }
  let xml;
  try {
    xml = new DOMParser().parseFromString(strFromU8(content), 'text/xml');
  } catch {
    throw new ImportRefusal('This OpenDocument file is damaged and its text cannot be read. Save it again from LibreOffice.');
  }
  const paragraphs: string[] = [];
  type XmlNode = {
    nodeType: number;
    nodeName: string;
    nodeValue: string | null;
    childNodes: ArrayLike<XmlNode>;
    getAttribute?(n: string): string | null;
  };
  const inline = (node: XmlNode): string => {
    let s = '';
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k === undefined) continue; // i < kids.length
      if (k.nodeType === 3) s += k.nodeValue ?? '';
      else if (k.nodeName === 'text:s') s += ' '.repeat(Number(k.getAttribute?.('text:c') ?? '1') || 1);
      else if (k.nodeName === 'text:tab') s += ' ';
      else if (k.nodeName === 'text:line-break') s += ' ';
      else if (k.nodeName === 'text:note' || k.nodeName === 'office:annotation') continue;
      else s += inline(k);
    }
    return s;
  };
  const walk = (node: XmlNode) => {
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k === undefined) continue; // i < kids.length
      if (k.nodeType !== 1) continue;
      if (ODT_BLOCKS.has(k.nodeName)) {
        const p = inline(k).replace(/\s+/g, ' ').trim();
        if (p) paragraphs.push(p);
      } else walk(k);
    }
  };
  walk(xml);
  const doc = emptyDocument('OpenDocument');
  doc.text = paragraphs.join('\n\n');
  const meta = readCoreXml(
    files['meta.xml'] ? strFromU8(files['meta.xml']) : undefined,
    'dc:title',
    'meta:initial-creator',
    'meta:creation-date',
  );
  doc.title = meta.title;
  doc.author = meta.author || readCoreXml(files['meta.xml'] ? strFromU8(files['meta.xml']) : undefined, '', 'dc:creator', '').author;
  return doc;
}
