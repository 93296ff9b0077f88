/** Issue 15: real titles, authors and dates when a document's metadata says nothing. */
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../main/services/import/readFile';
import { dateInLine, firstSentence, readOpeningLines } from '../../shared/text/openingLines';

const bytes = (s: string) => new TextEncoder().encode(s);
const BODY = 'The two delegations met in Kessen on Friday. They agreed to resume talks on the harbour fees next month.';

describe('titles, authors and dates from the text itself', () => {
  it('reads a date written as "September 6, 2025", "6 Sept 2025", "Sept. 6, 2025" or "2025-09-06"', () => {
    for (const line of [
      'September 6, 2025',
      '6 Sept 2025',
      'Sept. 6, 2025',
      '2025-09-06',
      'Published: Saturday, 6th September 2025, 09:10',
      'KESSEN, Sep 6, 2025 (Wire) —',
    ]) {
      expect(dateInLine(line), line).toBe('2025-09-06');
    }
    expect(dateInLine('February 30, 2025')).toBeNull();
    expect(dateInLine('Talks on 12 items resumed')).toBeNull();
  });

  it('moves a byline out of the text into the author, and reads a dateline from the opening lines', () => {
    const r = readOpeningLines(`By Staff Reporter\n\nSeptember 6, 2025\n\n${BODY}`);
    expect(r).toEqual({ author: 'Staff Reporter', publishedOn: '2025-09-06', text: `September 6, 2025\n\n${BODY}` });
    // A date far into the story is about an event, not the article.
    expect(
      readOpeningLines(`${BODY}\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nThe next round is set for 6 October 2025.`).publishedOn,
    ).toBeNull();
    // "By" opening an ordinary sentence is no byline.
    expect(readOpeningLines(`By Friday the talks had stalled over harbour fees and the border survey.\n\n${BODY}`).author).toBe('');
  });

  it('titles a text without a heading by its first sentence, never its file name; a text without a date has none', async () => {
    const doc = await readDocument('seed1.txt', bytes(`${BODY} ${BODY} ${BODY} ${BODY}`));
    expect(doc.title).toBe('The two delegations met in Kessen on Friday.');
    expect(doc.publishedOn).toBeNull();
    const headed = await readDocument('seed2.txt', bytes(`Harbour talks resume\n\nBy Jane Roe\n\n6 Sept 2025\n\n${BODY}`));
    expect(headed).toMatchObject({ title: 'Harbour talks resume', author: 'Jane Roe', publishedOn: '2025-09-06' });
    expect(headed.text).toBe(`6 Sept 2025\n\n${BODY}`);
  });

  it('leaves a wire dateline out of a title made of the first sentence, and keeps it in the text', async () => {
    for (const dateline of ['KESSEN, March 3, 2026 — ', 'NEW DELHI, Sept. 6, 2025 (Reuters) - ', 'KESSEN (Wire) — ', "ST. JOHN'S -- "]) {
      const doc = await readDocument('wire.txt', bytes(`${dateline}${BODY}`));
      expect(doc.title, dateline).toBe('The two delegations met in Kessen on Friday.');
      expect(doc.text, dateline).toBe(`${dateline}${BODY}`);
    }
    expect((await readDocument('wire.txt', bytes(`KESSEN, March 3, 2026 — ${BODY}`))).publishedOn).toBe('2026-03-03');
    // Not a dateline: a sentence that happens to open with capitals, or a dash inside ordinary words.
    expect(firstSentence('NATO and India - a new chapter. The rest.')).toBe('NATO and India - a new chapter.');
    expect(firstSentence('US officials — speaking privately — said talks would resume.')).toBe(
      'US officials — speaking privately — said talks would resume.',
    );
  });
});
