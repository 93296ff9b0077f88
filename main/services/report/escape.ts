/** Escaping for every text that goes into a report; article text and notes are never trusted. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Only http(s) links are kept; anything else (javascript:, data:, file:) becomes plain text. */
export function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Markdown: HTML-significant characters become entities and Markdown
 * punctuation is backslash-escaped, so neither markup nor links
 * (`](javascript:…)`) can be formed by the text. `:`, `@`, `/` and `.` are
 * escaped too: an escape splits the text where autolinkers (GFM's extended
 * autolinks, markdown-it's linkify) look for `https://`, `www.` and `a@b.c`,
 * so a URL in a note stays text. GitHub's reader (cmark-gfm) finds e-mail
 * addresses in the text after escapes are read, so an invisible word joiner
 * (U+2060) follows every `@`: no address can start there, in any reader, and
 * what a reader shows is unchanged. Every line ending (a lone CR is one to
 * CommonMark: "x\r===" would make a heading) becomes a space, and spaces or
 * tabs at either end become character references: four after a quote's `>`
 * would open a code block, and a reader drops them at a block's edges.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~"':@/])/g, '\\$1')
    .replace(/@/g, '@\u2060')
    .replace(/^[ \t]+|[ \t]+$/g, (edge) => edge.replace(/[ \t]/g, (c) => `&#${c.charCodeAt(0)};`));
}

// OWASP CSV injection: a cell starting with one of these may be run as a formula.
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** One CSV cell (RFC 4180 quoting); text that could start a formula is prefixed with '. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}
