/**
 * Issue 7, hostile input: notes, code names and actor names containing markup
 * come out of every text export inert — nothing that runs, no link formed, no
 * CSV cell that starts a formula — and still readable. fast-check, 10,000
 * cases per property in the normal run (PARLEY_HOSTILE_CASES overrides):
 *
 * - through the real exports: each case renames a code and an actor and
 *   writes a tag's note through the API (the analyst's path), then exports
 *   the brief as HTML and Markdown, the quotes and events as CSV and the
 *   annotations as JSON-LD, and reads each back with a real parser (parse5,
 *   the HTML standard's parsing algorithm that jsdom itself uses; markdown-it;
 *   csv-parse; JSON.parse);
 * - the escaping every export goes through, on its own (cheap, so the
 *   generator reaches far more shapes than the exports can in the same time).
 *
 * The interface side (the same texts shown, nothing run) is the end-to-end
 * spec tests/e2e/hostile-names.spec.ts.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse as parseHtml } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRow, escapeHtml, escapeMarkdown } from '../../main/services/report/escape';
import type { ExportFormat } from '../../shared/api/exchange';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const CASES = Number(process.env.PARLEY_HOSTILE_CASES ?? 10_000);

/** Pieces an attacker would paste, mixed with arbitrary text. */
const FRAGMENTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<a href="javascript:alert(3)">x</a>',
  '<svg onload=alert(4)>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>*{}</style>',
  '"><b>',
  "'-alert(5)-'",
  '[link](javascript:alert(6))',
  '![img](https://evil.example/t.png)',
  '<https://evil.example>',
  '`code`',
  '**bold** _em_',
  '# heading',
  '> quote',
  '- item',
  '| a | b |',
  '=HYPERLINK("https://evil.example","x")',
  "=cmd|' /C calc'!A0",
  '+1',
  '-2',
  '@SUM(A1)',
  '\t',
  '\r\n',
  '\n',
  '&amp;',
  '&lt;',
  '\\',
  '\u202e',
  '\uff1dSUM(1)',
  'United States',
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** Names are trimmed and must not be empty: keep a visible core. */
const hostileName = hostileText.map((s) => `N ${s}`.replace(/\s+/g, ' ').trim().slice(0, 180));

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
/** A number written as a number (a weight of -6) is a value, not a formula. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const startsFormula = (cell: string) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell);
const md = new MarkdownIt({ html: true, linkify: false });
/** An element of parse5's tree (the HTML standard's parser, without a DOM: thousands of pages parse in seconds). */
interface HtmlNode {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  value?: string;
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

function* elements(node: HtmlNode): Generator<HtmlNode> {
  if (node.tagName) yield node;
  for (const child of node.childNodes ?? []) yield* elements(child);
  if (node.content) yield* elements(node.content);
}

function textOf(node: HtmlNode): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.tagName === 'style' || node.tagName === 'script') return '';
  return (node.childNodes ?? []).map(textOf).join('');
}

const UNSAFE_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'math', 'base', 'form', 'foreignobject', 'animate', 'set', 'use']);

/**
 * What a page must never carry: script or embedding elements, event handlers, non-http(s) links.
 * (The brief's own chart is an inline SVG: allowed, but nothing in it that could run.)
 */
function dangerIn(root: HtmlNode): string | null {
  for (const el of elements(root)) {
    const tag = el.tagName!.toLowerCase();
    if (UNSAFE_ELEMENTS.has(tag)) return `a <${tag}> element`;
    for (const attr of el.attrs ?? []) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) return `an event handler ${name} on <${tag}>`;
      if (tag === 'meta' && name === 'http-equiv' && /refresh/i.test(attr.value)) return 'a meta refresh';
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
        const v = attr.value.trim();
        if (v !== '' && !/^(https?:|#|data:image\/(png|svg\+xml);base64,)/i.test(v)) return `${name}="${v.slice(0, 40)}"`;
      }
    }
  }
  return null;
}

const tagsOf = (root: HtmlNode) => [...elements(root)].map((el) => el.tagName!);
const bodyOf = (root: HtmlNode) => [...elements(root)].find((el) => el.tagName === 'body')!;

function csvCells(text: string): string[] {
  return (parse(text, { bom: true, relax_column_count: true }) as string[][]).flat();
}

