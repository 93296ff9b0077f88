/**
 * Which font draws each letter of the PDF brief. pdfkit sets a run in one
 * font and falls back to nothing (a missing letter prints as an empty box and
 * vanishes from the text layer), so every letter the brief will hold is given
 * a font before anything is drawn: the bundled DejaVu Sans, the bundled Noto
 * fonts for Devanagari, Arabic and Hebrew (resources/fonts, SIL Open Font
 * License), the shipped Noto fonts for CJK and emoji (shippedFonts.ts), then a
 * font of this computer (systemFonts.ts) for the scripts Parley does not ship
 * (Thai, Tamil, Ethiopic…). A letter no font has stops the export with the script named
 * and what to install; an emoji no font has is printed as its code point
 * (the text layer still carries the emoji itself).
 */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { ApiError } from '../../../shared/api/errors';
import { cjkLanguage, EMOJI_LIKE, isEmojiFace, shippedFonts, type CjkLanguage } from './shippedFonts';
import { systemFontFor } from './systemFonts';

const BUNDLED = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  deva: 'NotoSansDevanagari-Regular.ttf',
  arab: 'NotoSansArabic-Regular.ttf',
  hebr: 'NotoSansHebrew-Regular.ttf',
} as const;

// A script's own font before DejaVu's, which has some Arabic and Hebrew letters but not their shaping.
const SCRIPT_FONT: [RegExp, keyof typeof BUNDLED][] = [
  [/[\p{Script=Devanagari}\u0964\u0965]/u, 'deva'],
  [/\p{Script=Arabic}/u, 'arab'],
  [/\p{Script=Hebrew}/u, 'hebr'],
];

/** Letters that take the font of the letter before them (spaces, punctuation, digits, marks, joiners). */
export const NEUTRAL = /^[\s\p{P}\p{N}\p{S}\p{M}\p{Cf}]+$/u;
/** Code points that draw nothing themselves: joiners, variation selectors, direction marks. */
const INVISIBLE = /[\p{Cf}\p{Cc}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
export const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Clusters shown as emoji rather than as text symbols: drawn by the emoji font even where DejaVu has the symbol. */
const EMOJI_PRESENTATION = /\uFE0F|\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator}/u;

// Scripts named in the message when no font has them, with the Debian package that has a font for them.
const SCRIPTS: [string, string, string][] = [
  ['Han', 'Chinese, Japanese or Korean (Han)', 'fonts-noto-cjk'],
  ['Hiragana', 'Japanese (Hiragana)', 'fonts-noto-cjk'],
  ['Katakana', 'Japanese (Katakana)', 'fonts-noto-cjk'],
  ['Hangul', 'Korean (Hangul)', 'fonts-noto-cjk'],
  ['Bopomofo', 'Chinese (Bopomofo)', 'fonts-noto-cjk'],
  ...[
    'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao',
    'Tibetan', 'Myanmar', 'Khmer', 'Georgian', 'Armenian', 'Ethiopic', 'Syriac', 'Thaana', 'Mongolian', 'Cyrillic', 'Greek',
  ].map((s): [string, string, string] => [s, s, 'fonts-noto-core']),
];

