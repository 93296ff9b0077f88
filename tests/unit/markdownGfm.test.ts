/**
 * Issue 14, item 6: analyst text in the Markdown brief forms no link and no
 * markup under CommonMark and GFM readers, autolinks included. Read by two
 * GFM implementations besides markdown-it (exportsScore.test.ts):
 * micromark with micromark-extension-gfm (autolink literals, tables, task
 * lists, strikethrough, footnotes, tag filter), and cmark-gfm, GitHub's own
 * reader (Debian's cmark-gfm, installed by .ci/run), with raw HTML let
 * through so that any the text formed would show.
 *
 * Each hostile text is set the way markdown.ts sets analyst text (a heading,
 * a code name in bold, a quote, a note, a link's text, a table cell) and
 * must render exactly as a plain word in its place: the same elements, with
 * the text itself as their text.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../main/services/report/escape';
import { exportAs, exportFixture, tagNewArticle, type ExportFixture } from '../helpers/exportFixture';

/** What an analyst could paste into a note, a quote, a title, a code or actor name. */
const HOSTILE = [
  'https://evil.example/path?q=1&x=2',
  'http://192.168.0.1/admin_panel',
  'www.example.org/page',
  'WWW.EXAMPLE.ORG and www.x.com/~user/',
  'ftp://files.example.net/a',
  'mailto:desk@example.com',
  'xmpp:agent@example.com/chat',
  'desk@example.com',
  'first.last+tag@sub.example.co.uk.',
  '<https://auto.example/>',
  '<desk@example.com>',
  'https://example.com/a_(b)_c',
  '[click](javascript:alert(1))',
  '[ref]: https://example.com/ref "title"',
  '[ref] [ref][] [text][ref]',
  '![img](https://example.com/i.png)',
  '*em* **strong** ***both***',
  '_em_ __strong__ ___both___',
  'snake_case_name and 2*3*4',
  '~~struck~~ ~single~',
  '| a | b |',
  '| a | b |\n| --- | --- |\n| 1 | 2 |',
  'a | b\n-|-\n1 | 2',
  '- [x] done\n- [ ] todo',
  '[x] [ ] checked',
  'See note[^1].\n\n[^1]: The footnote.',
  '[^note]',
  '<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)>',
  '<!-- comment --> <?php echo 1; ?> <![CDATA[x]]> <title>',
  '&amp; &lt; &#42; &#x2A; &copy;',
  '`code` ``double``',
  '```\nfenced\n```',
  '~~~\nfenced\n~~~',
  '# Heading\n## Two',
  'Title\n===',
  'Title\r===',
  'Line\r---',
  'Line\r\n***',
  '> quoted\n>> nested',
  '1. one\n2) two',
  '- item\n+ item\n* item',
  '    indented code',
  '\tindented by a tab',
  '  two spaces first and last  ',
  'trailing backslash \\',
  'hard  \nbreak',
  '\\*not em\\* \\_x\\_',
  '***',
  '---',
  '====',
  'a\u2028b\u2029c',
  '{curly} (paren) "quote" \'apos\' :colon: @mention #123',
  '$x^2$ and $$math$$',
];

/** The places markdown.ts puts analyst text, as it writes them. */
const CONTEXTS: Record<string, (text: string) => string> = {
  heading: (t) => `# ${t}`,
  group: (t) => `### ${t} (3)`,
  codeName: (t) => `**${t}** · weight -6`,
  quote: (t) => `> ${t}`,
  note: (t) => `Note: ${t}`,
  citation: (t) => `— [${t}](<https://news.example/a>), ${t}, 2026-06-01`,
  tableCell: (t) => `| Direction | M |\n|---|---:|\n| ${t} | 1.00 |`,
};

const PLACEHOLDER = 'QzxPlaceholderXzq';

/**
 * The text as an HTML renderer writes it (both escape these four; CommonMark turns NUL into U+FFFD), with
 * the brief's line breaks as spaces and the invisible word joiner the brief puts after each @.
 */
const htmlText = (s: string) =>
  s
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\0/g, '\ufffd')
    .replace(/@/g, '@\u2060')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

// Whitespace a reader drops or keeps at a block's edges is not markup: compared as one space, none beside tags.
const squeeze = (html: string) =>
  html
    .replace(/\s+/g, ' ')
    .replace(/ ?(<[^>]+>) ?/g, '$1')
    .trim();

