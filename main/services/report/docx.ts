/**
 * The analyst brief as an editable Word document (the `docx` package): real
 * headings, a figures table, the timeline as a native Word line chart (its
 * data in an embedded workbook, so "Edit Data" works in Word), quotes as
 * indented paragraphs with their citations, and page numbers in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import { dayToIso } from '../../../shared/domain/dates';
import { directionLabel, fmt, groupedQuotes, quoteFacts, trendText, type ReportData, type ReportQuote } from './data';
import { XML_INVALID } from '../exchange/qdpx';
import { safeHttpUrl } from './escape';

// XML 1.0 cannot carry most control characters; Word refuses a file that has them.
const clean = (s: string) => s.replace(XML_INVALID, '');
const run = (text: string, opts: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) =>
  new TextRun({ text: clean(text), ...opts });
/** Right-to-left when the first strong letter is Hebrew or Arabic. */
const rtl = (s: string) =>
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(
    /[A-Za-z\u00c0-\u024f\u0370-\u04ff\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.exec(s)?.[0] ?? '',
  );

function quoteParagraphs(q: ReportQuote): Paragraph[] {
  const color = /^#[0-9a-f]{6}$/i.test(q.color) ? q.color.slice(1) : '999999';
  const url = safeHttpUrl(q.url);
  const facts = quoteFacts(q);
  const out = [
    new Paragraph({
      spacing: { before: 200 },
      children: [run(q.codeName, { bold: true }), run(facts.headline)],
      keepNext: true,
      keepLines: true,
    }),
    new Paragraph({ keepNext: true, children: [run(facts.counts, { color: '555555', size: 18 })] }),
    new Paragraph({
      indent: { left: 360 },
      bidirectional: rtl(q.exact),
      border: { left: { style: BorderStyle.SINGLE, size: 18, color, space: 8 } },
      // A quote, its note and its citation stay on one page.
      keepNext: true,
      keepLines: true,
      children: [run(q.exact)],
    }),
  ];
  if (q.note)
    out.push(
      new Paragraph({
        keepNext: true,
        keepLines: true,
        children: [run('Note: ', { italics: true }), run(q.note, { italics: true })],
        bidirectional: rtl(q.note),
      }),
    );
  out.push(
    new Paragraph({
      children: [
        url
          ? new ExternalHyperlink({
              link: url,
              children: [new TextRun({ text: clean(q.articleTitle), style: 'Hyperlink', color: '555555', size: 18 })],
            })
          : run(q.articleTitle, { color: '555555', size: 18 }),
        run(` — ${q.outlet || 'unknown outlet'}, ${q.publishedOn}${url ? ` — ${url}` : ''}`, { color: '555555', size: 18 }),
      ],
    }),
  );
  return out;
}

function figuresTable(d: ReportData): Table {
  const c = d.current;
  const rows = [
    ['Direction', 'Sentiment M', 'Pressure R', 'Activity A'],
    [directionLabel(d, 'ab'), fmt(c.ab.M), fmt(c.ab.R), fmt(c.ab.A)],
    [directionLabel(d, 'ba'), fmt(c.ba.M), fmt(c.ba.R), fmt(c.ba.A)],
    ['Both directions', fmt(c.combined.M), fmt(c.combined.R), fmt(c.combined.A)],
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: r.map(
            (cell, j) =>
              new TableCell({
                children: [
                  new Paragraph({
                    alignment: j === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
                    children: [run(cell, { bold: i === 0 || i === 3 })],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

export async function renderDocxReport(d: ReportData): Promise<Buffer> {
  const s = d.series;
  const categories = s.combined.M.map((_, i) => dayToIso(s.fromDay + i));
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 2400 }, children: [run(d.relationship.label)] }),
    new Paragraph({ spacing: { after: 400 }, children: [run('Analyst brief', { size: 32, color: '333333' })] }),
    new Paragraph({ children: [run(`Period: ${d.fromDate} to ${d.toDate}`)] }),
    new Paragraph({ children: [run(`Analyst: ${d.analyst || 'not named'}`)] }),
    new Paragraph({ children: [run(`Date: ${new Date(d.generatedAtMs).toISOString().slice(0, 10)}`)] }),
    ...d.selection.map((line) => new Paragraph({ children: [run(line, { color: '555555', size: 18 })] })),
    new Paragraph({
      children: [
        run(`${d.quotes.length} tagged passages · half-life ${d.halfLifeDays} days`, { color: '555555', size: 18 }),
        new PageBreak(),
      ],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(`Score on ${d.today}`)] }),
    figuresTable(d),
    new Paragraph({
      spacing: { before: 120 },
      children: [run(`Trend: ${trendText(d)} · Asymmetry: ${fmt(d.current.asymmetry)} · Index: ${fmt(d.current.index)}`)],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run('Running sentiment')] }),
    new Paragraph({
      children: [
        new ChartRun({
          type: 'line',
          title: 'Running sentiment M',
          categories,
          series: [
            { name: 'Both directions', values: s.combined.M.map((v) => v ?? null), color: '222222' },
            { name: directionLabel(d, 'ab'), values: s.ab.M.map((v) => v ?? null), color: 'B45309' },
            { name: directionLabel(d, 'ba'), values: s.ba.M.map((v) => v ?? null), color: '2563EB' },
          ],
          valueAxis: { minimum: -10, maximum: 10, interval: 5 },
          categoryAxis: { crossesAt: 'minimum', labelRotation: -45 },
          altText: { name: 'Running sentiment', description: `Sentiment M per day from ${d.fromDate} to ${d.toDate}` },
        }),
      ],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run('Key events')] }),
    ...(d.keyEvents.length ? d.keyEvents.flatMap(quoteParagraphs) : [new Paragraph({ children: [run('No event in the period.')] })]),
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [run(`Tagged passages by ${d.groupBy}`)] }),
  ];
  if (d.quotes.length === 0)
    children.push(new Paragraph({ children: [run('No passage of this selection has been tagged in the period.')] }));
  for (const g of groupedQuotes(d)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(`${g.heading} (${g.quotes.length})`)] }));
    children.push(...g.quotes.flatMap(quoteParagraphs));
  }
  const doc = new Document({
    creator: clean(d.analyst || 'Parley'),
    title: clean(`Parley brief: ${d.relationship.label}`),
    description: 'Analyst brief exported by Parley',
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: 21 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
