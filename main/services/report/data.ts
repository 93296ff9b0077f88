import type { Relationship } from '../../../shared/api/schemas';
import { dayToIso, localToday } from '../../../shared/domain/dates';
import { dailySeries, figuresOfDay, type Figures, type ScoreSeries } from '../../../shared/scoring/score';
import { listCodes } from '../../db/codebook';
import type { ScoredAnnotationRow } from '../../db/annotations';
import type { AppContext } from '../context';
import { relationshipEvidence } from '../score';

export interface ReportQuote extends ScoredAnnotationRow {
  sourceCode: string;
  targetCode: string;
  s: number;
}

export interface ReportData {
  relationship: Relationship;
  generatedAtMs: number;
  halfLifeDays: number;
  today: string;
  current: Figures;
  series: ScoreSeries;
  quotes: ReportQuote[];
  weights: { key: string; name: string; weight: number }[];
}

export function gatherReport(ctx: AppContext, relationshipId: number, halfLifeDays: number): ReportData {
  const { relationship, rows, events, sOf } = relationshipEvidence(ctx.workspace.db, relationshipId);
  const today = localToday(ctx.now());
  const first = events.reduce((m, e) => Math.min(m, e.day), today - 90);
  const series = dailySeries(events, { fromDay: first, toDay: today, halfLifeDays });
  const codeOf = (id: number) => (id === relationship.actorA.id ? relationship.actorA.code : relationship.actorB.code);
  return {
    relationship,
    generatedAtMs: ctx.now().getTime(),
    halfLifeDays,
    today: dayToIso(today),
    current: figuresOfDay(series, today)!,
    series,
    quotes: rows.map((r) => ({ ...r, sourceCode: codeOf(r.sourceActorId), targetCode: codeOf(r.targetActorId), s: sOf.get(r.id) ?? 0 })),
    weights: listCodes(ctx.workspace.db).map((c) => ({ key: c.key, name: c.name, weight: c.weight })),
  };
}

export function fmt(value: number | null, digits = 2): string {
  return value === null ? '–' : value.toFixed(digits);
}

export function directionLabel(d: ReportData, which: 'ab' | 'ba'): string {
  const { actorA, actorB } = d.relationship;
  return which === 'ab' ? `${actorA.code}→${actorB.code}` : `${actorB.code}→${actorA.code}`;
}

export function reportFileStem(d: ReportData): string {
  return `parley-${d.relationship.actorA.code}-${d.relationship.actorB.code}-${d.today}`.toLowerCase();
}

/** Weekly samples of the series (every 7th day, ending today) for tables. */
export function weeklyPoints(d: ReportData): { date: string; M: number | null; R: number; A: number }[] {
  const out: { date: string; M: number | null; R: number; A: number }[] = [];
  const n = d.series.combined.R.length;
  for (let i = n - 1; i >= 0; i -= 7) {
    out.push({
      date: dayToIso(d.series.fromDay + i),
      M: d.series.combined.M[i] ?? null,
      R: d.series.combined.R[i]!,
      A: d.series.combined.A[i]!,
    });
  }
  return out.reverse();
}
