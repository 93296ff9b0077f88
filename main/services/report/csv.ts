import { csvRow } from './escape';
import type { ReportData } from './data';

export const ANNOTATION_CSV_COLUMNS = [
  'annotation_id',
  'article_id',
  'title',
  'outlet',
  'published_on',
  'url',
  'code',
  'code_name',
  'weight',
  'source',
  'target',
  'confidence',
  'event_date',
  'score',
  'quote',
  'note',
  'created_at',
] as const;

/** One row per annotation; UTF-8 with a byte-order mark so Excel reads the accents right. */
export function renderAnnotationsCsv(d: ReportData): string {
  const rows = d.quotes.map((q) =>
    csvRow([
      q.id,
      q.articleId,
      q.articleTitle,
      q.outlet,
      q.publishedOn,
      q.url,
      q.codeKey,
      q.codeName,
      q.weight,
      q.sourceCode,
      q.targetCode,
      q.confidence,
      q.eventDate,
      q.s,
      q.exact,
      q.note,
      new Date(q.createdAtMs).toISOString(),
    ]),
  );
  return '\ufeff' + [csvRow([...ANNOTATION_CSV_COLUMNS]), ...rows].join('\r\n') + '\r\n';
}
