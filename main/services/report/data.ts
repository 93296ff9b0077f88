import type { AgreementReport } from '../../../shared/api/agreement';
import type { ParsedBriefOptions } from '../../../shared/api/exchange';
import type { Code, Relationship } from '../../../shared/api/schemas';
import { ApiError } from '../../../shared/api/errors';
import { present } from '../../../shared/domain/present';
import { dayToIso, isoToDay, localToday } from '../../../shared/domain/dates';
import { dailySeries, decay, figuresOfDay, type Figures, type ScoreSeries } from '../../../shared/scoring/score';
import { listCodes } from '../../db/codebook';
import type { ScoredAnnotationRow } from '../../db/annotations';
import type { Grade } from '../../db/reliability';
import { originAnalysts } from '../../db/mergeConflicts';
import { workspaceAnalyst } from '../../db/settings';
import { listUnscoredPassages, type UnscoredPassageRow } from '../../db/layers';
import { briefAgreement } from '../agreement';
import type { AppContext } from '../context';
import { relationshipEvidence } from '../score';
import { itemsAsEvents, relationshipItems, type ItemDetail } from '../scoreItems';

export interface ReportQuote extends ScoredAnnotationRow {
  sourceCode: string;
  targetCode: string;
  s: number;
  /** Top-level code key (THREAT, OVERTURE, CONCESSION) and the subtype's key, '' for a top-level tag. */
  topKey: string;
  topName: string;
  subtypeKey: string;
  cameo: string;
  color: string;
  analyst: string;
  /** s · decay at the end of the period. */
  contribution: number;
  /** The day `contribution` is for. */
  today: string;
  /** The event this passage is grouped into (null: it counts on its own) and how many passages that event has. */
  eventId: number | null;
  eventSize: number;
  /** This passage's own outlet grade and reliability factor (1 when ungraded). */
  grade: Grade | null;
  reliability: number;
  /** What the item counts with: w × c × r, each from the item (an event: its code, its best passage), and the decay at `today`. */
  factors: { weight: number; confidence: number; reliability: number; grade: Grade | null; decay: number };
}

export interface ReportData {
  relationship: Relationship;
  generatedAtMs: number;
  halfLifeDays: number;
  /** The day the figures are given for: the end of the period, or today if earlier. */
  today: string;
  fromDate: string;
  toDate: string;
  analyst: string;
  groupBy: 'code' | 'date';
  /** Human description of the selection (codes, actors, articles). */
  selection: string[];
  current: Figures;
  /** M combined 30 days before `today` (or at the start of the period), for the trend. */
  previous: { date: string; M: number | null };
  series: ScoreSeries;
  quotes: ReportQuote[];
  /** The scored items of the selection in the period (a passage alone, or an event once), as the score counts them. */
  items: ItemDetail[];
  keyEvents: ReportQuote[];
  codes: Code[];
  weights: { key: string; name: string; weight: number }[];
  /** The selection's passages the score does not read, each in its coder layer (for exports that carry every layer). */
  unscored: UnscoredPassageRow[];
  /** Agreement between coder layers, when a colleague's layer exists (docs/agreement.md). */
  agreement?: AgreementReport | null;
}

const DEFAULT_WINDOW_DAYS = 90;

export function briefDefaults(relationshipId: number, halfLifeDays = 30): ParsedBriefOptions {
  return { relationshipId, halfLifeDays, groupBy: 'code', keyEventCount: 5 };
}

