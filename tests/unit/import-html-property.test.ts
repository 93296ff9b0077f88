import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { importHtml } from '../../main/services/import/html';
import { htmlToArticleText, sanitizeArticleHtml } from '../../main/services/import/htmlText';
import { recordFigures } from '../helpers/figures';

const TAGS = [
  'p',
  'div',
  'a',
  'img',
  'script',
  'style',
  'iframe',
  'svg',
  'math',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'span',
  'article',
  'noscript',
  'template',
  'textarea',
  'title',
  'base',
  'meta',
  'link',
  'video',
  'source',
  'details',
  'select',
  'table',
  'td',
];
const ATTRS = [
  'href',
  'src',
  'onclick',
  'onerror',
  'onload',
  'ONMOUSEOVER',
  'style',
  'action',
  'formaction',
  'xlink:href',
  'srcdoc',
  'data',
  'background',
  'poster',
  'class',
  'id',
  'srcset',
  'ping',
];
const URLS = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html,<script>x</script>',
  'vbscript:msgbox',
  'file:///etc/passwd',
  '//evil.example/x',
  'https://ok.example/a',
  'http://ok.example/b',
  'mailto:x@y',
  'blob:x',
  '#top',
  '/relative',
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
  '<form><button formaction=javascript:alert(1)>x',
  '<scr<script>ipt>alert(1)</script>',
  '<style>@import "http://evil.example"</style>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<object data="javascript:alert(1)">',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<input autofocus onfocus=alert(1)>',
];

const attr = fc
  .tuple(fc.constantFrom(...ATTRS), fc.oneof(fc.constantFrom(...URLS), fc.string({ maxLength: 12 })))
  .map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;')}"`);
const html: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 20 }),
    fc.constantFrom(...PAYLOADS),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(attr, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
      .map(([tag, attrs, kids, close]) => `<${tag}${attrs.join('')}>${kids.join('')}${close ? `</${tag}>` : ''}`),
  ),
})).node as fc.Arbitrary<string>;

const checker = new JSDOM('<!DOCTYPE html><body></body>').window.document;

/** Parses the output the way a browser would and lists anything that could run code or load something. */
function dangers(output: string): string[] {
  const template = checker.createElement('template');
  template.innerHTML = output;
  const found: string[] = [];
  for (const el of template.content.querySelectorAll('*')) {
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'BASE', 'META', 'LINK', 'FORM', 'IMG', 'svg', 'math'].includes(el.tagName)) {
      found.push(`<${el.tagName}>`);
    }
    for (const a of el.getAttributeNames()) {
      if (/^on/i.test(a)) found.push(`${a} on <${el.tagName}>`);
      const value = el.getAttribute(a) ?? '';
      if (/href|src|action|data|background|poster|srcset|ping/i.test(a) && !/^https?:\/\//i.test(value.trim())) {
        found.push(`${a}="${value}" on <${el.tagName}>`);
      }
    }
  }
  return found;
}

// 10,000 cases each (issue 7). PARLEY_PASTE_CASES / PARLEY_PAGE_CASES change the counts for a longer hunt.
const PASTE_CASES = Number(process.env.PARLEY_PASTE_CASES ?? 10_000);
const PAGE_CASES = Number(process.env.PARLEY_PAGE_CASES ?? 10_000);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

describe('the HTML import path, fed random and hostile HTML', () => {
  it(`pasted HTML (${PASTE_CASES.toLocaleString('en')} cases): nothing that runs or loads survives, and sanitizing twice changes nothing`, () => {
    const started = performance.now();
    fc.assert(
      fc.property(fc.array(html, { minLength: 1, maxLength: 6 }), (parts) => {
        const fragment = parts.join('');
        const { html: once, text } = htmlToArticleText(fragment);
        expect(dangers(once)).toEqual([]);
        expect(sanitizeArticleHtml(once)).toBe(once);
        expect(htmlToArticleText(once).text).toBe(text);
      }),
      { numRuns: PASTE_CASES, seed: 11 },
    );
    recordFigures('html-sanitizer', { cases: PASTE_CASES, seconds: seconds(started) });
  }, 600_000);

  it(`never lets a script, an event handler or a non-http(s) URL through inside a whole page (${PAGE_CASES.toLocaleString('en')} cases, Readability first)`, () => {
    const started = performance.now();
    fc.assert(
      fc.property(fc.array(html, { minLength: 1, maxLength: 6 }), (parts) => {
        const fragment = parts.join('');
        const page = `<!DOCTYPE html><html><head><title>t</title></head><body><article><p>${'Words of the article. '.repeat(30)}</p>${fragment}</article></body></html>`;
        const result = importHtml(page);
        expect(dangers(result.html)).toEqual([]);
        expect(result.url === '' || /^https?:\/\//.test(result.url)).toBe(true);
      }),
      { numRuns: PAGE_CASES, seed: 11, examples: [[['<p href="">', '<a href="">x</a>', '<div href="https://ok.example/">y</div>']]] },
    );
    recordFigures('html-page-import', { cases: PAGE_CASES, seconds: seconds(started) });
  }, 600_000);

  it('keeps only an http(s) canonical URL from the page metadata', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URLS), (url) => {
        const page = `<html><head><link rel="canonical" href="${url}"></head><body><p>${'Text. '.repeat(50)}</p></body></html>`;
        const { url: kept } = importHtml(page);
        expect(kept === '' || /^https?:\/\/ok\.example\//.test(kept)).toBe(true);
      }),
    );
  });
});
