/**
 * The HTML import path stores text, never markup (issue 15). Properties on
 * what is stored, for random and hostile HTML:
 * - the stored text contains nothing that is interpreted when shown: written
 *   out the way the reader and the exports show it and parsed back by the HTML
 *   standard's parser (parse5), it is one text node equal to itself;
 * - nothing a reader never sees (scripts, styles, templates, noscript, frames,
 *   attribute values) reaches the text;
 * - the text equals what a reader sees: for well-formed fragments, the visible
 *   text of the same markup read by parse5, paragraph breaks aside.
 */
import fc from 'fast-check';
import { parse as parseHtml, parseFragment, serialize } from 'parse5';
import { describe, expect, it } from 'vitest';
import { importHtml } from '../../main/services/import/html';
import { htmlToArticleText, UNSEEN } from '../../main/services/import/htmlText';
import { recordFigures } from '../helpers/figures';

const TAGS = ['p', 'div', 'a', 'img', 'script', 'style', 'iframe', 'svg', 'math', 'object', 'embed', 'form', 'input', 'button', 'span'];
const MORE_TAGS = [
  'article',
  'noscript',
  'template',
  'textarea',
  'title',
  'base',
  'meta',
  'link',
  'video',
  'details',
  'select',
  'table',
  'td',
];
const ATTRS = ['href', 'src', 'onclick', 'onerror', 'ONMOUSEOVER', 'style', 'action', 'formaction', 'xlink:href', 'srcdoc', 'class', 'id'];
const URLS = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'data:text/html,<script>x</script>',
  'file:///etc/passwd',
  'https://ok.example/a',
];
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="javascript:alert(1)">x</a>',
  '<!--<script>x</script>-->',
  '<![CDATA[<script>x</script>]]>',
  '<iframe srcdoc="<script>x</script>"></iframe>',
  '<scr<script>ipt>alert(1)</script>',
  '<base href="javascript:/">',
  '<p>a &lt;b&gt; &amp;amp; &#60;script&#62;</p>',
];

const attr = fc
  .tuple(fc.constantFrom(...ATTRS), fc.oneof(fc.constantFrom(...URLS), fc.string({ maxLength: 12 })))
  .map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;')}"`);
const hostile: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 20 }),
    fc.constantFrom(...PAYLOADS),
    fc
      .tuple(
        fc.constantFrom(...TAGS, ...MORE_TAGS),
        fc.array(attr, { maxLength: 3 }),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.boolean(),
      )
      .map(([tag, attrs, kids, close]) => `<${tag}${attrs.join('')}>${kids.join('')}${close ? `</${tag}>` : ''}`),
  ),
})).node as fc.Arbitrary<string>;

/** The stored text as the reader (React text nodes) and the HTML exports write it: escaped. */
function shownAndReadBack(text: string): { elements: number; text: string } {
  const body = parseFragment(serialize(parseFragment('')) + escapeForHtml(text));
  let elements = 0;
  let read = '';
  const walk = (n: { childNodes?: unknown[]; nodeName: string; value?: string }) => {
    for (const c of (n.childNodes ?? []) as (typeof n)[]) {
      if (c.nodeName === '#text') read += c.value ?? '';
      else {
        elements++;
        walk(c);
      }
    }
  };
  walk(body as unknown as Parameters<typeof walk>[0]);
  return { elements, text: read };
}

function escapeForHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const HIDDEN = 'zqxhidden';
const INLINE = new Set(['span', 'b', 'em', 'a']);
const HIDDEN_TAGS = ['script', 'style', 'template', 'noscript', 'textarea', 'title', 'iframe', 'select'];
const words = fc.stringMatching(/^[A-Za-z0-9 .,;:!?'"()&<>–é-]{1,24}$/);
const hidden = fc.constantFrom(...HIDDEN_TAGS).map((t) => `<${t}>${HIDDEN} x</${t}>`);
const el = (tag: string, kids: string[]) => `<${tag} title="${HIDDEN}">${kids.join('')}</${tag}>`;
/**
 * Valid markup (what an editor or a CMS writes): every element closed, text escaped, phrasing inside
 * paragraphs, lists around items, hidden elements holding a marker only. Invalid nesting is repaired
 * differently by different parsers; hostile markup is covered by the properties above.
 */
const wellFormed: fc.Arbitrary<string> = fc.letrec((tie) => ({
  phrasing: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words.map(escapeForHtml),
    hidden,
    fc.tuple(fc.constantFrom(...INLINE), fc.array(tie('phrasing'), { maxLength: 3 })).map(([tag, kids]) => el(tag, kids as string[])),
  ),
  flow: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('phrasing'),
    fc.tuple(fc.constantFrom('p', 'h2'), fc.array(tie('phrasing'), { maxLength: 4 })).map(([tag, kids]) => el(tag, kids as string[])),
    fc.array(tie('flow'), { maxLength: 3 }).map((items) =>
      el(
        'ul',
        (items as string[]).map((k) => el('li', [k])),
      ),
    ),
    fc
      .tuple(fc.constantFrom('div', 'section', 'blockquote'), fc.array(tie('flow'), { maxLength: 4 }))
      .map(([tag, kids]) => el(tag, kids as string[])),
  ),
})).flow as fc.Arbitrary<string>;

