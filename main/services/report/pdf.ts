/**
 * The analyst brief as PDF, drawn with pdfkit so it works the same in
 * Electron, browser mode and the command line: a title page, the figures and
 * trend, the timeline chart as vector paths, the key events and every quote
 * with its citation, and "Page n of N" on every page. Every text that comes
 * from the workspace (labels, titles, quotes, notes) is set by pdfParagraph.ts,
 * which gives each letter a font (bundled DejaVu Sans and Noto, the shipped
 * Noto CJK and emoji fonts, or a font of this computer for other scripts:
 * pdfFonts.ts) and puts right-to-left text
 * in visual order, so pdftotext gives it back as written.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { dayToIso } from '../../../shared/domain/dates';
import { directionLabel, fmt, groupedQuotes, quoteFacts, trendText, type ReportData, type ReportQuote } from './data';
import { safeHttpUrl } from './escape';
import { PdfFonts, stringsIn } from './pdfFonts';
import { paragraph, type ParagraphOptions } from './pdfParagraph';

/** resources/fonts, found from a checkout (tests), dist/main (CLI, server) or app.asar. */
export function fontsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'fonts');
    if (fs.existsSync(path.join(candidate, 'DejaVuSans.ttf'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('The report fonts (resources/fonts/DejaVuSans.ttf) are missing from this installation.');
}

const MARGIN = 56;
const GREY = '#555555';

/** Workspace text at (x, y): set by pdfParagraph so every script has a font and its order. */
function say(doc: PDFKit.PDFDocument, fonts: PdfFonts, text: string, x: number, y: number | undefined, o: Partial<ParagraphOptions> & { width: number }) {
  return paragraph(doc, fonts, text, x, y, { base: 'regular', fontSize: 10, ...o });
}

function chart(doc: PDFKit.PDFDocument, fonts: PdfFonts, d: ReportData, x0: number, y0: number, w: number, h: number): void {
  const s = d.series;
  const n = s.combined.M.length;
  const pad = { l: 28, r: 8, t: 16, b: 18 };
  const x = (i: number) => x0 + pad.l + (n <= 1 ? 0 : (i / (n - 1)) * (w - pad.l - pad.r));
  const y = (v: number) => y0 + pad.t + ((10 - v) / 20) * (h - pad.t - pad.b);
  doc.save();
  doc.font('regular').fontSize(7).fillColor(GREY);
  for (const v of [-10, -5, 0, 5, 10]) {
    doc
      .moveTo(x0 + pad.l, y(v))
      .lineTo(x0 + w - pad.r, y(v))
      .lineWidth(v === 0 ? 0.8 : 0.3)
      .strokeColor('#bbbbbb')
      .stroke();
    doc.text(String(v), x0, y(v) - 3, { width: pad.l - 4, align: 'right', lineBreak: false });
  }
  doc.text(dayToIso(s.fromDay), x0 + pad.l, y0 + h - pad.b + 5, { lineBreak: false });
  doc.text(dayToIso(s.toDay), x0 + w - pad.r - 60, y0 + h - pad.b + 5, { width: 60, align: 'right', lineBreak: false });
  const line = (values: readonly (number | null)[], color: string, width: number, dash: boolean) => {
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      if (pen) doc.lineTo(x(i), y(v));
      else doc.moveTo(x(i), y(v));
      pen = true;
    });
    if (dash) doc.dash(3, { space: 2 });
    else doc.undash();
    doc.lineWidth(width).strokeColor(color).stroke();
    doc.undash();
  };
  line(s.ab.M, '#b45309', 1, true);
  line(s.ba.M, '#2563eb', 1, true);
  line(s.combined.M, '#222222', 1.8, false);
  const ab = directionLabel(d, 'ab');
  const ba = directionLabel(d, 'ba');
  doc.fontSize(8);
  doc.fillColor('#222222').text('— combined M', x0 + pad.l + 4, y0 + 2, { lineBreak: false });
  doc.fillColor('#b45309');
  say(doc, fonts, `- - ${ab}`, x0 + pad.l + 80, y0, { width: 68, fontSize: 8 });
  doc.fillColor('#2563eb');
  say(doc, fonts, `- - ${ba}`, x0 + pad.l + 150, y0, { width: w - pad.l - 160, fontSize: 8 });
  doc.rect(x0, y0, w, h).lineWidth(0.5).strokeColor('#dddddd').stroke();
  doc.restore();
}

function heading(doc: PDFKit.PDFDocument, fonts: PdfFonts, text: string, size = 15): void {
  doc.moveDown(0.6).fillColor('#111111');
  say(doc, fonts, text, MARGIN, undefined, { width: doc.page.width - 2 * MARGIN, base: 'bold', fontSize: size });
  doc.moveDown(0.3);
}