function scriptOf(ch: string): { name: string; pkg: string } {
  for (const [script, name, pkg] of SCRIPTS) if (new RegExp(`\\p{Script=${script}}`, 'u').test(ch)) return { name, pkg };
  const cp = ch.codePointAt(0) ?? 0;
  return { name: `letters such as U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, pkg: 'fonts-noto-core' };
}

export interface FontPlan {
  /** The font key (registered in the document) that draws the cluster. */
  key: string;
  /** What is drawn: the cluster less the code points its font has no glyph for, or a visible stand-in. */
  drawn: string;
  /** True when `drawn` is not the cluster itself, so the text layer must carry the cluster as ActualText. */
  stands: boolean;
}

export class PdfFonts {
  private readonly faces = new Map<string, fontkit.Font>();
  private readonly order: string[] = [];
  private readonly missingEmoji = new Set<number>();

  private constructor(private readonly fontsDir: string) {}

  /**
   * The fonts for every letter of `texts`, found before drawing so the export fails before it starts.
   * Each text is one piece of workspace text (a quote, a note, a title): its language picks the CJK font.
   */
  static async forTexts(texts: Iterable<string>, fontsDir: string): Promise<PdfFonts> {
    const f = new PdfFonts(fontsDir);
    for (const [key, file] of Object.entries(BUNDLED)) f.add(key, fontkit.openSync(path.join(fontsDir, file)) as fontkit.Font);
    const bundled = [...f.faces.values()];
    const unresolved = new Map<string, { name: string; pkg: string; sample: string }>();
    const seen = new Set<string>();
    for (const text of texts) {
      const language = cjkLanguage(text);
      for (const { segment } of graphemes.segment(text)) {
        // A symbol DejaVu has (❤, ✈) still takes the emoji font when written as an emoji (❤️).
        const emojiStyle = EMOJI_PRESENTATION.test(segment);
        for (const ch of segment) {
          const cp = ch.codePointAt(0) ?? 0;
          const seenAs = `${language}${emojiStyle ? 'e' : ''}${cp}`;
          if (INVISIBLE.test(ch) || /\s/.test(ch) || seen.has(seenAs)) continue;
          seen.add(seenAs);
          const emoji = EMOJI_LIKE.test(ch);
          if (!(emoji && emojiStyle) && bundled.some((face) => face.hasGlyphForCodePoint(cp))) continue;
          const shipped = shippedFonts().faceFor(cp, language);
          if (shipped) {
            f.add(shipped.key, shipped.font);
            continue;
          }
          if (f.has(cp)) continue;
          const found = await systemFontFor(cp);
          if (found) f.add(`sys:${found.file}:${found.postscriptName ?? ''}`, found.font);
          else if (emoji) f.missingEmoji.add(cp);
          else if (!/\p{M}/u.test(ch)) {
            const s = scriptOf(ch);
            if (!unresolved.has(s.name)) unresolved.set(s.name, { ...s, sample: text.slice(0, 40) });
          }
        }
      }
    }
    if (unresolved.size > 0) throw missingFontError([...unresolved.values()]);
    return f;
  }

  private add(key: string, face: fontkit.Font): void {
    if (this.faces.has(key)) return;
    this.faces.set(key, face);
    this.order.push(key);
  }

  private has(cp: number): boolean {
    for (const face of this.faces.values()) if (face.hasGlyphForCodePoint(cp)) return true;
    return false;
  }

  /** Registers every font found under its key (pdfkit embeds only the glyphs used). */
  register(doc: PDFKit.PDFDocument): void {
    for (const [key, face] of this.faces) doc.registerFont(key, face as unknown as string);
  }

  /**
   * The font for a grapheme cluster; `previous` is the font of the cluster before it, which neutral clusters
   * keep, and `language` that of the paragraph, which picks the forms of Han letters.
   */
  plan(cluster: string, base: string, previous: string | null, language: CjkLanguage): FontPlan {
    const first = [...cluster].find((c) => !INVISIBLE.test(c)) ?? cluster;
    const cp = first.codePointAt(0) ?? 0;
    const covers = (key: string) => this.faces.get(key)?.hasGlyphForCodePoint(cp) === true;
    const shipped = () => {
      const key = shippedFonts().faceFor(cp, language)?.key;
      return key !== undefined && this.faces.has(key) ? key : undefined;
    };
    let key = EMOJI_PRESENTATION.test(cluster) ? shipped() : undefined;
    // Not after an emoji: the emoji font's space, digits and # are emoji-wide (1.27 em) or emoji-styled.
    if (key === undefined && NEUTRAL.test(first) && previous && !isEmojiFace(previous) && covers(previous)) key = previous;
    key ??= SCRIPT_FONT.find(([re]) => re.test(first))?.[1];
    if (key === undefined && !covers(base)) key = shipped();
    if (key === undefined || !covers(key)) key = covers(base) ? base : this.order.find(covers);
    if (key === undefined) {
      // An emoji no font of this computer has, or an invisible-only cluster: said as its code point, or nothing.
      const drawn = this.missingEmoji.has(cp) ? `[U+${cp.toString(16).toUpperCase()}]` : '';
      return { key: base, drawn, stands: true };
    }
    const face = this.faces.get(key);
    // covers(key) held above, so the face is there; a string's characters always have a code point.
    const kept = face ? [...cluster].filter((c) => face.hasGlyphForCodePoint(c.codePointAt(0) ?? 0)).join('') : '';
    return { key, drawn: kept, stands: kept !== cluster };
  }
}

/** Every string in a value, keys included: the pieces of workspace text a brief can print. */
export function stringsIn(value: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(value, (key: string, v: unknown) => {
    if (key) out.push(key);
    if (typeof v === 'string') out.push(v);
    return v;
  });
  return out;
}

function missingFontError(scripts: { name: string; pkg: string; sample: string }[]): ApiError {
  const names = scripts.map((s) => s.name).join(', ');
  const pkgs = [...new Set(scripts.map((s) => s.pkg))].join(' ');
  return new ApiError(
    'BAD_INPUT',
    `The PDF brief cannot show ${names} text (as in “${scripts[0]?.sample ?? ''}”): no font on this computer has these letters, ` +
      `and Parley will not print them as empty boxes. Install a Noto font that has them (Debian or Ubuntu: apt install ${pkgs}; ` +
      `macOS and Windows: the system's language support or the matching Noto Sans font), then export again. ` +
      `The HTML and Word briefs keep this text as it is.`,
  );
}
