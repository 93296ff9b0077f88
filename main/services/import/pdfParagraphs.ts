/**
 * Paragraphs rebuilt from where the text sits on a PDF's pages (issue 15):
 * a PDF has no paragraphs, only pieces of text with a position, so they are
 * read back the way a reader sees them. A pure function over positioned
 * items (pdf.ts turns pdf.js text content into these).
 *
 * 1. Items become line pieces (same baseline, touching), pieces on one
 *    baseline and close together one line — but never across a column gutter.
 * 2. Columns: a vertical strip of a page no body line crosses splits it; lines
 *    are read down the left column, then the right; a line spanning both
 *    (a title) is read where it stands.
 * 3. Running heads and page numbers go: lines at the same place on most pages
 *    (numbers ignored), bare numbers at the top or bottom of a page.
 * 4. A new paragraph starts on a gap larger than the typical line spacing, a
 *    first-line indent, a previous line that stopped although the next word
 *    would have fitted (ragged end — a justified line reaches the edge, so the
 *    rule holds for it too), or a change of font size (headings).
 * 5. Words hyphenated at a line end are joined again.
 */
import { present } from '../../../shared/domain/present';

export interface PositionedItem {
  str: string;
  /** Left end of the baseline, PDF units, y growing upwards. */
  x: number;
  y: number;
  width: number;
  /** Font size (the item's height). */
  height: number;
}

export interface PositionedPage {
  width: number;
  height: number;
  items: PositionedItem[];
}

interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  page: number;
  /** Column of its page: 0 for one column or a line spanning both, 1 left, 2 right. */
  column: number;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Items into lines: a piece grows while the next item sits on its baseline and starts near its end. */
function linesOfPage(page: PositionedPage, n: number): Line[] {
  const pieces: Line[] = [];
  let cur: Line | null = null;
  for (const it of page.items) {
    if (!it.str) continue;
    const size = it.height > 0 ? it.height : 10;
    const touching = cur && Math.abs(cur.y - it.y) < Math.min(cur.size, size) * 0.4 && it.x - cur.x1 < size * 1.2 && it.x - cur.x1 > -size;
    if (cur && touching) {
      const gap = it.x - cur.x1;
      if (gap > size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(it.str)) cur.text += ' ';
      cur.text += it.str;
      cur.x1 = Math.max(cur.x1, it.x + it.width);
      cur.size = Math.max(cur.size, size);
    } else {
      if (cur) pieces.push(cur);
      cur = { text: it.str, x0: it.x, x1: it.x + it.width, y: it.y, size, page: n, column: 0 };
    }
  }
  if (cur) pieces.push(cur);
  return pieces.filter((p) => p.text.trim().length > 0).map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ').trim() }));
}

/**
 * The widest vertical strip, away from the page's text edges, that no body
 * line crosses — a gutter — or null. Lines at least twice as long as the
 * strip's sides allow (titles over both columns) may cross it.
 */
function gutterOf(lines: Line[]): { from: number; to: number } | null {
  if (lines.length < 6) return null;
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const size = median(lines.map((l) => l.size));
  const step = Math.max(1, size / 4);
  const bins = Math.ceil((right - left) / step);
  const cover = new Array<number>(bins).fill(0);
  for (const l of lines) {
    for (let b = Math.floor((l.x0 - left) / step); b < Math.ceil((l.x1 - left) / step) && b < bins; b++) cover[b] = (cover[b] ?? 0) + 1;
  }
  // Crossed by a few lines only (titles, a wide figure caption): still a gutter.
  const allowed = Math.max(1, Math.floor(lines.length * 0.08));
  let best: { from: number; to: number } | null = null;
  let start = -1;
  for (let b = 0; b <= bins; b++) {
    const open = b < bins && (cover[b] ?? 0) <= allowed;
    if (open && start < 0) start = b;
    if (!open && start >= 0) {
      const from = left + start * step;
      const to = left + b * step;
      const middle = (from + to) / 2;
      const inner = middle > left + (right - left) * 0.25 && middle < right - (right - left) * 0.25;
      if (inner && to - from >= size * 0.8 && (!best || to - from > best.to - best.from)) best = { from, to };
      start = -1;
    }
  }
  if (!best) return null;
  const gutter = best;
  // A short right column covers few bins, so the open strip can run into it: the gutter ends where
  // the right column's lines start, and begins where the left column's lines end.
  const starts = lines.filter((l) => l.x0 >= gutter.from).map((l) => l.x0);
  if (starts.length < 3) return null;
  const to = Math.min(...starts);
  const ends = lines.filter((l) => l.x1 <= to).map((l) => l.x1);
  if (ends.length < 3) return null;
  const from = Math.max(...ends);
  return to - from >= size * 0.8 ? { from, to } : null;
}

