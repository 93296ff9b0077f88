/**
 * Sanitizing article HTML and reducing it to paragraphs. DOMPurify runs on a
 * jsdom window (it refuses lighter DOMs); nothing is ever executed or loaded:
 * jsdom runs no scripts and fetches no resources unless asked to.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { assertReasonableNesting } from './nesting';

const ALLOWED_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'em',
  'strong',
  'b',
  'i',
  'u',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'figure',
  'figcaption',
  'div',
  'span',
  'section',
  'article',
  'sup',
  'sub',
];

let purifier: { purify: DOMPurify; window: JSDOM['window'] } | null = null;

function getPurifier(): { purify: DOMPurify; window: JSDOM['window'] } {
  if (!purifier) {
    const { window } = new JSDOM('<!DOCTYPE html><html><body></body></html>');
    const purify = createDOMPurify(window as unknown as Window & typeof globalThis);
    if (!purify.isSupported) throw new Error('DOMPurify cannot run on this DOM');
    // An href is kept only on a link and only with an http(s) address (DOMPurify lets an empty one through).
    purify.addHook('afterSanitizeAttributes', (node) => {
      const href = node.getAttribute('href');
      if (href !== null && (node.nodeName !== 'A' || !/^https?:\/\/\S/i.test(href.trim()))) node.removeAttribute('href');
    });
    purifier = { purify, window };
  }
  return purifier;
}

const PURIFY_CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
  KEEP_CONTENT: true,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};

/**
 * jsdom keeps every NodeIterator ever created on a document in a set of weak
 * references that only garbage collection empties, and walks that whole set
 * each time a node of the document is removed. DOMPurify creates iterators on
 * every call, all on the one inert document behind <template>, so within one
 * synchronous run (a test, a long import between collections) each call made
 * every later removal slower: 2,000 pastes took minutes (one of them, after
 * 1,676 others, over a minute on its own; see import-html-sanitizer-dos.test.ts).
 * DOMPurify's iterators are finished with when sanitize() returns, so the set
 * is emptied after each call. A document made per call instead is no way out:
 * every jsdom document registers listeners on the window that are never removed.
 */
function forgetNodeIterators(document: Document): void {
  // jsdom keeps a wrapper's implementation under a symbol described "impl" (jsdom/lib/jsdom/living/generated/utils.js).
  const implKey = Object.getOwnPropertySymbols(document).find((s) => s.description === 'impl');
  const impl = implKey ? (document as unknown as Record<symbol, { _workingNodeIterators?: unknown } | undefined>)[implKey] : undefined;
  const working = impl?._workingNodeIterators;
  if (!working || typeof working !== 'object' || !(Symbol.iterator in working) || !('delete' in working)) {
    throw new Error('jsdom no longer keeps _workingNodeIterators: check htmlText.ts forgetNodeIterators');
  }
  const set = working as Iterable<object> & { delete(value: object): boolean };
  for (const iterator of [...set]) set.delete(iterator);
}

function sanitizeInPlace(purify: DOMPurify, root: HTMLElement): void {
  try {
    purify.sanitize(root, { ...PURIFY_CONFIG, IN_PLACE: true });
  } finally {
    forgetNodeIterators(root.ownerDocument);
  }
}

/** The HTML parsed into an inert <template> (nothing in it runs or loads), under a <div> of its own. */
function parseInert(window: JSDOM['window'], html: string): HTMLElement {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  const root = template.content.ownerDocument.createElement('div');
  root.append(...Array.from(template.content.childNodes));
  return root;
}

/**
 * Comments (and what HTML parses as comments: <![CDATA[…]]>, <?…>) go before
 * DOMPurify sees the tree; it would drop them anyway. Left in, a comment
 * beside text such as "</" makes DOMPurify judge the root <div> itself unsafe
 * (its text and its markup both look like markup) and throw, as the root of an
 * in-place sanitize cannot be removed.
 */
function dropComments(node: Node): void {
  for (let child = node.firstChild; child;) {
    const next = child.nextSibling;
    if (child.nodeType === 8) child.remove();
    else if (child.firstChild) dropComments(child);
    child = next;
  }
}

/**
 * Sanitizes the parsed tree in place: only text structure is left, with no
 * script, style, frame, form, image or event handler, and links keep an href
 * only if it is http(s). In place, because DOMPurify's own parse creates a new
 * jsdom document per call, which costs ~10 ms.
 */
function sanitizedTree(html: string): Element {
  const { purify, window } = getPurifier();
  const root = parseInert(window, html);
  dropComments(root);
  sanitizeInPlace(purify, root);
  // Removing elements can leave a tree that HTML cannot write down as it is (a <p> inside a <p>): its
  // markup would parse into another tree. Such markup is parsed and sanitized once more, which gives
  // markup that reads back the same, so that sanitizing what Parley keeps changes nothing. Markup that
  // already reads back as itself is that same sanitized tree: only allowed HTML elements (text is
  // escaped, so no other tag can appear) with the same attributes, so it is not sanitized twice.
  const markup = root.innerHTML;
  const reread = parseInert(window, markup);
  if (reread.innerHTML === markup) return root as unknown as Element;
  sanitizeInPlace(purify, reread);
  return reread as unknown as Element;
}

export function sanitizeArticleHtml(html: string): string {
  return sanitizedTree(html).innerHTML;
}

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
  'TR',
  'TD',
  'TH',
  'FIGURE',
  'FIGCAPTION',
  'SECTION',
  'ARTICLE',
  'BR',
  'HEADER',
  'FOOTER',
  'MAIN',
  'ASIDE',
  'DL',
  'DT',
  'DD',
]);

interface MinimalNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<MinimalNode>;
}

/** Paragraphs of a DOM subtree, blocks separated by blank lines (whitespace collapsed as a browser would). */
export function domToText(root: MinimalNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: MinimalNode, inPre: boolean) => {
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i]!;
      if (child.nodeType === 3) {
        current += child.nodeValue ?? '';
      } else if (child.nodeType === 1) {
        const name = child.nodeName.toUpperCase();
        if (name === 'SCRIPT' || name === 'STYLE' || name === 'TEMPLATE' || name === 'NOSCRIPT') continue;
        const block = BLOCK.has(name);
        if (block) flush();
        if (name === 'PRE') {
          // Lines of preformatted text stay lines: each becomes its own paragraph.
          const before = paragraphs.length;
          walk(child, true);
          const pre = current;
          current = '';
          paragraphs.splice(before);
          for (const line of pre.split('\n')) if (line.trim()) paragraphs.push(line.replace(/\s+/g, ' ').trim());
          continue;
        }
        walk(child, inPre || name === 'PRE');
        if (block) flush();
      }
    }
  };
  walk(root, false);
  flush();
  return paragraphs.join('\n\n');
}

/** Sanitizes HTML and returns both the safe HTML and its text. */
export function htmlToArticleText(html: string): { html: string; text: string } {
  assertReasonableNesting(html);
  const root = sanitizedTree(html);
  return { html: root.innerHTML, text: domToText(root as unknown as MinimalNode) };
}
