/**
 * pdfkit sets a run of text in one font and falls back to nothing, so the
 * brief splits every text into runs by script and sets each in a Noto font
 * that has its letters (resources/fonts, SIL Open Font License): Devanagari
 * (shaped by fontkit's Indic shaper), Arabic and Hebrew (laid out right to
 * left, the spaces between their words inside the run), the rest in DejaVu
 * Sans. Spaces, digits and punctuation stay with the run they sit in.
 */
import path from 'node:path';

export const SCRIPT_FONTS = {
  deva: 'NotoSansDevanagari-Regular.ttf',
  arab: 'NotoSansArabic-Regular.ttf',
  hebr: 'NotoSansHebrew-Regular.ttf',
} as const;
type Script = keyof typeof SCRIPT_FONTS;

const SCRIPT_OF: [RegExp, Script][] = [
  [/[\p{Script=Devanagari}\u0964\u0965]/u, 'deva'],
  [/\p{Script=Arabic}/u, 'arab'],
  [/\p{Script=Hebrew}/u, 'hebr'],
];
const NEUTRAL = /[\s\p{P}\p{N}\p{Zs}\u200c\u200d]/u;

export function registerScriptFonts(doc: PDFKit.PDFDocument, fontsDir: string): void {
  for (const [script, file] of Object.entries(SCRIPT_FONTS)) doc.registerFont(script, path.join(fontsDir, file));
}

/** The text cut into runs of one script; '' marks the base font's runs. */
export function scriptRuns(text: string): { script: Script | ''; text: string }[] {
  const runs: { script: Script | ''; text: string }[] = [];
  for (const ch of text) {
    const script = NEUTRAL.test(ch) ? null : (SCRIPT_OF.find(([re]) => re.test(ch))?.[1] ?? '');
    const last = runs[runs.length - 1];
    if (last && (script === null || script === last.script)) last.text += ch;
    else runs.push({ script: script ?? '', text: ch });
  }
  return runs;
}

/** Writes `text` at (x, y) (or the cursor) in `baseFont`, each script's runs in its own font. */
export function mixedText(
  doc: PDFKit.PDFDocument,
  text: string,
  baseFont: string,
  x: number,
  y: number | undefined,
  options: PDFKit.Mixins.TextOptions,
): void {
  const runs = scriptRuns(text);
  if (runs.length === 0) runs.push({ script: '', text: '' });
  // A paragraph all in Devanagari: its glyphs are in visual order (a pre-base vowel sign before its consonant),
  // so the logical text rides along as ActualText for text extraction and screen readers. (Not for Arabic and
  // Hebrew: pdftotext reverses ActualText it finds in a right-to-left run.)
  if (runs.length === 1 && runs[0]!.script === 'deva') {
    doc.font(runs[0]!.script).markContent('Span', { actual: text });
    doc.text(text, x, y, options);
    doc.endMarkedContent();
    return;
  }
  runs.forEach((r, i) => {
    const more = i < runs.length - 1;
    doc.font(r.script || baseFont);
    if (i === 0) doc.text(r.text, x, y, { ...options, continued: more });
    else doc.text(r.text, { continued: more });
  });
}
