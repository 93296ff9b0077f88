import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell, escapeHtml, escapeMarkdown, safeHttpUrl } from '../../main/services/report/escape';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';
import type { ReportFormat } from '../../shared/api/schemas';

const HOSTILE_NOTE = '<script>alert(1)</script> =HYPERLINK("http://evil.example","x") [x](javascript:alert(1)) \u202eevil';
const HOSTILE_QUOTE = "=cmd|' /C calc'!A0 <img src=x onerror=alert(2)>";

describe('escaping', () => {
  it('CSV cells never start a formula and quote everything textual', () => {
    expect(csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('@x')).toBe(`"'@x"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(-5.8)).toBe('-5.8');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = csvCell(s);
        expect(cell.startsWith('"')).toBe(true);
        expect(/^"[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('HTML escaping leaves no markup', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });

  it('Markdown escaping forms no link, image or HTML', () => {
    const md = escapeMarkdown('[x](javascript:alert(1)) ![i](http://e) <b>');
    expect(md).not.toMatch(/\]\(/);
    expect(md).not.toMatch(/</);
  });

  it('only http(s) URLs are linked', () => {
    expect(safeHttpUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });
});

describe('reports of a relationship', () => {
  let w: TestWorkspace;
  let relId: number;
  beforeEach(async () => {
    w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
    const rel = (await w.ok('relationships:list', {}))[0]!;
    relId = rel.id;
    const codes = await w.ok('codebook:list', {});
    const text = `Officials said ${HOSTILE_QUOTE} before noon.`;
    const art = await w.ok('articles:create', {
      title: '<script>document.title="pwned"</script>Tariff row',
      outlet: '=Outlet',
      url: 'https://news.example/a?b=1&c=2',
      publishedOn: '2026-06-01',
      relationshipId: rel.id,
      text,
    });
    const start = text.indexOf(HOSTILE_QUOTE);
    await w.ok('annotations:create', {
      articleId: art.id,
      start,
      end: start + HOSTILE_QUOTE.length,
      codeId: codes.find((c: { key: string }) => c.key === 'THREAT')!.id,
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
      note: HOSTILE_NOTE,
    });
  });
  afterEach(() => w.close());

  const exportAs = (format: ReportFormat) => w.ok('report:export', { relationshipId: relId, format });

  it('HTML holds every quote escaped, a CSP that forbids script, and no script', async () => {
    const { content, fileName, mimeType } = await exportAs('html');
    expect(fileName).toMatch(/^parley-usa-ind-2026-06-15\.html$/);
    expect(mimeType).toMatch(/text\/html/);
    expect(content).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'");
    expect(content).not.toMatch(/<script/i);
    expect(content).not.toMatch(/<img/i);
    expect(content).not.toMatch(/<[^>]*\son\w+\s*=/i); // no event handler inside any tag
    expect(content).toContain('=cmd|&#39; /C calc&#39;!A0 &lt;img src=x onerror=alert(2)&gt;');
    expect(content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(content).toContain('href="https://news.example/a?b=1&amp;c=2"');
    expect(content).toContain('<svg');
    expect(content).toMatch(/<b>Both directions<\/b><\/td><td><b>-6\.00<\/b>/); // one threat, 14 days old: M = −6
  });

  it('Markdown forms no link from a note and no HTML', async () => {
    const { content } = await exportAs('md');
    expect(content).not.toMatch(/<script|<img/i);
    expect(content).not.toMatch(/\]\(javascript/);
    expect(content).toContain('\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(content).toContain('[&lt;script&gt;document\\.title=\\"pwned\\"&lt;\\/script&gt;Tariff row](<https://news.example/a?b=1&c=2>)');
  });

  it('CSV has a BOM, a header, and no cell that starts a formula', async () => {
    const { content } = await exportAs('csv');
    expect(content.startsWith('\ufeff"annotation_id"')).toBe(true);
    const lines = content.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=Outlet"`);
    expect(lines[1]).toContain(`"'=cmd|' /C calc'!A0 <img src=x onerror=alert(2)>"`);
    for (const cell of lines[1]!.match(/"(?:[^"]|"")*"/g)!) expect(cell).not.toMatch(/^"[=+\-@]/);
  });

  it('JSON parses and holds the annotation with its selector and the series', async () => {
    const doc = JSON.parse((await exportAs('json')).content);
    expect(doc.format).toBe('parley-report/1');
    expect(doc.annotations).toHaveLength(1);
    expect(doc.annotations[0].selector.exact).toBe(HOSTILE_QUOTE);
    expect(doc.annotations[0].note).toBe(HOSTILE_NOTE);
    expect(doc.current.combined.M).toBeCloseTo(-6, 10);
    expect(doc.series.at(-1).date).toBe('2026-06-15');
  });
});
