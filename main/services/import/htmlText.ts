/**
 * HTML reduced to paragraphs of plain text. Parley stores text only and shows
 * it as text (React text nodes, escaped exports), so nothing is sanitized:
 * the text is read straight off the tree the page was parsed into (linkedom,
 * which runs nothing and loads nothing), skipping what a browser never shows.
 */
import { parseHTML } from 'linkedom';
import { assertReasonableNesting } from './nesting';

const BLOCK = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'CAPTION',
  'FIGURE',
  'FIGCAPTION',
  'SECTION',
  'ARTICLE',
  'BR',
  'HR',
  'HEADER',
  'FOOTER',
  'MAIN',
  'ASIDE',
  'NAV',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
  'DL',
  'DT',
  'DD',
]);

/**
 * Elements whose content a reader never sees as text: code and style, inert
 * templates, fallbacks shown only when scripts are off or a frame cannot load,
 * the document's head, and form controls' option lists.
 */
export const UNSEEN = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'IFRAME',
  'FRAME',
  'FRAMESET',
  'NOEMBED',
  'NOFRAMES',
  'HEAD',
  'TITLE',
  'SELECT',
  'DATALIST',
  'OPTION',
  'TEXTAREA',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'AUDIO',
  'VIDEO',
]);

export interface MinimalNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<MinimalNode>;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Paragraphs of a DOM subtree, blocks separated by blank lines (whitespace collapsed as a browser would). */
export function domToText(root: MinimalNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = collapse(current);
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: MinimalNode) => {
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (child === undefined) continue; // i < kids.length
      if (child.nodeType === 3) {
        current += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue; // comments, processing instructions
      const name = child.nodeName.toUpperCase();
      if (UNSEEN.has(name)) continue;
      if (name === 'PRE') {
        // Lines of preformatted text stay lines: each becomes its own paragraph.
        flush();
        walk(child);
        for (const line of current.split('\n')) if (line.trim()) paragraphs.push(collapse(line));
        current = '';
        continue;
      }
      const block = BLOCK.has(name);
      if (block) flush();
      walk(child);
      if (block) flush();
    }
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/** The text of an HTML fragment (a Word file through mammoth, an e-mail's HTML part), as paragraphs. */
export function htmlToArticleText(html: string): { text: string } {
  assertReasonableNesting(html);
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return { text: document.body ? domToText(document.body) : '' };
}
