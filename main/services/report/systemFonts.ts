/**
 * Fonts of this computer for letters the bundled fonts lack (CJK, emoji,
 * scripts Parley does not ship): a CJK font is tens of megabytes, so the PDF
 * brief borrows the one the system has instead of carrying its own. On Linux
 * (and wherever fontconfig is installed) `fc-match` and `fc-list` are asked;
 * elsewhere the known font folders of macOS and Windows are searched.
 * Only fonts pdfkit can embed are returned: TrueType or CFF outlines (a
 * colour-bitmap emoji font such as Noto Color Emoji or Apple Color Emoji has
 * none, so its glyphs would print as nothing).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as fontkit from 'fontkit';

const run = promisify(execFile);

export interface SystemFont {
  file: string;
  /** The face inside a collection (.ttc), by PostScript name. */
  postscriptName?: string;
  font: fontkit.Font;
}

const opened = new Map<string, fontkit.Font | null>();

/** The face, or null when fontkit cannot read it or it has no outlines to embed. */
function openFace(file: string, postscriptName?: string): fontkit.Font | null {
  const key = `${file}\0${postscriptName ?? ''}`;
  const known = opened.get(key);
  if (known !== undefined) return known;
  let face: fontkit.Font | null = null;
  try {
    // A name picks a face out of a collection only: given with a single font, fontkit reads it as a variation.
    const f = fontkit.openSync(file, /\.ttc$/i.test(file) ? postscriptName || undefined : undefined);
    const one = 'fonts' in f ? (f.fonts[0] ?? null) : f;
    const tables = (one as unknown as { directory?: { tables?: Record<string, unknown> } } | null)?.directory?.tables ?? {};
    face = one && ('glyf' in tables || 'CFF ' in tables) ? one : null;
  } catch {
    face = null;
  }
  opened.set(key, face);
  return face;
}

let fontconfig: boolean | undefined;
async function hasFontconfig(): Promise<boolean> {
  if (fontconfig === undefined) fontconfig = await run('fc-list', ['--version']).then(() => true, () => false);
  return fontconfig;
}

/** fontconfig's answer: its best sans-serif face for the letter first, then every other face that claims it. */
async function fontconfigCandidates(cp: number): Promise<{ file: string; postscriptName?: string }[]> {
  const pattern = `:charset=${cp.toString(16)}`;
  const format = '%{file}\\t%{postscriptname}\\n';
  const parse = (out: string) =>
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [file = '', postscriptName] = l.split('\t');
        return { file, postscriptName: postscriptName || undefined };
      });
  const best = await run('fc-match', ['-f', format, `sans-serif${pattern}`]).then((r) => parse(r.stdout), () => []);
  const all = await run('fc-list', ['-f', format, pattern], { maxBuffer: 8 << 20 }).then((r) => parse(r.stdout), () => []);
  // Regular faces before bold or italic ones, sans before serif and mono, as a reader of a brief expects.
  const rank = (c: { file: string; postscriptName?: string }) => {
    const n = `${c.postscriptName ?? ''} ${path.basename(c.file)}`;
    return (/bold|italic|oblique|light|thin|black|medium/i.test(n) ? 4 : 0) + (/mono|serif/i.test(n) && !/sans/i.test(n) ? 2 : 0);
  };
  return [...best, ...all.sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file))];
}

/** The font folders of macOS and Windows (and the usual Linux ones, for a system without fontconfig). */
function fontFolders(): string[] {
  const home = os.homedir();
  if (process.platform === 'darwin') return ['/System/Library/Fonts', '/System/Library/Fonts/Supplemental', '/Library/Fonts', path.join(home, 'Library/Fonts')];
  if (process.platform === 'win32') {
    const windir = process.env.WINDIR ?? 'C:\\Windows';
    const local = process.env.LOCALAPPDATA;
    return [path.join(windir, 'Fonts'), ...(local ? [path.join(local, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(home, '.local/share/fonts'), path.join(home, '.fonts')];
}

// Faces known to cover CJK or emoji with outlines, tried before the rest of a folder (opening every font is slow).
const PREFERRED = /^(PingFang|Hiragino Sans|Hiragino Kaku|AppleSDGothicNeo|STHeiti|Songti|msyh|msgothic|YuGoth|malgun|simsun|seguiemj|seguisym|NotoSansCJK|NotoSans)/i;

let folderFiles: string[] | undefined;
function filesInFolders(): string[] {
  if (folderFiles) return folderFiles;
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (/\.(ttf|otf|ttc)$/i.test(e.name)) out.push(p);
    }
  };
  for (const d of fontFolders()) walk(d, 0);
  folderFiles = out.sort((a, b) => Number(PREFERRED.test(path.basename(b))) - Number(PREFERRED.test(path.basename(a))));
  return folderFiles;
}

/** A font of this computer that can draw `cp`, or null when none can. */
export async function systemFontFor(cp: number): Promise<SystemFont | null> {
  if (process.env.PARLEY_SYSTEM_FONTS === 'off') return null;
  const candidates: { file: string; postscriptName?: string }[] = (await hasFontconfig())
    ? await fontconfigCandidates(cp)
    : filesInFolders().map((file) => ({ file }));
  for (const c of candidates) {
    const face = openFace(c.file, c.postscriptName);
    if (face?.hasGlyphForCodePoint(cp)) return { file: c.file, postscriptName: c.postscriptName, font: face };
    // A collection opened without a name: look at each of its faces.
    if (!c.postscriptName && /\.ttc$/i.test(c.file)) {
      try {
        const col = fontkit.openSync(c.file);
        for (const f of 'fonts' in col ? col.fonts : []) {
          const named = openFace(c.file, f.postscriptName);
          if (named?.hasGlyphForCodePoint(cp)) return { file: c.file, postscriptName: f.postscriptName, font: named };
        }
      } catch {
        // Not a readable collection: go on with the next file.
      }
    }
  }
  return null;
}
