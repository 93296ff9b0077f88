/**
 * Issue 15 (3): paragraphs rebuilt from line geometry, on positioned items
 * built here (a character is half the font size wide), and on PDFs LibreOffice
 * made from documents written by bench/pdf/corpus.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STYLES, writeDoc } from '../../bench/pdf/corpus';
import { importPdf } from '../../main/services/import/pdf';
import { paragraphsOfPages, type PositionedItem, type PositionedPage } from '../../main/services/import/pdfParagraphs';

const SIZE = 10;
const item = (str: string, x: number, y: number, size = SIZE): PositionedItem => ({ str, x, y, width: str.length * size * 0.5, height: size });
/** Lines top-down from y = 700, 12 units apart unless a line says otherwise. */
function page(lines: { text: string; x?: number; gap?: number; size?: number }[], extra: PositionedItem[] = []): PositionedPage {
  let y = 712;
  const items = lines.map((l) => {
    y -= l.gap ?? 12;
    return item(l.text, l.x ?? 72, y, l.size);
  });
  return { width: 612, height: 792, items: [...items, ...extra] };
}
// 40 characters: 200 units at size 10, so a full line runs from 72 to 272.
const FULL = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh.';

describe('PDF paragraphs from positioned items', () => {
  it('breaks after a line that stopped short although the next word would have fitted (ragged end)', () => {
    const got = paragraphsOfPages([page([{ text: FULL }, { text: 'ends here.' }, { text: FULL }, { text: FULL }])]);
    expect(got).toEqual([`${FULL} ends here.`, `${FULL} ${FULL}`]);
  });

  it('keeps lines together when the short end is only because the next word is too long to fit', () => {
    const long = 'aaaa bbbb cccc dddd eeee ffff gggg hh'; // 37 characters: room for 3, next word has 12
    const got = paragraphsOfPages([page([{ text: FULL }, { text: long }, { text: 'international words go on to the end here.' }])]);
    expect(got).toHaveLength(1);
  });

  it('breaks on a first-line indent in justified text with no space between paragraphs', () => {
    const got = paragraphsOfPages([page([{ text: FULL }, { text: FULL }, { text: 'aaaa bbbb cccc dddd eeee ffff gggg hh.', x: 82 }, { text: FULL }])]);
    expect(got).toHaveLength(2);
    expect(got[1]).toMatch(/^aaaa bbbb cccc dddd eeee ffff gggg hh\. aaaa/);
  });

  it('breaks on a vertical gap larger than the usual line spacing, even after a full line', () => {
    const got = paragraphsOfPages([page([{ text: FULL }, { text: FULL }, { text: FULL }, { text: FULL, gap: 24 }, { text: FULL }])]);
    expect(got).toHaveLength(2);
  });

  it('makes a line in a larger font a paragraph of its own (a heading)', () => {
    const got = paragraphsOfPages([page([{ text: FULL }, { text: 'What comes next', size: 14, gap: 16 }, { text: FULL, gap: 14 }, { text: FULL }])]);
    expect(got).toEqual([FULL, 'What comes next', `${FULL} ${FULL}`]);
  });

  it('re-joins a word hyphenated at a line end, and keeps a hyphen before a capital', () => {
    const got = paragraphsOfPages([page([{ text: 'aaaa bbbb cccc dddd eeee ffff gggg negoti-' }, { text: 'ations went on with the Indo-' }, { text: 'Pacific partners here.' }])]);
    expect(got).toEqual(['aaaa bbbb cccc dddd eeee ffff gggg negotiations went on with the Indo- Pacific partners here.']);
  });

  it('reads two columns down the left, then the right, whatever the order of the items', () => {
    const items: PositionedItem[] = [];
    const rows = 8;
    for (let r = 0; r < rows; r++) {
      const y = 700 - r * 12;
      // Items row by row, across the gutter (left column 72–272, right 300–500).
      items.push(item(r === rows - 1 ? 'left end.' : FULL.replace('.', ''), 72, y), item(r === rows - 1 ? 'right end.' : FULL.replace('.', ''), 300, y));
    }
    const got = paragraphsOfPages([{ width: 612, height: 792, items }]);
    expect(got).toHaveLength(2);
    expect(got[0]).toMatch(/left end\.$/);
    expect(got[1]).toMatch(/right end\.$/);
    expect(got[0]).not.toContain('right');
  });

  it('finds the gutter when the right column holds only a few lines (a text ending early on its page)', () => {
    const items: PositionedItem[] = [];
    for (let r = 0; r < 40; r++) {
      const y = 700 - r * 12;
      items.push(item(r === 39 ? 'left end.' : FULL.replace('.', ''), 72, y));
      if (r < 3) items.push(item(r === 2 ? 'right end.' : FULL.replace('.', ''), 300, y));
    }
    const got = paragraphsOfPages([{ width: 612, height: 792, items }]);
    expect(got).toHaveLength(2);
    expect(got[0]).toMatch(/left end\.$/);
    expect(got[1]).toMatch(/^aaaa .*right end\.$/);
  });

  it('drops a running head repeated on most pages and bare page numbers at the margin', () => {
    const body = (n: number) => FULL.replace('aaaa', ['kkkk', 'mmmm', 'pppp'][n - 1]!);
    const pages = [1, 2, 3].map((n) =>
      page(
        [{ text: body(n) }, { text: body(n) }, { text: body(n) }],
        [item('The Kessen Ledger · Harbour talks', 200, 760, 8), item(String(n), 300, 40, 8)],
      ),
    );
    const got = paragraphsOfPages(pages);
    expect(got.join(' ')).not.toMatch(/Kessen|\b[123]\b/);
    expect(got).toEqual([[1, 1, 1, 2, 2, 2, 3, 3, 3].map(body).join(' ')]);
  });
});

const FIXTURES = path.resolve(__dirname, '../fixtures/import/pdf-layouts');

describe('PDF paragraphs on LibreOffice PDFs', () => {
  // Written by bench/pdf/corpus.ts (writeDoc with these seeds), converted by soffice; see the .fodt next to each PDF.
  for (const [seed, styleName] of [
    [201, 'dejavu-serif-2col-justified'],
    [2, 'serif-ragged-spaced'],
  ] as const) {
    it(`${styleName}: the paragraphs and headings written, in order, without running heads or page numbers`, async () => {
      const style = STYLES.find((s) => s.name === styleName)!;
      const doc = writeDoc(seed, style, 24);
      const read = await importPdf(new Uint8Array(fs.readFileSync(path.join(FIXTURES, `${doc.name}.pdf`))));
      expect(read.text.split('\n\n')).toEqual(doc.blocks.map((b) => b.text));
    });
  }
});