/** Everything a brief or data export needs for one relationship, period and selection. */
export function gatherBrief(ctx: AppContext, o: ParsedBriefOptions): ReportData {
  const db = ctx.workspace.db;
  const { relationship, rows } = relationshipEvidence(db, o.relationshipId);
  // What is scored are items: a passage, or an event grouping several passages that counts once.
  const items = relationshipItems(db, relationship);
  const itemOf = new Map(items.flatMap((item) => item.passages.map((p) => [p.annotationId, item] as const)));
  const codes = listCodes(db);
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const selectedCodes = o.codeIds ? new Set(o.codeIds) : null;
  if (o.codeIds)
    for (const id of o.codeIds)
      if (!codeById.has(id)) throw new ApiError('NOT_FOUND', `There is no code with id ${id}. Pick codes from the list.`);
  const codeSelected = (c: Code) => !selectedCodes || selectedCodes.has(c.id) || (c.parentId !== null && selectedCodes.has(c.parentId));
  const actorSet = o.actorIds ? new Set(o.actorIds) : null;
  const articleSet = o.articleIds ? new Set(o.articleIds) : null;

  const today = localToday(ctx.now());
  const toDay = o.toDate ? isoToDay(o.toDate) : today;
  const selected = (r: { codeId: number; sourceActorId: number; articleId: number }) =>
    codeSelected(present(codeById.get(r.codeId), `code ${r.codeId} of a passage`)) && (!actorSet || actorSet.has(r.sourceActorId)) && (!articleSet || articleSet.has(r.articleId));
  const keep = rows.map(selected);
  const keptIds = new Set(rows.filter((_, i) => keep[i]).map((r) => r.id));
  const keptItems = items.filter((item) => item.passages.some((p) => keptIds.has(p.annotationId)));
  const keptEvents = itemsAsEvents(keptItems);
  const firstDay = keptEvents.reduce((m, e) => Math.min(m, e.day), toDay - DEFAULT_WINDOW_DAYS);
  const fromDay = o.fromDate ? isoToDay(o.fromDate) : firstDay;
  if (fromDay > toDay) throw new ApiError('BAD_INPUT', 'The start of the period is after its end. Swap the two dates.');
  const series = dailySeries(keptEvents, { fromDay, toDay, halfLifeDays: o.halfLifeDays });
  const nowDay = Math.min(today, toDay);
  const prevDay = Math.max(fromDay, nowDay - 30);

  const codeOf = (id: number) => (id === relationship.actorA.id ? relationship.actorA.code : relationship.actorB.code);
  const origins = originAnalysts(db);
  const ownAnalyst = workspaceAnalyst(db) || o.analyst || '';
  const quotes: ReportQuote[] = [];
  rows.forEach((r, i) => {
    const e = itemOf.get(r.id);
    if (!e || !keep[i] || e.day < fromDay || e.day > toDay) return;
    const own = e.passages.find((p) => p.annotationId === r.id);
    const code = present(codeById.get(r.codeId), `code ${r.codeId} of a passage`);
    const top = code.parentId !== null ? (codeById.get(code.parentId) ?? code) : code;
    quotes.push({
      ...r,
      sourceCode: codeOf(r.sourceActorId),
      targetCode: codeOf(r.targetActorId),
      s: e.s,
      topKey: top.key,
      topName: top.name,
      subtypeKey: code.parentId !== null ? code.key : '',
      cameo: code.cameo,
      color: code.color,
      analyst: origins.get(r.id) ?? ownAnalyst,
      contribution: e.s * decay(nowDay - e.day, o.halfLifeDays),
      today: dayToIso(nowDay),
      eventId: e.eventId,
      eventSize: e.passages.length,
      grade: own?.grade ?? null,
      reliability: own?.reliability ?? 1,
      factors: {
        weight: e.weight,
        confidence: e.confidence,
        reliability: e.reliability,
        grade: e.grade,
        decay: decay(nowDay - e.day, o.halfLifeDays),
      },
    });
  });
  // A grouped event is one key event, shown by its first passage.
  const seenItems = new Set<unknown>();
  const keyEvents = [...quotes]
    .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || Math.abs(y.s) - Math.abs(x.s) || x.id - y.id)
    .filter((q) => {
      const item = itemOf.get(q.id);
      if (seenItems.has(item)) return false;
      seenItems.add(item);
      return true;
    })
    .slice(0, o.keyEventCount);

  const selection: string[] = [];
  selection.push(
    selectedCodes
      ? `Codes: ${codes
          .filter((c) => selectedCodes.has(c.id))
          .map((c) => c.name)
          .join(', ')}`
      : 'Codes: all',
  );
  const actorName = (id: number) => [relationship.actorA, relationship.actorB].find((a) => a.id === id)?.code ?? `actor ${id}`;
  selection.push(actorSet ? `Source actors: ${[...actorSet].map(actorName).join(', ')}` : 'Source actors: both');
  selection.push(articleSet ? `Articles: ${articleSet.size} selected` : 'Articles: all');

  const prevIdx = prevDay - fromDay;
  return {
    relationship,
    generatedAtMs: ctx.now().getTime(),
    halfLifeDays: o.halfLifeDays,
    today: dayToIso(nowDay),
    fromDate: dayToIso(fromDay),
    toDate: dayToIso(toDay),
    analyst: o.analyst ?? ownAnalyst,
    groupBy: o.groupBy,
    selection,
    current: present(figuresOfDay(series, nowDay) ?? figuresOfDay(series, toDay), 'the figures of the last day of the brief'),
    previous: { date: dayToIso(prevDay), M: series.combined.M[prevIdx] ?? null },
    series,
    quotes,
    items: keptItems.filter((i) => i.day >= fromDay && i.day <= toDay),
    keyEvents,
    codes,
    weights: codes.map((c) => ({ key: c.key, name: c.name, weight: c.weight })),
    unscored: listUnscoredPassages(db, relationship.actorA.id, relationship.actorB.id).filter(
      (r) => selected(r) && isoToDay(r.eventDate) >= fromDay && isoToDay(r.eventDate) <= toDay,
    ),
    agreement: briefAgreement(ctx, o.relationshipId, o.halfLifeDays),
  };
}

