/**
 * Issue 14, item 5: every quote and note of the PDF brief comes back from
 * pdftotext character for character, whatever its script (Latin, Devanagari,
 * Arabic, Hebrew, CJK, emoji, and lines mixing them), from the fonts Parley
 * ships alone (PARLEY_SYSTEM_FONTS=off: no font of this computer is asked);
 * a script Parley does not ship is taken from this computer's fonts, and one
 * no font has stops the export with the script named and what to install,
 * never empty boxes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAs, exportFixture, tagNewArticle, type ExportFixture } from '../helpers/exportFixture';
import { tempDir } from '../helpers/workspace';

const TEXTS = {
  latin: 'The minister said “talks resume on 3 June” — a €2.5bn deal, naïve façade',
  hindi: 'भारत ने वार्ता फिर से शुरू करने की पेशकश की',
  hindiNote: 'प्रधानमंत्री ने कहा कि शुल्क घटाए जाएंगे',
  mixed: 'Modi said भारत तैयार है on Monday',
  arabic: 'قال الوزير إن المحادثات ستستأنف',
  hebrew: 'השגריר אמר כי הסנקציות יוסרו',
  hebrewLong:
    'השגריר אמר כי הסנקציות יוסרו בהדרגה אם השיחות יימשכו כמתוכנן ואם שני הצדדים יעמדו בהתחייבויותיהם לאורך כל השנה הבאה ללא הפרות נוספות',
  chinese: '中美两国外交部长在北京会谈，双方同意恢复对话。',
  chineseNote: '印度总理表示，关税将在明年逐步下调。',
  chineseTraditional: '臺灣與印度簽署貿易協議，雙方將擴大合作。',
  japanese: '日本とインドの首脳会談が東京で行われた',
  japaneseNote: '外務省は「対話を続ける」と述べた。',
  korean: '한국과 인도의 정상회담이 열렸다',
  koreanNote: '외교부는 협상이 다음 달 재개된다고 밝혔다.',
  emoji: 'Talks 🤝 resumed 🇮🇳 🇺🇸 👍🏽 ❤️ 👩‍💻 done',
  emojiNote: 'Deal ❤️ signed 🇮🇳🤝🇺🇸 by the team 👩‍💻👍🏽',
};
// Ethiopic: a script Parley ships no font for (its letters come from the system, fonts-noto-core on Debian).
const ETHIOPIC = 'የኢትዮጵያ ጠቅላይ ሚኒስትር ንግግሩን ቀጥለዋል';
// Lines that change direction mid-line: pdftotext's own bidi heuristic (poppler's reorderText) orders the runs
// of one direction by their place on the line and moves the space at each change of direction, for any PDF
// (LibreOffice's PDF of the same text reads the same), so here each run of one direction must come back exactly.
const DIRECTION_CHANGES = {
  arabicMixed: 'قال الوزير إن قمة G20 ستعقد في 2026 بحضور الهند',
  hebrewInLatin: 'The envoy wrote השגריר אמר in his cable',
};

/** pdftotext's text, less the direction marks it adds around right-to-left lines, one space for each line break. */
function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .normalize('NFC')
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ');
}

