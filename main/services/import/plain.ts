/** Plain text, Markdown and e-mail (.eml, read with postal-mime). */
import { decodeText } from './decodeText';
import { dateFromDocument, emptyDocument, ImportRefusal, type ParsedDocument } from './document';
import { htmlToArticleText } from './htmlText';
import type PostalMimeParserClass from 'postal-mime';

export function importText(bytes: Uint8Array): ParsedDocument {
  const doc = emptyDocument('Text');
  doc.text = decodeText(bytes).text;
  return doc;
}

/**
 * A link's target in parentheses, which may itself hold balanced parentheses
 * (`javascript:alert(1)`, `…/Foo_(bar)`): stopping at the first `)` left the
 * rest of the target in the text.
 */
const LINK_TARGET = String.raw`\((?:[^()\n]|\([^()\n]*\))*\)`;

/** Markdown keeps its words; the marks of emphasis, headings, lists and links go. */
export function importMarkdown(bytes: Uint8Array): ParsedDocument {
  const doc = emptyDocument('Markdown');
  const source = decodeText(bytes).text.replace(/\r\n?/g, '\n');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  let body = source;
  if (front) {
    body = source.slice(front[0].length);
    const field = (k: string) => new RegExp(`^${k}:\\s*["']?(.*?)["']?\\s*$`, 'mi').exec(front[1] ?? '')?.[1] ?? '';
    doc.title = field('title');
    doc.author = field('author');
    doc.publishedOn = dateFromDocument(field('date'));
  }
  const heading = /^#\s+(.+)$/m.exec(body);
  if (!doc.title && heading) doc.title = (heading[1] ?? '').trim();
  doc.text = body
    .split(/\n{2,}/)
    .map((block) =>
      block
        .split('\n')
        .map((line) =>
          line
            .replace(/^\s{0,3}#{1,6}\s+/, '')
            .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
            .replace(/^\s*>\s?/, ''),
        )
        // List items are paragraphs of their own; other lines of a block are wrapping.
        .join(/^\s*(?:[-*+]|\d+[.)])\s+/m.test(block) ? '\n\n' : ' '),
    )
    .join('\n\n')
    .replace(new RegExp(`!\\[([^\\]]*)\\]${LINK_TARGET}`, 'g'), '$1')
    .replace(new RegExp(`\\[([^\\]]+)\\]${LINK_TARGET}`, 'g'), '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
  return doc;
}

type PostalMime = typeof PostalMimeParserClass;
let postalMime: Promise<PostalMime> | null = null;

export async function importEml(bytes: Uint8Array): Promise<ParsedDocument> {
  postalMime ??= import('postal-mime').then((m) => m.default);
  const PostalMimeParser = await postalMime;
  let email;
  try {
    email = await PostalMimeParser.parse(bytes);
  } catch {
    throw new ImportRefusal('This e-mail file is damaged and cannot be read. Save the message again from your mail program.');
  }
  const doc = emptyDocument('E-mail');
  if (!email.from && !email.date && !email.subject) {
    throw new ImportRefusal(
      'This file is not an e-mail: it has no sender, date or subject. Save the message again from your mail program.',
    );
  }
  doc.title = (email.subject ?? '').replace(/^\s*((fwd?|re|aw|wg|tr)\s*:\s*)+/i, '').trim();
  const fromName = email.from?.name?.trim() ?? '';
  const fromAddress = email.from?.address?.trim() ?? '';
  doc.author = fromName && fromAddress ? `${fromName} <${fromAddress}>` : fromName || fromAddress;
  doc.outlet = fromName || fromAddress.replace(/^.*@/, '');
  doc.publishedOn = dateFromDocument(email.date);
  doc.text = email.text?.trim() ? email.text : email.html ? htmlToArticleText(email.html).text : '';
  return doc;
}