function quote(doc: PDFKit.PDFDocument, fonts: PdfFonts, q: ReportQuote): void {
  const width = doc.page.width - 2 * MARGIN;
  if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
  doc.moveDown(0.5);
  doc.fillColor('#111111');
  say(doc, fonts, `${q.codeName}${quoteFacts(q).headline}`, MARGIN, undefined, { width, base: 'bold', fontSize: 9.5 });
  doc.fillColor('#1c1c1c');
  const set = say(doc, fonts, q.exact, MARGIN + 10, doc.y + 4, { width: width - 10, fontSize: 10.5 });
  const top = set.top - 2;
  doc
    .save()
    .rect(MARGIN, top, 3, Math.max(8, set.bottom - top))
    .fill(/^#[0-9a-f]{6}$/i.test(q.color) ? q.color : '#999999')
    .restore();
  if (q.note) {
    doc.moveDown(0.2).fontSize(9.5).fillColor('#333333');
    doc.font('regular').text('Note:', MARGIN, undefined, { width });
    say(doc, fonts, q.note, MARGIN, undefined, { width, fontSize: 9.5 });
  }
  const url = safeHttpUrl(q.url);
  doc.moveDown(0.2).font('regular').fontSize(8.5).fillColor(GREY).text(quoteFacts(q).counts, MARGIN, undefined, { width });
  doc.moveDown(0.2).fillColor(GREY);
  say(doc, fonts, `${q.articleTitle} — ${q.outlet || 'unknown outlet'}, ${q.publishedOn}${url ? ` — ${url}` : ''}`, MARGIN, undefined, {
    width,
    fontSize: 8.5,
  });
}

export async function renderPdfReport(d: ReportData): Promise<Buffer> {
  const dir = fontsDir();
  // Every letter the brief holds gets its font before a page is drawn (an export that cannot show a script stops here).
  const fonts = await PdfFonts.forTexts(stringsIn(d), dir);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // No default font: pdfkit caches a registered font under its name only when no other copy of the same
    // face came first, and compares the two copies' name tables on every font() call otherwise (a second a brief).
    font: null as unknown as string,
    info: {
      Title: `Parley brief: ${d.relationship.label}`,
      Author: d.analyst || 'Parley',
      Creator: 'Parley',
      CreationDate: new Date(d.generatedAtMs),
    },
  });
  fonts.register(doc);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  // Title page.
  doc.fillColor('#111111');
  say(doc, fonts, d.relationship.label, MARGIN, 220, { width, base: 'bold', fontSize: 26 });
  doc.moveDown(0.5).font('regular').fontSize(14).fillColor('#333333').text('Analyst brief');
  doc.moveDown(1.2).fontSize(11).fillColor('#222222');
  doc.text(`Period: ${d.fromDate} to ${d.toDate}`);
  say(doc, fonts, `Analyst: ${d.analyst || 'not named'}`, MARGIN, undefined, { width, fontSize: 11 });
  doc.text(`Date: ${new Date(d.generatedAtMs).toISOString().slice(0, 10)}`);
  doc.moveDown(0.8).fontSize(9.5).fillColor(GREY);
  for (const line of d.selection) say(doc, fonts, line, MARGIN, undefined, { width, fontSize: 9.5 });
  doc.font('regular').fontSize(9.5);
  doc.text(`${d.quotes.length} tagged passages · half-life ${d.halfLifeDays} days`);

  // Score and trend.
  doc.addPage();
  heading(doc, fonts, `Score on ${d.today}`);
  const c = d.current;
  const rows: [string, string, string, string][] = [
    ['Direction', 'Sentiment M', 'Pressure R', 'Activity A'],
    [directionLabel(d, 'ab'), fmt(c.ab.M), fmt(c.ab.R), fmt(c.ab.A)],
    [directionLabel(d, 'ba'), fmt(c.ba.M), fmt(c.ba.R), fmt(c.ba.A)],
    ['Both directions', fmt(c.combined.M), fmt(c.combined.R), fmt(c.combined.A)],
  ];
  const colW = [150, 100, 100, 100];
  rows.forEach((r, i) => {
    const yRow = doc.y;
    doc.fillColor('#1c1c1c');
    let xCol = MARGIN;
    r.forEach((cell, j) => {
      const w = colW[j] ?? 100;
      say(doc, fonts, cell, xCol, yRow, { width: w - 8, base: i === 0 || i === 3 ? 'bold' : 'regular', ...(j > 0 ? { align: 'right' } : {}) });
      xCol += w;
    });
    doc.y = yRow + 16;
  });
  doc
    .moveDown(0.4)
    .font('regular')
    .fontSize(10)
    .text(`Trend: ${trendText(d)}`, MARGIN);
  doc.text(`Asymmetry: ${fmt(c.asymmetry)} · Index: ${fmt(c.index)}`);

  heading(doc, fonts, 'Running sentiment');
  const chartTop = doc.y;
  chart(doc, fonts, d, MARGIN, chartTop, width, 210);
  doc.y = chartTop + 220;

  heading(doc, fonts, 'Key events');
  if (d.keyEvents.length === 0) doc.font('regular').fontSize(10).text('No event in the period.');
  for (const q of d.keyEvents) quote(doc, fonts, q);

  // The quotes start on a new page unless the key events left most of one free.
  if (doc.y > doc.page.height / 2) doc.addPage();
  heading(doc, fonts, `Tagged passages by ${d.groupBy}`);
  if (d.quotes.length === 0) doc.font('regular').fontSize(10).text('No passage of this selection has been tagged in the period.');
  for (const g of groupedQuotes(d)) {
    heading(doc, fonts, `${g.heading} (${g.quotes.length})`, 12);
    for (const q of g.quotes) quote(doc, fonts, q);
  }

  // Page numbers, written once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