/** Pieces on one baseline merged into lines (within a column), then read in column order. */
function orderPage(pieces: Line[]): Line[] {
  const gutter = gutterOf(pieces);
  const columnOf = (l: Line) => (!gutter ? 0 : l.x1 <= gutter.to ? 1 : l.x0 >= gutter.from ? 2 : 0);
  const byLine: Line[] = [];
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  for (const p of sorted) {
    const col = columnOf(p);
    const same = byLine.find((l) => l.column === col && Math.abs(l.y - p.y) < Math.min(l.size, p.size) * 0.4);
    if (same) {
      const [first, second] = same.x0 <= p.x0 ? [same, p] : [p, same];
      same.text = `${first.text} ${second.text}`;
      same.x0 = Math.min(same.x0, p.x0);
      same.x1 = Math.max(same.x1, p.x1);
      same.size = Math.max(same.size, p.size);
    } else byLine.push({ ...p, column: col });
  }
  if (!gutter) return byLine;
  // Spanning lines cut the page into bands; each band is read left column, then right.
  const out: Line[] = [];
  let band: Line[] = [];
  const flushBand = () => {
    out.push(...band.filter((l) => l.column === 1), ...band.filter((l) => l.column === 2));
    band = [];
  };
  for (const l of byLine) {
    if (l.column === 0) {
      flushBand();
      out.push(l);
    } else band.push(l);
  }
  flushBand();
  return out;
}

const PAGE_NUMBER = /^[\s\-–—·|]*(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|\/)\s*\d{1,4})?[\s\-–—·|]*$/i;