describe('hostile notes, code names and actor names through every text export', () => {
  let w: TestWorkspace;
  let relId: number;
  let codeId: number;
  let actorId: number;
  let annotationId: number;
  const figures = { cases: 0, exports: 0, seconds: 0 };

  beforeAll(async () => {
    w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
    const rel = (await w.ok('relationships:list', {}))[0]!;
    relId = rel.id;
    actorId = rel.actorA.id;
    const codes = await w.ok('codebook:list', {});
    codeId = codes.find((c: { key: string }) => c.key === 'THREAT')!.id;
    const text = 'Washington warned New Delhi of new tariffs on steel.';
    const article = await w.ok('articles:create', {
      title: 'Tariff warning',
      outlet: 'Wire',
      publishedOn: '2026-06-01',
      relationshipId: relId,
      text,
    });
    const start = text.indexOf('warned');
    annotationId = (
      await w.ok('annotations:create', {
        articleId: article.id,
        start,
        end: start + 'warned New Delhi'.length,
        codeId,
        sourceActorId: actorId,
        targetActorId: rel.actorB.id,
      })
    ).id;
  });
  afterAll(() => {
    w.close();
    const dir = path.resolve(__dirname, '../../.cache/reliability');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'hostile-text.json'), JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2));
  });

  const exportText = async (format: ExportFormat) => {
    figures.exports++;
    const r = await w.ok('export:file', { relationshipId: relId, format, fromDate: '2026-05-01', toDate: '2026-06-15' });
    return r.content as string;
  };

  it(`${CASES.toLocaleString('en')} cases: nothing runs, no link forms, no cell starts a formula, the text is still there`, async () => {
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(hostileName, hostileName, hostileText, async (codeName, actorName, note) => {
        figures.cases++;
        // Names must stay unique; a refusal would be a clear error, not a silent change, so make them unique.
        const uniqueCode = `${codeName} #${figures.cases}`;
        const uniqueActor = `${actorName} #${figures.cases}`;
        await w.ok('codebook:update', { id: codeId, name: uniqueCode });
        await w.ok('actors:update', { id: actorId, name: uniqueActor });
        await w.ok('annotations:update', { id: annotationId, note });

        const html = parseHtml(await exportText('brief-html')) as unknown as HtmlNode;
        expect(dangerIn(html)).toBeNull();
        const shown = textOf(bodyOf(html)).replace(/\s+/g, ' ');
        expect(shown).toContain(uniqueCode.replace(/\s+/g, ' '));

        const mdHtml = parseHtml(md.render(await exportText('brief-md'))) as unknown as HtmlNode;
        expect(dangerIn(mdHtml)).toBeNull();
        // Only the brief's own links (its sources) may be links; none is formed from the hostile texts.
        for (const a of elements(mdHtml)) {
          if (a.tagName === 'a') expect(a.attrs!.find((x) => x.name === 'href')?.value).toMatch(/^https?:/);
          expect(a.tagName).not.toBe('img');
        }

        for (const format of ['quotes-csv', 'events-csv'] as const) {
          const cells = csvCells(await exportText(format));
          for (const cell of cells) expect(startsFormula(cell), `${format} cell ${JSON.stringify(cell)}`).toBe(false);
          if (format === 'quotes-csv') expect(cells.some((c) => c === note || c === `'${note}`)).toBe(true);
        }

        const jsonld = JSON.parse(await exportText('annotations-jsonld')) as unknown;
        expect(JSON.stringify(jsonld)).toContain(JSON.stringify(note).slice(1, -1));
      }),
      { numRuns: CASES, seed: 23 },
    );
    figures.seconds = Math.round((performance.now() - t0) / 100) / 10;
  }, 1_800_000);
});

describe('the escaping every export goes through', () => {
  it(`${CASES.toLocaleString('en')} cases each: HTML text stays text, Markdown forms nothing, CSV reads back unchanged or defused`, () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const body = bodyOf(parseHtml(`<p>${escapeHtml(s)}</p><p title="${escapeHtml(s)}">x</p>`) as unknown as HtmlNode);
        const inside = [...elements(body)].slice(1);
        expect(inside.map((el) => el.tagName)).toEqual(['p', 'p']);
        expect(inside[0]!.attrs).toEqual([]);
        expect(inside[1]!.attrs!.map((a) => a.name)).toEqual(['title']);
      }),
      { numRuns: CASES, seed: 29 },
    );
    fc.assert(
      fc.property(hostileText, (s) => {
        // As the exports use it: after a label on its line (Note:, >, |, #), never at a line's start.
        const rendered = bodyOf(parseHtml(md.render(`Note: ${escapeMarkdown(s)}`)) as unknown as HtmlNode);
        // One paragraph of text at most: no link, image, code, emphasis, heading, list, quote, table or HTML.
        for (const tag of tagsOf(rendered).slice(1)) expect(['p', 'br']).toContain(tag);
      }),
      { numRuns: CASES, seed: 31 },
    );
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), (cells) => {
        const [row] = parse(`${csvRow(cells)}\r\n`) as string[][];
        expect(row).toEqual(cells.map((c) => (FORMULA_START.test(c) ? `'${c}` : c)));
      }),
      { numRuns: CASES, seed: 37 },
    );
  }, 600_000);
});
