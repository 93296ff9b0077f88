/** What every importer returns, and how it says a file cannot be imported. */

export interface ParsedDocument {
  format: string;
  title: string;
  author: string;
  outlet: string;
  /** YYYY-MM-DD when the document says when it was published, else null. */
  publishedOn: string | null;
  url: string;
  /** Article text with paragraphs separated by blank lines; normalized later, once. */
  text: string;
  /** The near-duplicate fingerprint of the finished text (fingerprint.ts), made where the file is read. */
  signature?: Uint32Array;
  /** How long reading the file took where it was read (the benchmark's extract stage). */
  extractMs?: number;
  /** How long taking the file's bytes off the disk took, when the reader did that itself (the benchmark's read stage). */
  readMs?: number;
}

/** A file Parley cannot import; the message is shown to the analyst as the reason. */
export class ImportRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

export function emptyDocument(format: string): ParsedDocument {
  return { format, title: '', author: '', outlet: '', publishedOn: null, url: '', text: '' };
}

/** Keeps only http(s) URLs; anything else (javascript:, data:, file:) becomes ''. */
export function httpUrlOrEmpty(raw: string | null | undefined): string {
  const u = (raw ?? '').trim();
  if (!/^https?:\/\/\S+$/i.test(u) || u.length > 2000) return '';
  try {
    return new URL(u).href;
  } catch {
    return '';
  }
}

/** Reads the calendar date a document gives (ISO, or an RFC 2822 e-mail date) as YYYY-MM-DD; null if none. */
export function dateFromDocument(raw: string | null | undefined): string | null {
  const s = (raw ?? '').trim();
  if (!s) return null;
  // An ISO date keeps the day the outlet wrote, whatever the time zone.
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const pdf = /^D:(\d{4})(\d{2})(\d{2})/.exec(s);
  if (pdf) return validDay(Number(pdf[1]), Number(pdf[2]), Number(pdf[3]));
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return validDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A title from a file name: "border-commission_final.pdf" → "border commission final". */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Untitled';
}

/**
 * The first line as a title when it reads as a heading: short, and not a sentence of the story (a heading
 * does not end in a full stop, a comma or a quote closing a sentence).
 */
export function firstLineTitle(text: string): string {
  const first = text.trim().split(/\n/)[0]?.trim() ?? '';
  return first.length > 0 && first.length <= 200 && !/[.,;:!?…]["”’»)]?$/u.test(first) ? first : '';
}