/** Running heads and page numbers, dropped. */
function withoutMargins(pages: Line[][], sizes: { height: number }[]): Line[][] {
  const bodySize = median(pages.flat().map((l) => l.size));
  const key = (l: Line) => `${l.text.replace(/\d+/g, '#').toLowerCase()}@${Math.round(l.y / 4)}`;
  const seen = new Map<string, number>();
  for (const lines of pages) for (const k of new Set(lines.map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  const repeatedOn = Math.max(2, Math.ceil(pages.length * 0.5));
  return pages.map((lines, n) => {
    const h = sizes[n]?.height ?? 0;
    const top = Math.max(...lines.map((l) => l.y));
    const bottom = Math.min(...lines.map((l) => l.y));
    return lines.filter((l) => {
      // Repeated at one place on most pages and set apart from the body (a body line that happens to
      // open two pages at the same height is not a running head).
      const repeated = (o: Line) => pages.length >= 2 && (seen.get(key(o)) ?? 0) >= repeatedOn && o.text.length < 120;
      const apart = lines.every((o) => o === l || repeated(o) || PAGE_NUMBER.test(o.text) || Math.abs(o.y - l.y) > l.size * 1.6);
      if (repeated(l) && apart) return false;
      const atEdge = l.y === top || l.y === bottom || (h > 0 && (l.y > h * 0.9 || l.y < h * 0.1));
      if (atEdge && PAGE_NUMBER.test(l.text)) return false;
      // A one-page text has no repeats: a small-print line alone in the top or bottom margin is its running head.
      return !(atEdge && h > 0 && (l.y > h * 0.88 || l.y < h * 0.12) && l.size < bodySize * 0.9 && isolated(l, lines, bodySize));
    });
  });
}

/** No body-size line within two of its font sizes above or below: set apart from the body. */
function isolated(l: Line, lines: Line[], bodySize: number): boolean {
  return lines.every((o) => o.size < bodySize * 0.9 || Math.abs(o.y - l.y) > l.size * 2);
}

interface Column {
  left: number;
  right: number;
}

/** The left and right edge of each column of each page, from its body-size lines. */
function columnEdges(lines: Line[], bodySize: number): Map<string, Column> {
  const groups = new Map<string, Line[]>();
  for (const l of lines) {
    const k = `${l.page}:${l.column}`;
    const g = groups.get(k) ?? [];
    g.push(l);
    groups.set(k, g);
  }
  const edges = new Map<string, Column>();
  for (const [k, g] of groups) {
    const body = g.filter((l) => Math.abs(l.size - bodySize) <= bodySize * 0.15);
    const use = body.length ? body : g;
    // The left edge is where most lines start (indented first lines are fewer); the right, the farthest end.
    const lefts = use.map((l) => l.x0).sort((a, b) => a - b);
    edges.set(k, { left: lefts[Math.floor(lefts.length * 0.2)] ?? NaN, right: Math.max(...use.map((l) => l.x1)) });
  }
  return edges;
}

function joinLines(a: string, b: string): string {
  // A word broken at a line end: "negoti-" + "ations"; a hyphen before a capital or a digit is kept.
  const broken = /[A-Za-zÀ-ÿ][-\u00ad\u2010]$/.test(a) && /^[a-zà-ÿ]/.test(b);
  if (broken) return a.slice(0, -1) + b;
  if (/\u00ad$/.test(a)) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}

/** The paragraphs of a PDF's pages, in reading order. */
export function paragraphsOfPages(pages: PositionedPage[]): string[] {
  const ordered = withoutMargins(
    pages.map((p, n) => orderPage(linesOfPage(p, n))),
    pages,
  );
  const lines = ordered.flat();
  if (lines.length === 0) return [];
  const bodySize = median(lines.map((l) => l.size));
  const edges = columnEdges(lines, bodySize);
  // The typical line spacing, in font sizes, between consecutive body lines of one column.
  const spacings: number[] = [];
  for (const [i, b] of lines.entries()) {
    const a = lines[i - 1];
    if (a && a.page === b.page && a.column === b.column && a.y > b.y && Math.abs(a.size - b.size) < 0.15 * b.size) spacings.push((a.y - b.y) / b.size);
  }
  spacings.sort((x, y) => x - y);
  // The lower third: with spaced paragraphs half the gaps may be paragraph gaps in a text of short paragraphs.
  const usual = spacings[Math.floor(spacings.length / 3)] ?? 1.2;

  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    if (current) paragraphs.push(current);
    current = '';
  };
  for (const [i, line] of lines.entries()) {
    const prev = lines[i - 1];
    if (prev && startsParagraph(prev, line, edges, usual)) flush();
    current = current ? joinLines(current, line.text) : line.text;
  }
  flush();
  return paragraphs;
}

function startsParagraph(prev: Line, line: Line, edges: Map<string, Column>, usual: number): boolean {
  if (Math.abs(prev.size - line.size) > Math.min(prev.size, line.size) * 0.12) return true;
  const col = present(edges.get(`${line.page}:${line.column}`), 'the edges of a column');
  const prevCol = present(edges.get(`${prev.page}:${prev.column}`), 'the edges of a column');
  const sameFlow = prev.page === line.page && prev.column === line.column && prev.y > line.y;
  if (sameFlow && (prev.y - line.y) / line.size > usual * 1.3) return true;
  // A first-line indent: starts clearly right of the column's left edge (not a centred line far in).
  const indent = line.x0 - col.left;
  const lineWidth = line.x1 - line.x0;
  if (indent > line.size * 0.8 && (indent < line.size * 8 || lineWidth > (col.right - col.left) * 0.6)) return true;
  // Ragged end: the previous line stopped although the next line's first word would have fitted after it.
  const charWidth = (line.x1 - line.x0) / Math.max(1, line.text.length);
  const firstWord = /^\S+/.exec(line.text)?.[0] ?? '';
  const room = prevCol.right - prev.x1;
  if (/-$/.test(prev.text)) return false;
  return room > charWidth * (firstWord.length + 1) + line.size * 0.5;
}
