/**
 * A PDF corpus with known paragraphs (issue 15, item 3): news-style texts
 * written here (short paragraphs and headings), laid out as LibreOffice flat
 * ODF documents in several styles — fonts, one and two columns, justified or
 * ragged, first-line indents or spaced paragraphs, running heads and page
 * numbers — and turned into PDF by LibreOffice itself. The ground truth is
 * the list of blocks written. Made to measure the reader, not to tune it.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRng } from '../rng';

export interface CorpusStyle {
  name: string;
  font: string;
  sizePt: number;
  columns: 1 | 2;
  justify: boolean;
  /** First-line indent (cm); 0 for spaced paragraphs. */
  indentCm: number;
  /** Space after a paragraph (cm). */
  spaceCm: number;
  runningHead: boolean;
  pageNumbers: 'footer' | 'header' | 'none';
  hyphenate: boolean;
}

export const STYLES: readonly CorpusStyle[] = [
  { name: 'serif-ragged-spaced', font: 'Liberation Serif', sizePt: 11, columns: 1, justify: false, indentCm: 0, spaceCm: 0.25, runningHead: false, pageNumbers: 'footer', hyphenate: false },
  { name: 'sans-justified-indent', font: 'Liberation Sans', sizePt: 10, columns: 1, justify: true, indentCm: 0.6, spaceCm: 0, runningHead: true, pageNumbers: 'footer', hyphenate: true },
  { name: 'dejavu-serif-2col-justified', font: 'DejaVu Serif', sizePt: 9, columns: 2, justify: true, indentCm: 0.4, spaceCm: 0, runningHead: true, pageNumbers: 'header', hyphenate: true },
  { name: 'dejavu-sans-2col-spaced', font: 'DejaVu Sans', sizePt: 9.5, columns: 2, justify: false, indentCm: 0, spaceCm: 0.2, runningHead: true, pageNumbers: 'footer', hyphenate: false },
  { name: 'serif-justified-spaced', font: 'DejaVu Serif', sizePt: 10.5, columns: 1, justify: true, indentCm: 0, spaceCm: 0.3, runningHead: false, pageNumbers: 'none', hyphenate: false },
];

export interface Block {
  heading: boolean;
  text: string;
}

export interface CorpusDoc {
  name: string;
  style: CorpusStyle;
  title: string;
  blocks: Block[];
}

const PLACES = ['Kessen', 'Valdor', 'Port Amsel', 'Skarrhaven', 'Lindqvist', 'Oberfeld'];
const SIDES = [
  ['Valdoria', 'Estmark'],
  ['Kessen', 'Skarr'],
  ['the northern league', 'the coastal council'],
];
const TOPICS = ['harbour fees', 'the grain corridor', 'the border survey', 'fishing quotas', 'timber tariffs', 'river tolls'];
const SENTENCES = [
  'Negotiators from {a} arrived in {place} on Tuesday with a revised proposal on {topic}.',
  'Officials in {b} said the offer was a step forward but fell short of what their industry needs.',
  'The talks, the third round this year, are expected to last until the end of the week.',
  'A spokeswoman for the foreign ministry declined to say whether a deal was close.',
  'Traders in {place} reported that shipments had slowed while the dispute over {topic} dragged on.',
  '“We are ready to listen, and we expect the same courtesy,” a senior diplomat from {b} told reporters.',
  'Opposition members in {a} accused the government of conceding too much, too early.',
  'Independent economists estimate that the quarrel has cost both sides about {n} million a year.',
  'The previous agreement on {topic} expired in March and was never renewed.',
  'Both delegations met privately for two hours before the formal session opened.',
  'Farmers and hauliers have staged small protests near the crossing at {place}.',
  'Diplomats said a joint statement could be issued as early as Friday afternoon.',
  'The ministers also discussed cooperation on flood warnings along the shared river.',
  'Neither government has published the full text of its demands.',
  'Local newspapers in {b} have urged the delegation to hold firm on {topic}.',
  'An adviser close to the talks described the mood as cautious but constructive.',
  'Observers from three neighbouring states attended the opening session as guests.',
  'The chamber of commerce in {place} welcomed the resumption of direct contacts.',
  'Analysts warned that elections next spring could make concessions harder to sell at home.',
  'A working group will examine the technical questions and report within {n} weeks.',
  'Customs officers at the border have been told to expect new instructions soon.',
  'Representatives of the fishing cooperatives asked to be consulted before any signature.',
  'The last time the two sides reached a comprehensive settlement was nearly a decade ago.',
  'Several interim arrangements, including reduced inspections, remain in force for now.',
];
const HEADINGS = ['What is on the table', 'Pressure at home', 'The view from {place}', 'What comes next', 'A long dispute', 'Money and trade', 'Reactions in {b}'];

function fill(t: string, v: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? k);
}

