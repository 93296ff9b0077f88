import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOTATION_CSV_COLUMNS, EVENT_CSV_COLUMNS } from '../../main/services/report/csv';
import { exportAs, exportFixture, HOSTILE, type ExportFixture } from '../helpers/exportFixture';
import { tempDir } from '../helpers/workspace';

const hasRscript = spawnSync('Rscript', ['--version']).status === 0;
const hasSoffice = spawnSync('soffice', ['--version']).status === 0;
// libreoffice-writer-nogui opens DOCX but not CSV; Calc (libsclo) is needed for that.
const hasCalc = hasSoffice && fs.existsSync('/usr/lib/libreoffice/program/libsclo.so');

describe('data exports read back with real readers', () => {
  let f: ExportFixture;
  let dir: string;
  beforeEach(async () => {
    f = await exportFixture({ analyst: 'Ana Lyst' });
    dir = tempDir('parley-export-');
  });
  afterEach(() => {
    f.w.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('quote CSV: BOM, every column, one row per annotation, text unchanged, no formula', async () => {
    const { bytes, fileName } = await exportAs(f, 'quotes-csv');
    expect(fileName).toBe('parley-usa-ind-2026-06-15-quotes.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...ANNOTATION_CSV_COLUMNS]);
    expect(rows).toHaveLength(5);
    // Numbers (a negative weight) are numbers; no text cell may start a formula.
    for (const r of rows) for (const v of Object.values(r)) if (!/^-?\d+(\.\d+)?$/.test(v)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    const threat = rows.find((r) => r.subtype === 'THREAT.NONFORCE')!;
    expect(threat.code).toBe('THREAT');
    expect(threat.outlet).toBe("'=Outlet");
    expect(threat.note).toBe(`'${HOSTILE.formula} ${HOSTILE.mdLink}`);
    expect(threat.analyst).toBe('Ana Lyst');
    expect(threat.source_actor).toBe('USA');
    expect(Number(threat.weight)).toBe(-5.8);
    expect(rows.find((r) => r.code === 'CONCESSION' && r.subtype === '')!.quote).toBe(HOSTILE.rtlHebrew);
    expect(rows.some((r) => r.note === HOSTILE.script)).toBe(true);
  });

  it.skipIf(!hasRscript)("quote CSV loads unchanged in R's read.csv", async () => {
    const { bytes } = await exportAs(f, 'quotes-csv');
    const file = path.join(dir, 'q.csv');
    fs.writeFileSync(file, bytes);
    const r = spawnSync(
      'Rscript',
      [
        '-e',
        `d <- read.csv("${file}", fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE); cat(nrow(d), ncol(d), "\\n"); cat(names(d)[1], "\\n"); cat(d$quote[d$code == "CONCESSION" & d$subtype == ""], "\\n")`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const [dims, first, rtl] = r.stdout.split('\n');
    expect(dims!.trim()).toBe(`5 ${ANNOTATION_CSV_COLUMNS.length}`);
    expect(first!.trim()).toBe('annotation_id');
    expect(rtl!.trim()).toBe(HOSTILE.rtlHebrew);
  });

  it.skipIf(!hasCalc)('quote CSV opens in LibreOffice headless', async () => {
    const { bytes } = await exportAs(f, 'quotes-csv');
    const file = path.join(dir, 'q.csv');
    fs.writeFileSync(file, bytes);
    const r = spawnSync('soffice', ['--headless', '--convert-to', 'html', '--infilter=CSV:44,34,76', '--outdir', dir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const html = fs.readFileSync(path.join(dir, 'q.html'), 'utf8');
    expect(html).toContain('annotation_id');
    expect(html).not.toMatch(/<a [^>]*evil\.example/);
  });

  it('event CSV is ICEWS-like: one row per scored event with CAMEO code and report count', async () => {
    const rows = parse((await exportAs(f, 'events-csv')).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...EVENT_CSV_COLUMNS]);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.event_date)).toEqual([...rows.map((r) => r.event_date)].sort());
    const verbal = rows.find((r) => r.code === 'CONCESSION.VERBAL')!;
    expect(verbal).toMatchObject({ source: 'IND', target: 'USA', cameo_code: '081-083', report_count: '1' });
    expect(rows.reduce((s, r) => s + Number(r.report_count), 0)).toBe(5);
  });

  it('score series CSV has one row per day and R, A, M per direction and combined', async () => {
    const rows = parse((await exportAs(f, 'series-csv', { fromDate: '2026-05-01', toDate: '2026-06-15' })).bytes, {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'day',
      'usa_ind_R',
      'usa_ind_A',
      'usa_ind_M',
      'ind_usa_R',
      'ind_usa_A',
      'ind_usa_M',
      'combined_R',
      'combined_A',
      'combined_M',
    ]);
    expect(rows).toHaveLength(46);
    expect(rows[0]!.day).toBe('2026-05-01');
    expect(rows[0]!.combined_M).toBe(''); // nothing has weighed yet
    const last = rows.at(-1)!;
    expect(Number(last.combined_R)).toBeCloseTo(Number(last.usa_ind_R) + Number(last.ind_usa_R), 5);
  });

  it('JSON-LD is a Web Annotation collection with TextQuote and TextPosition selectors, and round-trips', async () => {
    const first = await exportAs(f, 'annotations-jsonld');
    const doc = JSON.parse(first.text);
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(5);
    const items = doc.first.items as {
      target: { selector: { type: string; exact?: string }[] };
      body: { purpose: string; value: string }[];
    }[];
    for (const it of items) expect(it.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(items.some((i) => i.body.some((b) => b.purpose === 'commenting' && b.value === HOSTILE.script))).toBe(true);

    // export → import into an empty workspace → export gives the same document.
    const other = await exportFixtureEmpty();
    try {
      const summary = await other.w.ok('export:import', { fileName: 'a.jsonld', contentBase64: first.bytes.toString('base64') });
      expect(summary).toMatchObject({ articlesAdded: 2, annotationsAdded: 5, conflicts: 0, skipped: [] });
      const again = await other.w.ok('export:file', { relationshipId: other.relId, format: 'annotations-jsonld' });
      expect(again.content).toBe(first.text);
      // and importing it once more adds nothing: every annotation is a duplicate.
      const twice = await other.w.ok('export:import', { fileName: 'a.jsonld', contentBase64: first.bytes.toString('base64') });
      expect(twice).toMatchObject({ articlesMatched: 2, annotationsAdded: 0, annotationsDuplicate: 5 });
    } finally {
      other.w.close();
    }
  });

  it('DOCX unzips to valid WordprocessingML with the quotes, a native chart and page numbers', async () => {
    const { bytes, fileName } = await exportAs(f, 'brief-docx', { groupBy: 'date' });
    expect(fileName).toMatch(/-brief\.docx$/);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['word/document.xml', '[Content_Types].xml', 'word/charts/chart1.xml']));
    const documentXml = strFromU8(files['word/document.xml']!);
    const docPath = path.join(dir, 'document.xml');
    fs.writeFileSync(docPath, documentXml);
    const lint = spawnSync('xmllint', ['--noout', docPath], { encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    const plain = documentXml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('United States – India');
    expect(plain).toContain('Analyst: Ana Lyst');
    expect(plain).toMatch(/&lt;script&gt;alert\((&quot;|")x(&quot;|")\)&lt;\/script&gt;/);
    expect(documentXml).not.toContain('<script');
    expect(plain).toContain(HOSTILE.rtlHebrew);
    expect(documentXml).toContain('w:bidi');
    const footer = Object.keys(files).find((n) => /word\/footer\d*\.xml/.test(n))!;
    expect(strFromU8(files[footer]!)).toContain('NUMPAGES');
    expect(strFromU8(files['word/charts/chart1.xml']!)).toContain('<c:lineChart>');
  });

  it.skipIf(!hasSoffice)('DOCX opens in LibreOffice headless', async () => {
    const file = path.join(dir, 'b.docx');
    fs.writeFileSync(file, (await exportAs(f, 'brief-docx')).bytes);
    const r = spawnSync('soffice', ['--headless', '--convert-to', 'txt:Text', '--outdir', dir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8')).toContain('The ministry promised to resume talks next month');
  });

  it('PDF: pdftotext finds the title page, the quotes, the citations and page numbers', async () => {
    const { bytes } = await exportAs(f, 'brief-pdf', { fromDate: '2026-05-01' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'b.pdf');
    fs.writeFileSync(file, bytes);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info.status, info.stderr).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('United States – India');
    expect(text).toContain('Period: 2026-05-01 to 2026-06-15');
    expect(text).toContain('Analyst: Ana Lyst');
    expect(text).toContain('The ministry promised to resume talks next month');
    expect(text).toContain(HOSTILE.script);
    expect(text).toContain('Key events');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    const png = spawnSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '40', '-png', file, path.join(dir, 'p')], { encoding: 'utf8' });
    expect(png.status, png.stderr).toBe(0);
    expect(fs.readdirSync(dir).some((n) => /^p-\d+\.png$/.test(n))).toBe(true);
  });

  it('a selection of codes, actors, articles and a period narrows the brief', async () => {
    const { text } = await exportAs(f, 'brief-md', { codeIds: [f.codes.THREAT!], actorIds: [f.actors.a], keyEventCount: 1 });
    expect(text).toContain('Codes\\: Threat');
    expect(text).toContain('Non\\-force threat');
    expect(text).not.toContain('The ministry promised');
    expect(text).toContain('see \\[here\\]\\(javascript\\:alert\\(1\\)\\)'); // the note is there, escaped…
    expect(text).not.toMatch(/\]\(javascript/); // …and forms no link
    const html = (await exportAs(f, 'brief-html')).text;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toMatch(/href="javascript/i);
    const csv = parse((await exportAs(f, 'quotes-csv', { articleIds: [f.articleIds[1]!] })).bytes, {
      bom: true,
      columns: true,
    }) as unknown[];
    expect(csv).toHaveLength(1);
    const none = parse((await exportAs(f, 'quotes-csv', { fromDate: '2026-06-10' })).bytes, { bom: true, columns: true }) as unknown[];
    expect(none).toHaveLength(0);
    const bad = await f.w.call('export:file', {
      relationshipId: f.relId,
      format: 'quotes-csv',
      fromDate: '2026-06-10',
      toDate: '2026-06-01',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

async function exportFixtureEmpty() {
  const { openTestWorkspace } = await import('../helpers/workspace');
  const w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
  await w.ok('export:analyst', { name: 'Ana Lyst' });
  const rel = (await w.ok('relationships:list', {}))[0]!;
  return { w, relId: rel.id as number };
}

describe('CSV cells', () => {
  it('any text comes back from csv-parse unchanged, or with a leading quote mark when it could start a formula', async () => {
    const fc = (await import('fast-check')).default;
    const { csvRow } = await import('../../main/services/report/escape');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const [parsed] = parse(csvRow(cells) + '\r\n', { relax_column_count: false }) as string[][];
        expect(parsed).toEqual(cells.map((c) => (/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(c) ? `'${c}` : c)));
      }),
      { numRuns: 1000 },
    );
  });
});