/** The page content streams of a PDF, inflated. */
function contentStreams(file: string): string {
  const pdf = fs.readFileSync(file);
  const out: string[] = [];
  for (let at = pdf.indexOf('stream\n'); at >= 0; at = pdf.indexOf('stream\n', at + 1)) {
    const end = pdf.indexOf('endstream', at);
    try {
      out.push(zlib.inflateSync(pdf.subarray(at + 7, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (font files are, images are not here): skipped.
    }
  }
  return out.join('\n');
}

async function briefWith(f: ExportFixture, dir: string, quotes: { quote: string; note?: string }[], name: string): Promise<string> {
  const overture = { codeId: f.codes.OVERTURE, sourceActorId: f.actors.b, targetActorId: f.actors.a };
  await tagNewArticle(
    f,
    { title: name, outlet: 'X', publishedOn: '2026-06-10', text: quotes.map((q) => q.quote).join('\n\n') },
    quotes.map((q) => ({ ...q, ...overture })),
  );
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, (await exportAs(f, 'brief-pdf')).bytes);
  return file;
}

describe('PDF brief: every script comes back from pdftotext', () => {
  let f: ExportFixture;
  let dir: string;
  beforeAll(async () => {
    f = await exportFixture();
    dir = tempDir('parley-pdf-scripts-');
  });
  afterAll(() => {
    f.w.close();
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.PARLEY_SYSTEM_FONTS;
  });

  it('quotes and notes in Latin, Devanagari, Arabic, Hebrew, CJK and emoji, alone and mixed, exactly, from the shipped fonts', async () => {
    process.env.PARLEY_SYSTEM_FONTS = 'off';
    const file = await briefWith(
      f,
      dir,
      [
        { quote: TEXTS.latin, note: TEXTS.chinese },
        { quote: TEXTS.hindi, note: TEXTS.hindiNote },
        { quote: TEXTS.arabic, note: TEXTS.hebrew },
        { quote: TEXTS.mixed },
        { quote: DIRECTION_CHANGES.arabicMixed, note: DIRECTION_CHANGES.hebrewInLatin },
        { quote: TEXTS.hebrewLong },
        { quote: TEXTS.chineseTraditional, note: TEXTS.chineseNote },
        { quote: TEXTS.japanese, note: TEXTS.korean },
        { quote: TEXTS.korean.replace('열렸다', '서울에서 열렸다'), note: TEXTS.koreanNote },
        { quote: TEXTS.japaneseNote.replace('述べた', '発表した'), note: TEXTS.japaneseNote },
        { quote: TEXTS.emoji, note: TEXTS.emojiNote },
      ],
      'scripts',
    );
    delete process.env.PARLEY_SYSTEM_FONTS;
    if (process.env.PARLEY_KEEP_PDF) fs.copyFileSync(file, process.env.PARLEY_KEEP_PDF);
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
    // Bundled (resources/fonts) and shipped (the @fontsource Noto packages): no font of this computer.
    for (const font of ['DejaVuSans', 'NotoSansDevanagari', 'NotoSansArabic', 'NotoSansHebrew', 'NotoSansSC', 'NotoSansJP', 'NotoSansKR', 'NotoEmoji']) {
      expect(fonts).toContain(font);
    }
    expect(fonts).not.toMatch(/CJK|Symbola/);
    // Every face is embedded as a subset with a Unicode map: pdffonts' emb, sub and uni columns all say yes.
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line, line).toMatch(/\byes\s+yes\s+yes\s+\d+\s+0\s*$/);
    const text = pdfText(file);
    for (const [name, t] of Object.entries(TEXTS)) expect(text, name).toContain(t);
    expect(text).toContain('한국과 인도의 정상회담이 서울에서 열렸다');
    expect(text).toContain('外務省は「対話を続ける」と発表した。');
    const runs = /[\p{Script=Arabic}\p{Script=Hebrew}](?:[\p{Script=Arabic}\p{Script=Hebrew}\s]*[\p{Script=Arabic}\p{Script=Hebrew}])?|[^\p{Script=Arabic}\p{Script=Hebrew}]+/gu;
    for (const [name, t] of Object.entries(DIRECTION_CHANGES)) {
      for (const run of t.match(runs)!.map((r) => r.trim())) expect(text, `${name}: ${run}`).toContain(run);
    }
  });

  it('an emoji newer than every font is printed as its code point and still comes back as the emoji', async () => {
    process.env.PARLEY_SYSTEM_FONTS = 'off';
    const g = await exportFixture();
    try {
      // U+1FC00 is kept by Unicode for emoji to come: no font has it yet, as a new emoji is missing from an old font.
      const file = await briefWith(g, dir, [{ quote: 'Handshake \u{1FC00} at the summit 🤝' }], 'emoji-fallback');
      expect(pdfText(file)).toContain('Handshake \u{1FC00} at the summit 🤝');
      // The page prints the stand-in, and the emoji rides as ActualText beside it.
      expect(contentStreams(file)).toContain('/ActualText <FEFFD83FDC00>');
      // 🤝 is drawn by the shipped Noto Emoji, as itself.
      expect(spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout).toContain('NotoEmoji');
      expect(contentStreams(file)).not.toContain('/ActualText <FEFFD83EDD1D>');
    } finally {
      delete process.env.PARLEY_SYSTEM_FONTS;
      g.w.close();
    }
  });

  it('a script Parley ships no font for is taken from this computer, and with none it stops the export', async () => {
    const g = await exportFixture();
    try {
      // .ci/run installs fonts-noto-core where no font has Ethiopic.
      const file = await briefWith(g, dir, [{ quote: ETHIOPIC, note: TEXTS.chinese }], 'ethiopic');
      expect(pdfText(file)).toContain(ETHIOPIC);
      expect(pdfText(file)).toContain(TEXTS.chinese);
      const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
      expect(fonts).toMatch(/Ethiopic/);
      expect(fonts, 'the shipped CJK font before the system one').toContain('NotoSansSC');
      process.env.PARLEY_SYSTEM_FONTS = 'off';
      await expect(briefWith(g, dir, [{ quote: `${ETHIOPIC}።` }], 'no-ethiopic')).rejects.toThrow(/Ethiopic.*apt install fonts-noto-core/s);
    } finally {
      delete process.env.PARLEY_SYSTEM_FONTS;
      g.w.close();
    }
  });
});