/** One document of about `paragraphs` paragraphs, with a heading every three to five. */
export function writeDoc(seed: number, style: CorpusStyle, paragraphs: number): CorpusDoc {
  const rand = createRng(seed * 7919 + 13);
  const r = () => rand.next();
  const pick = <T>(xs: readonly T[]): T => rand.pick(xs);
  const [a, b] = pick(SIDES);
  const v = { a: a!, b: b!, place: pick(PLACES), topic: pick(TOPICS), n: String(2 + Math.floor(r() * 40)) };
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const blocks: Block[] = [];
  let sinceHeading = 0;
  let nextHeading = 3 + Math.floor(r() * 3);
  const usedHeadings = new Set<string>();
  for (let p = 0; p < paragraphs; p++) {
    if (sinceHeading === nextHeading && p < paragraphs - 1) {
      let h = fill(pick(HEADINGS), v);
      // Each heading once while there are unused ones (a text of many sections repeats them).
      while (usedHeadings.has(h) && usedHeadings.size < HEADINGS.length) h = fill(pick(HEADINGS), v);
      usedHeadings.add(h);
      blocks.push({ heading: true, text: cap(h) });
      sinceHeading = 0;
      nextHeading = 3 + Math.floor(r() * 3);
    }
    const count = 1 + Math.floor(r() * 4);
    const sentences: string[] = [];
    while (sentences.length < count) {
      const s = cap(fill(pick(SENTENCES), v));
      if (!sentences.includes(s)) sentences.push(s);
    }
    blocks.push({ heading: false, text: sentences.join(' ') });
    sinceHeading++;
  }
  return { name: `${style.name}-${seed}`, style, title: `${cap(v.topic)}: talks resume in ${v.place}`, blocks };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The document as a flat ODF text file LibreOffice opens. */
export function toFodt(doc: CorpusDoc): string {
  const s = doc.style;
  const pageNumber = '<text:p text:style-name="Margin"><text:page-number text:select-page="current">1</text:page-number></text:p>';
  const header = [s.runningHead ? `<text:p text:style-name="Margin">The Kessen Ledger · ${esc(doc.title)}</text:p>` : '', s.pageNumbers === 'header' ? pageNumber : ''].join('');
  const footer = s.pageNumbers === 'footer' ? pageNumber : '';
  const cols = s.columns === 2 ? '<style:columns fo:column-count="2" fo:column-gap="0.8cm"/>' : '';
  const body = doc.blocks
    .map((b) => (b.heading ? `<text:h text:style-name="Head" text:outline-level="2">${esc(b.text)}</text:h>` : `<text:p text:style-name="Body">${esc(b.text)}</text:p>`))
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="${s.font}" svg:font-family="'${s.font}'"/></office:font-face-decls>
<office:styles>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="${s.justify ? 'justify' : 'start'}" fo:text-indent="${s.indentCm}cm" fo:margin-top="0cm" fo:margin-bottom="${s.spaceCm}cm" fo:line-height="115%"/><style:text-properties style:font-name="${s.font}" fo:font-size="${s.sizePt}pt" fo:language="en" fo:country="GB" fo:hyphenate="${s.hyphenate}" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties style:font-name="${s.font}" fo:font-size="${(s.sizePt * 1.35).toFixed(1)}pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Margin" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="${s.font}" fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm">${cols}</style:page-layout-properties><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">${header ? `<style:header>${header}</style:header>` : ''}${footer ? `<style:footer>${footer}</style:footer>` : ''}</style:master-page></office:master-styles>
<office:body><office:text>
${body}
</office:text></office:body></office:document>
`;
}

/** Documents per style: `perStyle` of about `paragraphs` paragraphs each. */
export function corpus(perStyle: number, paragraphs: number, styles: readonly CorpusStyle[] = STYLES): CorpusDoc[] {
  const docs: CorpusDoc[] = [];
  styles.forEach((style, i) => {
    for (let k = 0; k < perStyle; k++) docs.push(writeDoc(i * 100 + k + 1, style, paragraphs));
  });
  return docs;
}

export function hasSoffice(): boolean {
  return spawnSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

/**
 * Writes each document's .fodt and converts them all with one LibreOffice run
 * into `cacheDir/<hash of the sources>/`; a second call with the same corpus
 * reuses the PDFs. Returns the PDF path of each document, in order.
 */
export function makePdfs(docs: CorpusDoc[], cacheDir: string): string[] {
  const sources = docs.map((d) => ({ name: d.name, fodt: toFodt(d) }));
  const hash = crypto.createHash('sha256').update(JSON.stringify(sources)).digest('hex').slice(0, 16);
  const dir = path.join(cacheDir, hash);
  const pdfs = sources.map((s) => path.join(dir, `${s.name}.pdf`));
  if (pdfs.every((p) => fs.existsSync(p))) return pdfs;
  fs.mkdirSync(dir, { recursive: true });
  for (const s of sources) fs.writeFileSync(path.join(dir, `${s.name}.fodt`), s.fodt);
  // A profile of its own, so a LibreOffice the user has open is neither used nor disturbed.
  const profile = `file://${path.join(dir, 'profile')}`;
  const run = spawnSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...sources.map((s) => path.join(dir, `${s.name}.fodt`))],
    { stdio: 'pipe', timeout: 300_000 },
  );
  const missing = pdfs.filter((p) => !fs.existsSync(p));
  if (missing.length) throw new Error(`LibreOffice did not make ${missing.map((p) => path.basename(p)).join(', ')}: ${String(run.stderr ?? '').slice(0, 300)}`);
  return pdfs;
}
