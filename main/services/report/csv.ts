import { dayToIso } from '../../../shared/domain/dates';
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
  'subtype',
  'code_name',
  'weight',
  'source_actor',
  'target_actor',
  'confidence',
  'event_date',
  'score',
  'quote',
  'note',
  'analyst',
  'created_at',
] as const;

const BOM = '\ufeff';

export function csvFile(header: readonly string[], rows: (string | number | null)[][]): string {
  return BOM + [csvRow(header), ...rows.map(csvRow)].join('\r\n') + '\r\n';
}

/** One row per annotation; UTF-8 with a byte-order mark so Excel reads the accents right. */
export function renderAnnotationsCsv(d: ReportData): string {
  return csvFile(
    ANNOTATION_CSV_COLUMNS,
    d.quotes.map((q) => [
      q.id,
      q.articleId,
      q.articleTitle,
      q.outlet,
      q.publishedOn,
      q.url,
      q.topKey,
      q.subtypeKey,
      q.codeName,
      q.weight,
      q.sourceCode,
      q.targetCode,
      q.confidence,
      q.eventDate,
      q.s,
      q.exact,
      q.note,
      q.analyst,
      new Date(q.createdAtMs).toISOString(),
    ]),
  );
}

export const EVENT_CSV_COLUMNS = ['event_date', 'source', 'target', 'code', 'cameo_code', 'weight', 'score', 'evidence_count'] as const;

/**
 * ICEWS-like event data: one row per day, direction and code. `score` sums
 * w·c over the evidence, so a series can be set beside external event data.
 */
export function renderEventsCsv(d: ReportData): string {
  const events = new Map<string, { q: (typeof d.quotes)[number]; score: number; count: number }>();
  for (const q of d.quotes) {
    const key = `${q.eventDate}\u0000${q.sourceCode}\u0000${q.targetCode}\u0000${q.codeKey}`;
    const e = events.get(key);
    if (e) {
      e.score += q.s;
      e.count += 1;
    } else events.set(key, { q, score: q.s, count: 1 });
  }
  const rows = [...events.values()]
    .sort(
      (x, y) =>
        x.q.eventDate.localeCompare(y.q.eventDate) ||
        x.q.sourceCode.localeCompare(y.q.sourceCode) ||
        x.q.codeKey.localeCompare(y.q.codeKey),
    )
    .map(({ q, score, count }) => [q.eventDate, q.sourceCode, q.targetCode, q.codeKey, q.cameo, q.weight, Number(score.toFixed(6)), count]);
  return csvFile(EVENT_CSV_COLUMNS, rows);
}

/** The daily score series: R, A and M for each direction and for both together. */
export function renderSeriesCsv(d: ReportData): string {
  const ab = `${d.relationship.actorA.code}_${d.relationship.actorB.code}`.toLowerCase();
  const ba = `${d.relationship.actorB.code}_${d.relationship.actorA.code}`.toLowerCase();
  const header = ['day', ...[ab, ba, 'combined'].flatMap((p) => [`${p}_R`, `${p}_A`, `${p}_M`])];
  const s = d.series;
  const r6 = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v.toFixed(6)));
  const rows = s.combined.R.map((_, i) => [
    dayToIso(s.fromDay + i),
    ...[s.ab, s.ba, s.combined].flatMap((x) => [r6(x.R[i]), r6(x.A[i]), r6(x.M[i])]),
  ]);
  return csvFile(header, rows);
}
