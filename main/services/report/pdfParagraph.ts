/**
 * A paragraph of analyst text set in the PDF brief so that it reads right on
 * the page and comes back character for character from the text layer
 * (pdftotext, copy and paste, screen readers). pdfkit wraps a run of one font
 * and has no bidirectional algorithm, so the brief lays paragraphs out itself:
 * - each grapheme cluster gets its font (pdfFonts.ts);
 * - lines break at spaces, and between CJK letters, in logical order;
 * - each line is put in visual order with the Unicode bidi algorithm (bidi-js):
 *   Arabic and Hebrew words run right to left with the spaces between them
 *   kept, numbers and Latin inside them left to right;
 * - every word is drawn at its own position, so a text extractor sees the gaps
 *   as spaces and orders right-to-left words itself;
 * - a word whose glyphs are not its letters in order (a Devanagari vowel sign
 *   drawn before its consonant, an emoji sequence drawn as several glyphs, an
 *   emoji printed as its code point) carries its letters as ActualText.
 */
import bidiFactory from 'bidi-js';
import { EMOJI, type PdfFonts } from './pdfFonts';
import { cjkLanguage } from './shippedFonts';

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const NO_BREAK_BEFORE = /^[\p{Pe}\p{Pf}\p{Po}]/u;
// Letters whose shaping reorders glyphs: their words carry ActualText.
const REORDERS = /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}]/u;

interface Cluster {
  text: string;
  at: number;
  key: string;
  drawn: string;
  stands: boolean;
  space: boolean;
  level: number;
  width: number;
}

export interface ParagraphOptions {
  width: number;
  /** The font of text in no other script (registered in the document). */
  base: string;
  fontSize: number;
  /** Right-aligned lines (table figures); otherwise lines start at the paragraph's side (right for right to left). */
  align?: 'right';
}

function clustersOf(doc: PDFKit.PDFDocument, fonts: PdfFonts, text: string, o: ParagraphOptions): Cluster[] {
  const levels = bidi.getEmbeddingLevels(text, 'auto').levels;
  const language = cjkLanguage(text);
  const out: Cluster[] = [];
  let previous: string | null = null;
  for (const { segment, index } of graphemes.segment(text)) {
    const space = /^\s+$/u.test(segment);
    const plan = fonts.plan(segment, o.base, previous, language);
    previous = plan.key;
    const width = plan.drawn ? doc.font(plan.key).fontSize(o.fontSize).widthOfString(space ? ' ' : plan.drawn) : 0;
    out.push({ text: segment, at: index, ...plan, space, level: levels[index] ?? 0, width });
  }
  return out;
}

/** Clusters cut into lines no wider than `width`, breaking after spaces and around CJK letters. */
function lines(clusters: Cluster[], width: number): Cluster[][] {
  const out: Cluster[][] = [];
  let line: Cluster[] = [];
  let lineWidth = 0;
  let lastBreak = -1; // index in `line` after which the line may break
  const breakable = (prev: Cluster, next: Cluster) =>
    !next.space && (prev.space || ((CJK.test(prev.text) || CJK.test(next.text)) && !NO_BREAK_BEFORE.test(next.text)));
  for (const c of clusters) {
    if (/^[\n\u2028\u2029]/.test(c.text)) {
      out.push(line);
      line = [];
      lineWidth = 0;
      lastBreak = -1;
      continue;
    }
    const prev = line[line.length - 1];
    if (prev && breakable(prev, c)) lastBreak = line.length - 1;
    if (!c.space && line.length > 0 && lineWidth + c.width > width) {
      const cut = lastBreak >= 0 ? lastBreak + 1 : line.length;
      out.push(line.slice(0, cut));
      line = line.slice(cut);
      lineWidth = line.reduce((s, x) => s + x.width, 0);
      lastBreak = -1;
    }
    line.push(c);
    lineWidth += c.width;
  }
  out.push(line);
  return out.map((l) => {
    let end = l.length;
    while (end > 0 && l[end - 1]?.space === true) end--;
    return l.slice(0, end);
  });
}

/** UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every run at that level or higher. */
function visualOrder(line: Cluster[]): Cluster[] {
  const out = [...line];
  const max = Math.max(0, ...out.map((c) => c.level));
  const minOdd = Math.min(...out.map((c) => c.level | 1));
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length; i++) {
      if ((out[i]?.level ?? -1) < level) continue;
      let j = i;
      while (j + 1 < out.length && (out[j + 1]?.level ?? -1) >= level) j++;
      const run = out.slice(i, j + 1).reverse();
      out.splice(i, run.length, ...run);
      i = j;
    }
  }
  return out;
}