const microGfm = (doc: string) => micromark(doc, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

const CMARK_ARGS = [
  '--unsafe',
  '-e',
  'autolink',
  '-e',
  'table',
  '-e',
  'strikethrough',
  '-e',
  'tasklist',
  '-e',
  'tagfilter',
  '-e',
  'footnotes',
];
const SPLIT = '<hr class="split-here">';

/** cmark-gfm over many documents in one run: an HTML block between them ends whatever block came before. */
function cmarkGfm(docs: string[]): string[] {
  const r = spawnSync('cmark-gfm', CMARK_ARGS, { input: docs.join(`\n\n${SPLIT}\n\n`), encoding: 'utf8' });
  expect(r.error, 'cmark-gfm is installed (Debian: apt install cmark-gfm; .ci/run does)').toBeUndefined();
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split(SPLIT);
}

/** The hostile text must render as the placeholder does, with itself in the placeholder's place. */
function expectInert(rendered: string, plain: string, s: string, where: string) {
  expect(squeeze(rendered), `${where}: ${JSON.stringify(s)}`).toBe(squeeze(plain.split(PLACEHOLDER).join(htmlText(s))));
}

describe('Markdown brief under GFM readers', () => {
  it('micromark + GFM: every hostile text in every place renders as plain text', () => {
    for (const [where, put] of Object.entries(CONTEXTS)) {
      const plain = microGfm(put(PLACEHOLDER));
      for (const s of HOSTILE) expectInert(microGfm(put(escapeMarkdown(s))), plain, s, where);
    }
  });

  it('cmark-gfm (GitHub’s reader): every hostile text in every place renders as plain text', () => {
    for (const [where, put] of Object.entries(CONTEXTS)) {
      const [plain] = cmarkGfm([put(PLACEHOLDER)]);
      const out = cmarkGfm(HOSTILE.map((s) => put(escapeMarkdown(s))));
      expect(out).toHaveLength(HOSTILE.length);
      HOSTILE.forEach((s, i) => expectInert(out[i]!, plain!, s, where));
    }
  });

  it('micromark + GFM and cmark-gfm: random mixes of Markdown punctuation, URLs and line breaks form nothing', () => {
    const pieces = fc.oneof(
      fc.constantFrom(
        'https://',
        'www.',
        'x@y.co',
        '.com',
        '[^',
        ']:',
        '](',
        '<',
        '>',
        '\r',
        '\n',
        '\t',
        '    ',
        '&#',
        ';',
        '|',
        '~~',
        '\\',
      ),
      fc.string({ unit: fc.constantFrom(...'*_~`|[]()<>!#+-=.:/@\\&;^$ \twhtpsxa1'), maxLength: 8 }),
    );
    const texts = fc.sample(
      fc
        .array(pieces, { minLength: 1, maxLength: 6 })
        .map((p) => p.join(''))
        .filter((s) => s !== ''),
      { numRuns: 120, seed: 14 },
    ); // no workspace text is empty
    for (const [where, put] of Object.entries(CONTEXTS)) {
      const plainMicro = microGfm(put(PLACEHOLDER));
      const [plainCmark] = cmarkGfm([put(PLACEHOLDER)]);
      const cmarkOut = cmarkGfm(texts.map((s) => put(escapeMarkdown(s))));
      texts.forEach((s, i) => {
        expectInert(microGfm(put(escapeMarkdown(s))), plainMicro, s, `${where} (micromark)`);
        expectInert(cmarkOut[i]!, plainCmark!, s, `${where} (cmark-gfm)`);
      });
    }
  });

  describe('the exported brief', () => {
    let f: ExportFixture;
    beforeAll(async () => {
      f = await exportFixture();
      const quote = 'Visit www.example.org or https://evil.example/x_y_z today';
      const note = HOSTILE.join(' ');
      await tagNewArticle(
        f,
        {
          title: '[Talks](https://evil.example) <b>x</b> www.title.example',
          outlet: 'desk@example.com | ~~Wire~~',
          publishedOn: '2026-06-10',
          text: `${quote}.`,
        },
        [{ quote, note, codeId: f.codes.OVERTURE, sourceActorId: f.actors.b, targetActorId: f.actors.a }],
      );
    });
    afterAll(() => f.w.close());

    it('links only the articles’ own addresses and forms none of the analyst’s, under both readers', async () => {
      const md = (await exportAs(f, 'brief-md')).text;
      for (const rendered of [microGfm(md), cmarkGfm([md])[0]!]) {
        const html = rendered.replace(/\u2060/g, '');
        const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
        expect(links.length).toBeGreaterThan(0);
        expect(
          links.every((l) => l === 'https://news.example/a?b=1&amp;c=2'),
          links.join(' '),
        ).toBe(true);
        expect(html).not.toMatch(/<(em|del|s|img|script|b|code|pre|input|sup|section)[ >]/);
        expect(html).toContain('Visit www.example.org or https://evil.example/x_y_z today');
        expect(html).toContain('desk@example.com | ~~Wire~~');
      }
    });
  });
});
