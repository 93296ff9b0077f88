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
  'event_id',
  'grade',
  'reliability',
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

/** Rounded for people (-1.7600000000000002 reads -1.76); the JSON exports keep full precision. */
const forPeople = (v: number) => Number(v.toFixed(4));

/**
 * One row per annotation; UTF-8 with a byte-order mark so Excel reads the
 * accents right. A grouped passage carries its event's id and score: sum
 * `score` over distinct `event_id`s (or use the events CSV), not over rows.
 */
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
      q.eventId === null ? '' : `e${q.eventId}`,
      q.grade ?? '',
      forPeople(q.reliability),
      forPeople(q.s),
      q.exact,
      q.note,
      q.analyst,
      new Date(q.createdAtMs).toISOString(),
    ]),
  );
}

export const EVENT_CSV_COLUMNS = [
  'event_id',
  'event_date',
  'source',
  'target',
  'code',
  'cameo_code',
  'weight',
  'confidence',
  'grade',
  'reliability',
  'score',
  'report_count',
] as const;

/**
 * ICEWS-like event data, one row per scored event exactly as the score counts
 * it: a passage on its own (`a<annotation id>`) or an event grouping several
 * reports (`e<event id>`, its date, code and best report's c·r) once, with
 * the number of reports. `score` is s = w·c·r, so R on any day T is
 * Σ score · 2^(−(T − event_date)/h) over the rows dated up to T.
 */
export function renderEventsCsv(d: ReportData): string {
  const byCode = new Map(d.codes.map((c) => [c.key, c]));
  const actor = (id: number) => (id === d.relationship.actorA.id ? d.relationship.actorA.code : d.relationship.actorB.code);
  const rows = [...d.items]
    .sort((x, y) => x.date.localeCompare(y.date) || x.id.localeCompare(y.id))
    .map((i) => [
      i.id,
      i.date,
      actor(i.sourceActorId),
      actor(i.targetActorId),
      i.codeKey,
      byCode.get(i.codeKey)?.cameo ?? '',
      i.weight,
      i.confidence,
      i.grade ?? '',
      i.reliability,
      // Ten decimals: enough to rebuild R to 1e-9, without binary noise like ...0000002.
      Number(i.s.toFixed(10)),
      i.passages.length,
    ]);
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
