/**
 * The Noto fonts Parley ships for Chinese, Japanese, Korean and emoji (SIL
 * Open Font License), so that a brief quoting them needs no font of the
 * analyst's computer. They come from the @fontsource packages: Noto Sans SC,
 * TC, JP and KR cut by Google Fonts into about a hundred slices each (a
 * slice's letters are listed in the package's unicode.json), and Noto Emoji
 * (monochrome outlines: pdfkit cannot embed colour emoji) whole. A slice is
 * read only when a letter of the brief needs it, and kept once read.
 *
 * The WOFF files are used, not the smaller WOFF2: fontkit subsets a WOFF2
 * font's glyf table with the untransformed loca offsets, so pdfkit would embed
 * empty glyphs while the text layer still read right (fontkit issue 201).
 *
 * scripts/build.mjs copies what is read here (the regular WOFF slices, their
 * unicode.json and the licence) to dist/fonts, which the app package carries;
 * from a checkout they are read in node_modules/@fontsource.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';

export type CjkLanguage = 'zh' | 'ja' | 'ko';

/** The packages, in scripts/build.mjs's list too; `whole` names the one file of a package not read by slices. */
type FamilyName = 'sc' | 'tc' | 'jp' | 'kr' | 'emoji';
const FAMILIES: Record<FamilyName, { id: string; whole?: string }> = {
  sc: { id: 'noto-sans-sc' },
  tc: { id: 'noto-sans-tc' },
  jp: { id: 'noto-sans-jp' },
  kr: { id: 'noto-sans-kr' },
  emoji: { id: 'noto-emoji', whole: 'emoji' },
};

// A Han letter is drawn in the forms its text's language expects (Japanese and Chinese forms of one letter
// differ); the other families are asked after, for letters the first lacks.
const BY_LANGUAGE: Record<CjkLanguage, FamilyName[]> = {
  zh: ['sc', 'tc', 'jp', 'kr'],
  ja: ['jp', 'sc', 'tc', 'kr'],
  ko: ['kr', 'tc', 'sc', 'jp'],
};

/** Code points of emoji: the emoji font is asked first for them, the CJK fonts last. */
export const EMOJI_LIKE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}/u;

/** The language a text's Han letters are read in: kana make it Japanese, Hangul Korean, else Chinese. */
export function cjkLanguage(text: string): CjkLanguage {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  return 'zh';
}

/** True for the key of the shipped emoji font. */
export const isEmojiFace = (key: string): boolean => key === `noto:${FAMILIES.emoji.id}-${FAMILIES.emoji.whole}`;

export interface ShippedFace {
  /** The font's key in the PDF document. */
  key: string;
  font: fontkit.Font;
}

/** The folder holding the packages: dist/fonts in a build or the installed app, node_modules/@fontsource in a checkout. */
export function shippedFontsRoot(from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 7; i++) {
    for (const root of [path.join(dir, 'fonts'), path.join(dir, 'node_modules', '@fontsource')]) {
      if (fs.existsSync(path.join(root, FAMILIES.emoji.id, 'unicode.json'))) return root;
    }
    dir = path.dirname(dir);
  }
  throw new Error('The shipped Noto fonts (dist/fonts, from the @fontsource packages) are missing from this installation.');
}

/** Parses a CSS unicode-range list ("U+4e00, U+4e8c-4e8d") into [first, last] pairs. */
function ranges(list: string): [number, number][] {
  return list.split(',').map((part) => {
    const [lo = '', hi] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
  });
}

export class ShippedFonts {
  /** Per family: code point → the slices whose range lists it (a few code points sit in several). */
  private readonly slicesOf = new Map<FamilyName, Map<number, string[]>>();
  private readonly faces = new Map<string, fontkit.Font>();

  constructor(private readonly root: string = shippedFontsRoot()) {}

  private slices(family: FamilyName): Map<number, string[]> {
    let map = this.slicesOf.get(family);
    if (map) return map;
    map = new Map();
    const f = FAMILIES[family];
    const table = JSON.parse(fs.readFileSync(path.join(this.root, f.id, 'unicode.json'), 'utf8')) as Record<string, string>;
    for (const [name, list] of Object.entries(table)) {
      // Numbered slices ("[118]") make up the font; the named ones (latin, cyrillic…) are not shipped.
      // A family read whole has the letters of all its slices in its one file.
      const slice = /^\[(\d+)\]$/.exec(name)?.[1];
      if (slice === undefined) continue;
      const file = f.whole ?? slice;
      for (const [lo, hi] of ranges(list)) {
        for (let cp = lo; cp <= hi; cp++) {
          const files = map.get(cp) ?? [];
          if (!files.includes(file)) map.set(cp, [...files, file]);
        }
      }
    }
    this.slicesOf.set(family, map);
    return map;
  }

  private face(family: FamilyName, slice: string): fontkit.Font {
    const id = FAMILIES[family].id;
    const key = `${id}-${slice}`;
    let face = this.faces.get(key);
    if (!face) {
      const file = path.join(this.root, id, 'files', `${key}-400-normal.woff`);
      if (!fs.existsSync(file)) throw new Error(`A shipped Noto font file is missing from this installation: ${file}.`);
      face = fontkit.openSync(file) as fontkit.Font;
      this.faces.set(key, face);
    }
    return face;
  }

  /** The first shipped face, in the order the language gives, that draws `cp`; null when none does. */
  faceFor(cp: number, language: CjkLanguage): ShippedFace | null {
    const emoji = EMOJI_LIKE.test(String.fromCodePoint(cp));
    const order: FamilyName[] = emoji ? ['emoji', ...BY_LANGUAGE[language]] : [...BY_LANGUAGE[language], 'emoji'];
    for (const family of order) {
      const whole = FAMILIES[family].whole;
      // The whole file is asked for any emoji too: it has a few its slices do not list.
      for (const slice of this.slices(family).get(cp) ?? (whole && emoji ? [whole] : [])) {
        const font = this.face(family, slice);
        if (font.hasGlyphForCodePoint(cp)) return { key: `noto:${FAMILIES[family].id}-${slice}`, font };
      }
    }
    return null;
  }
}

let shared: ShippedFonts | undefined;
/** One reader for the process: the slices read for one brief serve the next. */
export function shippedFonts(): ShippedFonts {
  shared ??= new ShippedFonts();
  return shared;
}
