/**
 * The agreement report between coder layers (docs/agreement.md): the
 * coefficients of shared/agreement over the chosen articles, and the score's
 * sensitivity — each layer's M over the period, the consensus's, and the
 * largest difference between two of them.
 */
import type { AgreementReport, Layer } from '../../shared/api/agreement';
import type { OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { present } from '../../shared/domain/present';
import type { Relationship } from '../../shared/api/schemas';
import { CONSENSUS_LAYER, layerLabel, OWN_LAYER, type LayerKey } from '../../shared/agreement/layers';
import { agreementFigures, type ReportPassage } from '../../shared/agreement/report';
import { dayToIso, isoToDay, localToday } from '../../shared/domain/dates';
import { dailySeries, type ScoreEvent } from '../../shared/scoring/score';
import { listActors, listRelationships } from '../db/actors';
import { getArticle } from '../db/articles';
import { listCodes } from '../db/codebook';
import type { Db } from '../db/connection';
import { workspaceAnalyst } from '../db/settings';
import { articlesCodedByLayers, listAdjudicated, listLayerPassages, listLayerSummaries, requireLayer, type LayerPassageRow } from '../db/layers';
import type { AppContext } from './context';
import { csvFile } from './report/csv';
import { rootKeys } from './scoreItems';

export function listLayers(db: Db): Layer[] {
  const own = workspaceAnalyst(db);
  const rows = listLayerSummaries(db);
  if (!rows.some((r) => r.key === OWN_LAYER)) rows.unshift({ key: OWN_LAYER, passages: 0, articles: 0 });
  return rows.map((r) => ({ ...r, label: layerLabel(r.key, own) }));
}

type Input = OpParsedInput<'agreement:report'>;

function chooseLayers(db: Db, input: Input): LayerKey[] {
  const keys = input.layers ?? listLayers(db).filter((l) => l.key !== CONSENSUS_LAYER && l.passages > 0).map((l) => l.key);
  if (input.layers === undefined && !keys.includes(OWN_LAYER)) keys.unshift(OWN_LAYER);
  keys.forEach(requireLayer);
  if (new Set(keys).size !== keys.length) throw new ApiError('BAD_INPUT', 'A layer is named twice. Name each coder layer once.');
  if (keys.length < 2) {
    throw new ApiError('BAD_INPUT', "Agreement needs two coder layers. Merge a colleague's coding package first, then compare.");
  }
  return keys;
}

function chooseArticles(db: Db, input: Input, layers: readonly LayerKey[]): number[] {
  if (input.articleIds) {
    for (const id of input.articleIds) if (!getArticle(db, id)) throw new ApiError('NOT_FOUND', `There is no article with id ${id}.`);
    return [...new Set(input.articleIds)].sort((a, b) => a - b);
  }
  const ids = articlesCodedByLayers(db, layers);
  if (ids.length === 0) throw new ApiError('NOT_FOUND', 'No article has been coded in these layers yet: there is nothing to compare.');
  return ids;
}

export function agreementReport(ctx: AppContext, input: Input): AgreementReport {
  const { db } = ctx.workspace;
  const keys = chooseLayers(db, input);
  const articleIds = chooseArticles(db, input, keys);
  const roots = rootKeys(db);
  const codes = listCodes(db);
  const actorCode = new Map(listActors(db).map((a) => [a.id, a.code]));
  const rowsByLayer = keys.map((k) => listLayerPassages(db, k, articleIds));
  const passages: ReportPassage[] = rowsByLayer.flatMap((rows, layer) =>
    rows.map((r) => ({
      id: r.id,
      layer,
      textId: r.articleId,
      start: r.start,
      end: r.end,
      code: roots.get(r.codeId) ?? String(r.codeId),
      source: actorCode.get(r.sourceActorId) ?? String(r.sourceActorId),
      target: actorCode.get(r.targetActorId) ?? String(r.targetActorId),
    })),
  );
  const texts = articleIds.map((id) => ({ id, text: present(getArticle(db, id), `article ${id}`).text }));
  const figures = agreementFigures(texts, keys.length, passages, input.unit);
  const all = new Map(listLayers(db).map((l) => [l.key, l]));
  const own = workspaceAnalyst(db);
  const codeName = new Map(codes.filter((c) => c.parentId === null).map((c) => [c.key, c.name]));
  return {
    ...figures,
    layers: keys.map((k) => all.get(k) ?? { key: k, label: layerLabel(k, own), passages: 0, articles: 0 }),
    articleIds,
    codes: figures.codes.map((c) => ({ ...c, name: codeName.get(c.code) ?? c.code })),
    sensitivity: sensitivity(ctx, input, keys, rowsByLayer, articleIds),
  };
}

function pickRelationship(db: Db, id: number | undefined): Relationship | null {
  const rels = listRelationships(db);
  if (id === undefined) return rels[0] ?? null;
  const rel = rels.find((r) => r.id === id);
  if (!rel) throw new ApiError('NOT_FOUND', `There is no relationship with id ${id}.`);
  return rel;
}

/**
 * A layer's scored items for one relationship, as the main score counts them
 * (main/services/scoreItems.ts): an ungrouped passage on its own; the passages
 * of one event once, with the event's code weight, date and direction and the
 * best confidence × reliability among the layer's passages of it.
 */
export function layerScoreEvents(rows: readonly LayerPassageRow[], rel: Relationship): ScoreEvent[] {
  const a = rel.actorA.id;
  const b = rel.actorB.id;
  const inRel = (src: number, tgt: number) => (src === a && tgt === b) || (src === b && tgt === a);
  const items: ScoreEvent[] = [];
  const events = new Map<number, { event: ScoreEvent; weight: number; credibility: number }>();
  for (const r of rows) {
    const credibility = r.confidence * r.reliability;
    if (r.eventId === null || r.evDate === null || r.evSourceActorId === null || r.evTargetActorId === null || r.evWeight === null) {
      if (inRel(r.sourceActorId, r.targetActorId))
        items.push({ day: isoToDay(r.eventDate), direction: r.sourceActorId === a ? 'ab' : 'ba', s: r.weight * credibility });
      continue;
    }
    if (!inRel(r.evSourceActorId, r.evTargetActorId)) continue;
    const seen = events.get(r.eventId);
    if (!seen) {
      const event: ScoreEvent = { day: isoToDay(r.evDate), direction: r.evSourceActorId === a ? 'ab' : 'ba', s: r.evWeight * credibility };
      events.set(r.eventId, { event, weight: r.evWeight, credibility });
      items.push(event);
    } else if (credibility > seen.credibility) {
      seen.credibility = credibility;
      seen.event.s = seen.weight * credibility;
    }
  }
  return items;
}

/**
 * Each layer's series over the compared articles, with event grouping as the
 * main score has it (an event counts once in each layer that has passages of
 * it), and the consensus as the default score reads it there: the consensus in
 * adjudicated articles, the analyst's own elsewhere.
 */
function sensitivity(
  ctx: AppContext,
  input: Input,
  keys: readonly LayerKey[],
  rowsByLayer: readonly LayerPassageRow[][],
  articleIds: readonly number[],
): AgreementReport['sensitivity'] {
  const { db } = ctx.workspace;
  const rel = pickRelationship(db, input.relationshipId);
  if (!rel) return null;
  const own = workspaceAnalyst(db);
  const named = keys.map((key, i) => ({ key, label: layerLabel(key, own), events: layerScoreEvents(rowsByLayer[i] ?? [], rel) }));
  const adjudicated = new Set(listAdjudicated(db));
  if (articleIds.some((id) => adjudicated.has(id))) {
    const consensus = listLayerPassages(db, CONSENSUS_LAYER, articleIds);
    const ownRows = listLayerPassages(db, OWN_LAYER, articleIds.filter((id) => !adjudicated.has(id)));
    named.push({ key: CONSENSUS_LAYER, label: 'Consensus', events: layerScoreEvents([...consensus, ...ownRows], rel) });
  }
  const days = named.flatMap((n) => n.events.map((e) => e.day));
  if (days.length === 0) return null;
  const fromDay = Math.min(...days);
  // Past the last passage to today (at most half a year), so that the decay after it shows too.
  const lastDay = Math.max(...days);
  const toDay = Math.max(lastDay, Math.min(localToday(ctx.now()), lastDay + 180));
  const series = named.map((n) => ({
    key: n.key,
    label: n.label,
    M: dailySeries(n.events, { fromDay, toDay, halfLifeDays: input.halfLifeDays }).combined.M,
  }));
  let largest: NonNullable<AgreementReport['sensitivity']>['largest'] = null;
  for (const [i, x] of series.entries()) {
    for (const y of series.slice(i + 1)) {
      x.M.forEach((m, d) => {
        const other = y.M[d];
        if (m === null || other === null || other === undefined) return;
        const difference = Math.abs(m - other);
        if (!largest || difference > largest.difference) {
          largest = { difference, date: dayToIso(fromDay + d), a: x.key, b: y.key };
        }
      });
    }
  }
  return { relationshipId: rel.id, label: rel.label, fromDate: dayToIso(fromDay), toDate: dayToIso(toDay), series, largest };
}

const fmt = (x: number | null) => (x === null ? '' : Number(x.toFixed(4)));

/** The report as CSV: one row per code and one overall, then the sensitivity's largest difference. */
export function agreementCsv(ctx: AppContext, input: Input): { fileName: string; mimeType: string; content: string } {
  const r = agreementReport(ctx, input);
  const layerNames = r.layers.map((l) => l.label).join(' / ');
  const header = ['code', 'unit', 'layers', 'articles', 'percent_agreement', 'cohen_kappa', 'krippendorff_alpha', 'unitizing_alpha', 'passages'];
  const rows: (string | number | null)[][] = [
    ['(all codes)', r.unit, layerNames, r.articleIds.length, fmt(r.percentAgreement), fmt(r.kappa), fmt(r.alpha), fmt(r.alphaU), r.codes.reduce((s, c) => s + c.passages.reduce((x, y) => x + y, 0), 0)],
    ...r.codes.map((c) => [c.name, r.unit, layerNames, r.articleIds.length, fmt(c.percentAgreement), fmt(c.kappa), fmt(c.alpha), fmt(c.cuAlpha), c.passages.join(' / ')]),
    ['(direction)', 'matched passages', layerNames, r.articleIds.length, fmt(r.direction.percent), '', fmt(r.direction.alpha), '', r.direction.pairs],
  ];
  if (r.sensitivity?.largest) {
    const l = r.sensitivity.largest;
    rows.push(['(score M, largest difference)', l.date, `${l.a} vs ${l.b}`, r.articleIds.length, '', '', '', '', fmt(l.difference)]);
  }
  return { fileName: `agreement-${r.unit}.csv`, mimeType: 'text/csv;charset=utf-8', content: csvFile(header, rows) };
}

/**
 * The brief's agreement section: the default report (every colleague's layer
 * against the analyst's own, by sentence), or null while there is no second
 * layer to compare with.
 */
export function briefAgreement(ctx: AppContext, relationshipId: number, halfLifeDays: number): AgreementReport | null {
  const layers = listLayers(ctx.workspace.db);
  if (!layers.some((l) => l.key.startsWith('coder:') && l.passages > 0)) return null;
  try {
    return agreementReport(ctx, { unit: 'sentence', relationshipId, halfLifeDays });
  } catch (err) {
    // No article coded in two layers yet: the brief says nothing about agreement rather than fail.
    if (err instanceof ApiError) return null;
    throw err;
  }
}
