import { dayToIso } from '../../../shared/domain/dates';
import type { ReportData } from './data';

export const REPORT_JSON_FORMAT = 'parley-report/1';

export function renderJsonReport(d: ReportData): string {
  const s = d.series;
  return JSON.stringify(
    {
      format: REPORT_JSON_FORMAT,
      generatedAt: new Date(d.generatedAtMs).toISOString(),
      relationship: {
        label: d.relationship.label,
        a: { code: d.relationship.actorA.code, name: d.relationship.actorA.name },
        b: { code: d.relationship.actorB.code, name: d.relationship.actorB.name },
      },
      halfLifeDays: d.halfLifeDays,
      current: { date: d.today, ...d.current },
      weights: d.weights,
      annotations: d.quotes.map((q) => ({
        id: q.id,
        article: { id: q.articleId, title: q.articleTitle, outlet: q.outlet, publishedOn: q.publishedOn, url: q.url },
        code: q.codeKey,
        codeName: q.codeName,
        weight: q.weight,
        source: q.sourceCode,
        target: q.targetCode,
        confidence: q.confidence,
        eventDate: q.eventDate,
        score: q.s,
        selector: { start: q.start, end: q.end, exact: q.exact },
        note: q.note,
        createdAt: new Date(q.createdAtMs).toISOString(),
      })),
      series: s.combined.R.map((_, i) => ({
        date: dayToIso(s.fromDay + i),
        ab: { R: s.ab.R[i], A: s.ab.A[i], M: s.ab.M[i] },
        ba: { R: s.ba.R[i], A: s.ba.A[i], M: s.ba.M[i] },
        combined: { R: s.combined.R[i], A: s.combined.A[i], M: s.combined.M[i] },
      })),
    },
    null,
    2,
  );
}