/** A word: one or more clusters (never none). */
type Word = [Cluster, ...Cluster[]];

/** Visual clusters grouped into words: one font, one direction, no space inside. */
function words(visual: Cluster[]): Word[] {
  const out: Word[] = [];
  for (const c of visual) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && !c.space && !prev.space && prev.key === c.key && prev.level === c.level && !c.stands && !prev.stands) last.push(c);
    else out.push([c]);
  }
  return out;
}

/**
 * Draws `text` from (x, y) down, `o.width` wide, and leaves doc.x, doc.y below it. Returns the pages it
 * started on and ended on, so a caller drawing a bar beside it knows where it went.
 */
export function paragraph(
  doc: PDFKit.PDFDocument,
  fonts: PdfFonts,
  text: string,
  x: number,
  y: number | undefined,
  o: ParagraphOptions,
): { top: number; bottom: number; brokeAcrossPages: boolean } {
  const clusters = clustersOf(doc, fonts, text, o);
  const rtl = bidi.getEmbeddingLevels(text, 'auto').paragraphs[0]?.level === 1;
  const lineHeight = o.fontSize * 1.45;
  let top = y ?? doc.y;
  const start = top;
  let brokeAcrossPages = false;
  for (const line of lines(clusters, o.width)) {
    if (top + lineHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      top = doc.page.margins.top;
      brokeAcrossPages = true;
    }
    const baseline = top + o.fontSize * 1.1;
    // A word is measured whole: Arabic letters joined are not as wide as the same letters alone.
    const placed = words(visualOrder(line)).map((w) => ({ w, width: w[0].space ? w[0].width : measure(doc, w, o.fontSize) }));
    let pen = x + (rtl || o.align === 'right' ? o.width - placed.reduce((s, p) => s + p.width, 0) : 0);
    const positioned = placed.map((p) => {
      const left = pen;
      pen += p.width;
      return { ...p, left };
    });
    // Placed in visual order, drawn in logical order: a reader that follows the content stream (pdftotext -raw,
    // pdf.js) then gets the words as written, one that sorts by position (pdftotext) gets them from the places.
    positioned
      .filter((p) => !p.w[0].space)
      .sort((a, b) => Math.min(...a.w.map((c) => c.at)) - Math.min(...b.w.map((c) => c.at)))
      .forEach((p) => drawWord(doc, p.w, p.left, baseline, o.fontSize));
    top += lineHeight;
  }
  doc.x = x;
  doc.y = top;
  return { top: brokeAcrossPages ? doc.page.margins.top : start, bottom: top, brokeAcrossPages };
}

const drawnText = (word: Cluster[]) =>
  [...word]
    .sort((a, b) => a.at - b.at)
    .map((c) => c.drawn)
    .join('');

function measure(doc: PDFKit.PDFDocument, word: Word, size: number): number {
  const drawn = drawnText(word);
  return drawn ? doc.font(word[0].key).fontSize(size).widthOfString(drawn) : 0;
}

/** A PDF text string in UTF-16BE hex, as ActualText takes it. */
function pdfString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

function drawWord(doc: PDFKit.PDFDocument, word: Word, x: number, baseline: number, size: number): void {
  const letters = [...word]
    .sort((a, b) => a.at - b.at)
    .map((c) => c.text)
    .join('');
  const drawn = drawnText(word);
  if (!drawn) return;
  const actual = word.some((c) => c.stands) || REORDERS.test(letters) || (EMOJI.test(letters) && [...letters].length > 1);
  doc.font(word[0].key).fontSize(size);
  if (!actual) {
    doc.text(drawn, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
    return;
  }
  // The marked content must sit inside the graphics state pdfkit draws the text in (its q … Q with the
  // page's flip): poppler places ActualText with the transform in force at EMC, and markContent() would put
  // the EMC outside it (the words then land mirrored on the page's height, out of reading order).
  const addContent = doc.addContent.bind(doc);
  doc.addContent = (op: string) => {
    if (op === 'BT') addContent(`/Span << /ActualText ${pdfString(letters)} >> BDC`);
    addContent(op);
    if (op === 'ET') addContent('EMC');
    return doc;
  };
  try {
    doc.text(drawn, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
  } finally {
    doc.addContent = addContent;
  }
}