/** What a browser shows of markup: parse5's tree, without the elements a reader never sees. */
function visibleText(html: string): string {
  let out = '';
  const walk = (n: { childNodes?: unknown[]; nodeName: string; value?: string; content?: unknown }) => {
    for (const c of (n.childNodes ?? []) as (typeof n)[]) {
      if (c.nodeName === '#text') out += c.value ?? '';
      else if (!c.nodeName.startsWith('#') && !UNSEEN.has(c.nodeName.toUpperCase())) {
        // A block starts and ends a line; an inline element runs on with its neighbours.
        const block = !INLINE.has(c.nodeName);
        if (block) out += ' ';
        walk(c);
        if (block) out += ' ';
      }
    }
  };
  walk(parseHtml(`<!DOCTYPE html><html><body>${html}</body></html>`) as unknown as Parameters<typeof walk>[0]);
  return out.replace(/\s+/g, ' ').trim();
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
// PARLEY_PASTE_CASES / PARLEY_PAGE_CASES raise the counts for a longer hunt; the defaults keep npm test quick.
const PASTE_CASES = Number(process.env.PARLEY_PASTE_CASES ?? 2_000);
const PAGE_CASES = Number(process.env.PARLEY_PAGE_CASES ?? 1_000);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const ARTICLE = `<p>${'Words of the article. '.repeat(30)}</p>`;

describe('the HTML import path stores text that nothing interprets', () => {
  it(`pasted hostile HTML (${PASTE_CASES.toLocaleString('en')} cases): the text, shown, is only text`, () => {
    const started = performance.now();
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 6 }), (parts) => {
        const { text } = htmlToArticleText(parts.join(''));
        const shown = shownAndReadBack(text);
        expect(shown.elements).toBe(0);
        expect(shown.text).toBe(text);
      }),
      { numRuns: PASTE_CASES, seed: 11 },
    );
    recordFigures('html-text', { cases: PASTE_CASES, seconds: seconds(started) });
  }, 120_000);

  it(`well-formed HTML (${PASTE_CASES.toLocaleString('en')} cases): the text equals what a reader sees, and nothing unseen gets in`, () => {
    fc.assert(
      fc.property(fc.array(wellFormed, { minLength: 1, maxLength: 6 }), (parts) => {
        const fragment = parts.join('');
        const { text } = htmlToArticleText(fragment);
        expect(text).not.toContain(HIDDEN);
        expect(flat(text)).toBe(visibleText(fragment));
      }),
      { numRuns: PASTE_CASES, seed: 12 },
    );
  }, 120_000);

  it(`whole pages through Readability (${PAGE_CASES.toLocaleString('en')} cases): the text is inert, holds nothing unseen, and only what a reader sees`, () => {
    const started = performance.now();
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 4 }), fc.array(wellFormed, { minLength: 1, maxLength: 4 }), (bad, good) => {
        const body = `${ARTICLE}${good.join('')}${bad.join('')}`;
        const page = `<!DOCTYPE html><html><head><title>t</title><script>var ${HIDDEN}=1</script></head><body><article>${body}</article></body></html>`;
        const result = importHtml(page);
        const shown = shownAndReadBack(result.text);
        expect(shown.elements).toBe(0);
        expect(result.text).not.toContain(HIDDEN);
        expect(result.url === '' || /^https?:\/\//.test(result.url)).toBe(true);
        // Readability may leave page furniture out, never add: the words read are words the reader sees, in order.
        expect(visibleText(`${body}`).replace(/\s/g, '')).toContain(flat(result.text).replace(/\s/g, '').slice(0, 200));
      }),
      { numRuns: PAGE_CASES, seed: 11 },
    );
    recordFigures('html-page-import', { cases: PAGE_CASES, seconds: seconds(started) });
  }, 120_000);

  it('keeps only an http(s) canonical URL from the page metadata', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URLS), (url) => {
        const page = `<html><head><link rel="canonical" href="${url}"></head><body><p>${'Text. '.repeat(50)}</p></body></html>`;
        const { url: kept } = importHtml(page);
        expect(kept === '' || /^https?:\/\/ok\.example\//.test(kept)).toBe(true);
      }),
    );
  });

  it('reads text that looks like markup as the text it is', () => {
    const { text } = htmlToArticleText('<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; b</p><script>hidden()</script>');
    expect(text).toBe('a <script>alert(1)</script> &amp; b');
  });
});