/** The whole relationship with default options (the original report:export). */
export function gatherReport(ctx: AppContext, relationshipId: number, halfLifeDays: number): ReportData {
  return gatherBrief(ctx, briefDefaults(relationshipId, halfLifeDays));
}

/** "−6.0 × 0.90 × 0.80 (B) × 0.71" — the figures behind a contribution, as printed in the briefs. */
export function factorsText(q: ReportQuote): string {
  const f = q.factors;
  const r = `${f.reliability.toFixed(2)}${f.grade ? ` (grade ${f.grade})` : ' (ungraded)'}`;
  return `w ${f.weight.toFixed(2)} × c ${f.confidence.toFixed(2)} × r ${r} × decay ${f.decay.toFixed(3)} = ${q.contribution.toFixed(2)}`;
}

/** The line above a quote (after its code's name) and the line that shows what it counts, in every brief. */
export function quoteFacts(q: ReportQuote): { headline: string; counts: string } {
  const grouped = q.eventId === null ? '' : ` · grouped: one event of ${q.eventSize} reports, counted once`;
  return {
    headline: ` · ${q.sourceCode}→${q.targetCode} · weight ${fmt(q.weight, 1)} · confidence ${fmt(q.confidence)} · event ${q.eventDate}${q.analyst ? ` · coded by ${q.analyst}` : ''}`,
    counts: `Counts ${factorsText(q)} on ${q.today}${grouped}`,
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

/** "rising", "falling" or "steady" with the change in M over the trend window. */
export function trendText(d: ReportData): string {
  const now = d.current.combined.M;
  const before = d.previous.M;
  if (now === null) return 'no tagged event weighs yet';
  if (before === null) return `first events since ${d.previous.date}`;
  const delta = now - before;
  const word = Math.abs(delta) < 0.25 ? 'steady' : delta > 0 ? 'rising' : 'falling';
  return `${word} (${delta >= 0 ? '+' : ''}${delta.toFixed(2)} since ${d.previous.date})`;
}

/** Quotes in the brief's order, with a heading per group. */
export function groupedQuotes(d: ReportData): { heading: string; quotes: ReportQuote[] }[] {
  const groups = new Map<string, ReportQuote[]>();
  const keyOf = (q: ReportQuote) => (d.groupBy === 'code' ? q.codeName : q.eventDate.slice(0, 7));
  const sorted =
    d.groupBy === 'code'
      ? [...d.quotes].sort((x, y) => {
          const ox = d.codes.findIndex((c) => c.id === x.codeId);
          const oy = d.codes.findIndex((c) => c.id === y.codeId);
          return ox - oy || x.eventDate.localeCompare(y.eventDate) || x.id - y.id;
        })
      : d.quotes;
  for (const q of sorted) {
    const k = keyOf(q);
    const group = groups.get(k);
    if (group) group.push(q);
    else groups.set(k, [q]);
  }
  return [...groups].map(([heading, quotes]) => ({ heading, quotes }));
}

/** Weekly samples of the series (every 7th day, ending at the end of the period) for tables. */
export function weeklyPoints(d: ReportData): { date: string; M: number | null; R: number; A: number }[] {
  const out: { date: string; M: number | null; R: number; A: number }[] = [];
  const n = d.series.combined.R.length;
  for (let i = n - 1; i >= 0; i -= 7) {
    out.push({
      date: dayToIso(d.series.fromDay + i),
      M: d.series.combined.M[i] ?? null,
      R: d.series.combined.R[i] ?? 0,
      A: d.series.combined.A[i] ?? 0,
    });
  }
  return out.reverse();
}
