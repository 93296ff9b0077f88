/**
 * What a document's opening lines say when its metadata does not: a byline
 * ("By Staff Reporter"), which is moved out of the text into the author, and a
 * dateline or date ("September 6, 2025", "6 Sept 2025", "2025-09-06"). Only the
 * first few paragraphs are looked at: a date deep in the text is about an
 * event, not the article.
 */

const OPENING_PARAGRAPHS = 4;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const MONTH_DAY_YEAR = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+(\d{4})\b`, 'i');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** "By Jane Roe", "By Staff Reporter, Kessen", "BY JANE ROE AND JOHN DOE": a short line that is only a byline of capitalised names. */
const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}.'’-]*`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:(?:de|van|von|der|da|del|bin|al|la|le)\s+)?${NAME_WORD}){0,4}`;
const BYLINE = new RegExp(String.raw`^[Bb][Yy]:?\s+(${NAME}(?:\s*(?:,|and|AND|&)\s*${NAME})*)\s*[.|·•–—-]?\s*$`, 'u');

function day(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** The first date written in a line, as YYYY-MM-DD; null if none. */
export function dateInLine(line: string): string | null {
  const found: { at: number; iso: string | null }[] = [];
  const mdy = MONTH_DAY_YEAR.exec(line);
  if (mdy) found.push({ at: mdy.index, iso: day(Number(mdy[3]), monthNumber(mdy[1] ?? ''), Number(mdy[2])) });
  const dmy = DAY_MONTH_YEAR.exec(line);
  if (dmy) found.push({ at: dmy.index, iso: day(Number(dmy[3]), monthNumber(dmy[2] ?? ''), Number(dmy[1])) });
  const iso = ISO.exec(line);
  if (iso) found.push({ at: iso.index, iso: day(Number(iso[1]), Number(iso[2]), Number(iso[3])) });
  found.sort((a, b) => a.at - b.at);
  return found.find((f) => f.iso)?.iso ?? null;
}

export interface OpeningLines {
  /** The text without its byline paragraph. */
  text: string;
  author: string;
  publishedOn: string | null;
}

/** Reads a byline and a date from the opening paragraphs; the byline paragraph leaves the text. */
export function readOpeningLines(text: string): OpeningLines {
  const paragraphs = text.split('\n\n');
  let author = '';
  let publishedOn: string | null = null;
  for (let i = 0; i < Math.min(OPENING_PARAGRAPHS, paragraphs.length); i++) {
    const p = (paragraphs[i] ?? '').trim();
    if (p.length > 200) continue;
    const byline = !author && paragraphs.length > 1 ? BYLINE.exec(p.replace(/\s+/g, ' ')) : null;
    if (byline?.[1]) {
      author = byline[1].trim();
      paragraphs.splice(i, 1);
      i--;
      continue;
    }
    publishedOn ??= dateInLine(p);
  }
  // A dateline opens the first paragraph of the story itself: "KESSEN, Sept. 6, 2025 (Wire) — …".
  publishedOn ??= dateInLine(paragraphs[0]?.slice(0, 80) ?? '');
  return { text: paragraphs.join('\n\n'), author, publishedOn };
}

/**
 * A wire dateline opening a story's first paragraph: a place in capitals, maybe a date, maybe the agency, then a
 * dash ("KESSEN, March 3, 2026 — ", "NEW DELHI (Reuters) - ", "WASHINGTON — "). The date is read from it; a title
 * made of the first sentence leaves it out.
 */
const DATELINE = /^\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}(?:,[^\n—–]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?\s+[—–-]{1,2}\s+(?=[\p{Lu}\p{N}"“‘'])/u;

/** The first sentence, as a title when nothing better names the document; '' when the text has none. */
export function firstSentence(text: string): string {
  const opening = text.trim().split('\n')[0]?.trim() ?? '';
  const first = opening.replace(DATELINE, '') || opening;
  const m = /^(.{8,200}?[.!?])(?=\s|$)/u.exec(first);
  const sentence = m?.[1] ?? (first.length <= 200 ? first : '');
  if (sentence) return sentence;
  // A long opening with no sentence end: its first words, cut at a word.
  const cut = first.slice(0, 120).replace(/\s+\S*$/, '');
  return cut ? `${cut}…` : '';
}
