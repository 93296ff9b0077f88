/**
 * Adjudication: walks the disagreements between two coder layers of the same
 * articles and settles each into the consensus layer, one undoable change per
 * decision. The first decision in an article also copies what the two layers
 * agree on into the consensus and takes the analyst's own passages of that
 * article out of the default score, which from then on reads the consensus
 * there (docs/agreement.md).
 */
import type { Disagreement } from '../../shared/api/agreement';
import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Annotation } from '../../shared/api/schemas';
import { CONSENSUS_LAYER, type LayerKey } from '../../shared/agreement/layers';
import { firstPassage, matchPassages, type CodedPassage, type Match } from '../../shared/agreement/matching';
import { present } from '../../shared/domain/present';
import * as repo from '../db/annotations';
import { getArticle } from '../db/articles';
import { getActor } from '../db/actors';
import { getCode, listCodes } from '../db/codebook';
import type { Db } from '../db/connection';
import {
  articlesCodedByLayers,
  insertAdjudication,
  listAdjudicationPairs,
  isAdjudicated,
  listLayerPassages,
  markAdjudicated,
  ownPassageIds,
  requireLayer,
  setLayer,
  setScored,
  type LayerPassageRow,
} from '../db/layers';
import { clip } from './annotations';
import type { AppContext } from './context';
import { rootKeys } from './scoreItems';
import { recordUndoable, type ChangeRecorder } from './undo';

interface Row extends CodedPassage {
  row: LayerPassageRow;
}

function settledPairs(db: Db, articleId: number): Set<string> {
  return new Set(listAdjudicationPairs(db, articleId).map((r) => `${r.a ?? ''}:${r.b ?? ''}`));
}

const pairKey = (a: { id: number } | null, b: { id: number } | null) => `${a?.id ?? ''}:${b?.id ?? ''}`;

function articleMatches(db: Db, articleId: number, layerA: LayerKey, layerB: LayerKey, roots: Map<number, string>): Match<Row>[] {
  const rows = (key: LayerKey): Row[] =>
    listLayerPassages(db, key, [articleId]).map((r) => ({
      id: r.id,
      start: r.start,
      end: r.end,
      code: roots.get(r.codeId) ?? String(r.codeId),
      source: String(r.sourceActorId),
      target: String(r.targetActorId),
      row: r,
    }));
  return matchPassages(rows(layerA), rows(layerB));
}

function checkLayers(layerA: LayerKey, layerB: LayerKey): void {
  requireLayer(layerA);
  requireLayer(layerB);
  if (layerA === layerB || layerA === CONSENSUS_LAYER || layerB === CONSENSUS_LAYER) {
    throw new ApiError('BAD_INPUT', 'Adjudication compares two different coders’ layers (not the consensus itself).');
  }
}

export function listAdjudication(ctx: AppContext, input: OpParsedInput<'adjudication:list'>): OpOutput<'adjudication:list'> {
  const { db } = ctx.workspace;
  checkLayers(input.layerA, input.layerB);
  const roots = rootKeys(db);
  const codeName = new Map(listCodes(db).map((c) => [c.id, c.name]));
  const side = (p: Row | null): Disagreement['a'] =>
    p && {
      id: p.id,
      start: p.start,
      end: p.end,
      exact: p.row.exact,
      codeId: p.row.codeId,
      codeName: codeName.get(p.row.codeId) ?? '',
      sourceActorId: p.row.sourceActorId,
      targetActorId: p.row.targetActorId,
    };
  const items: Disagreement[] = [];
  let settled = 0;
  for (const articleId of input.articleIds ?? articlesCodedByLayers(db, [input.layerA, input.layerB])) {
    const article = getArticle(db, articleId);
    if (!article) throw new ApiError('NOT_FOUND', `There is no article with id ${articleId}.`);
    const done = settledPairs(db, articleId);
    for (const m of articleMatches(db, articleId, input.layerA, input.layerB, roots)) {
      if (m.kind === 'agree') continue;
      if (done.has(pairKey(m.a, m.b))) {
        settled++;
        continue;
      }
      items.push({ articleId, articleTitle: article.title, kind: m.kind, a: side(m.a), b: side(m.b) });
    }
  }
  return { items, settled };
}

/** A passage the matching has just read from this workspace. */
const annotationOf = (db: Db, id: number): Annotation => present(repo.getAnnotation(db, id), `annotation ${id}`);

/** Copies a passage into the consensus (optionally with another code or direction); returns the new id. */
function copyToConsensus(
  db: Db,
  rec: ChangeRecorder,
  source: Annotation,
  nowMs: number,
  patch?: { codeId: number; sourceActorId: number; targetActorId: number },
): number {
  const row: repo.NewAnnotation = {
    articleId: source.articleId,
    codeId: patch?.codeId ?? source.codeId,
    sourceActorId: patch?.sourceActorId ?? source.sourceActorId,
    targetActorId: patch?.targetActorId ?? source.targetActorId,
    start: source.start,
    end: source.end,
    exact: source.exact,
    prefix: source.prefix,
    suffix: source.suffix,
    confidence: source.confidence,
    eventDate: source.eventDate,
    note: source.note,
  };
  if (!getCode(db, row.codeId)) throw new ApiError('NOT_FOUND', `There is no code with id ${row.codeId}. Pick a code from the list.`);
  for (const id of [row.sourceActorId, row.targetActorId]) {
    if (!getActor(db, id)) throw new ApiError('NOT_FOUND', `There is no actor with id ${id}. Pick an actor from the list.`);
  }
  if (row.sourceActorId === row.targetActorId) throw new ApiError('BAD_INPUT', 'The source and the target are the same actor.');
  const id = repo.insertAnnotation(db, row, nowMs);
  setLayer(db, id, CONSENSUS_LAYER, true);
  rec.created('annotations', 'annotation', id);
  return id;
}

function recordDecision(db: Db, rec: ChangeRecorder, articleId: number, a: number | null, b: number | null, decision: string, nowMs: number): void {
  rec.created('adjudications', 'adjudication', insertAdjudication(db, { articleId, a, b, decision }, nowMs));
}

/**
 * Starts an article's consensus (once): marks it adjudicated, takes the
 * analyst's own passages there out of the default score, and copies what both
 * coders agree on into the consensus. Returns whether it started now.
 */
function beginConsensus(db: Db, rec: ChangeRecorder, articleId: number, matches: readonly Match<Row>[], nowMs: number, ids: number[]): boolean {
  const markedId = markAdjudicated(db, articleId, nowMs);
  if (markedId === null) return false;
  rec.created('adjudicated_articles', 'adjudicated article', markedId);
  for (const id of ownPassageIds(db, articleId)) {
    rec.willChange('annotations', 'annotation', id);
    setScored(db, id, false);
  }
  for (const m of matches) {
    if (m.kind !== 'agree') continue;
    ids.push(copyToConsensus(db, rec, annotationOf(db, m.a.id), nowMs));
    recordDecision(db, rec, articleId, m.a.id, m.b.id, 'agreed', nowMs);
  }
  return true;
}

const LABELS = { 'take-a': 'take A', 'take-b': 'take B', both: 'keep both', neither: 'keep neither', edit: 'edit' } as const;

export function settleDisagreement(ctx: AppContext, input: OpParsedInput<'adjudication:settle'>): OpOutput<'adjudication:settle'> {
  const { db } = ctx.workspace;
  checkLayers(input.layerA, input.layerB);
  const { articleId, aId, bId, decision } = input;
  if (aId === null && bId === null) throw new ApiError('BAD_INPUT', 'Name the passage of A, of B, or both, to settle.');
  const needs = { 'take-a': aId, 'take-b': bId, both: aId !== null && bId !== null ? aId : null, neither: aId ?? bId, edit: aId ?? bId };
  if (needs[decision] === null) throw new ApiError('BAD_INPUT', `“${LABELS[decision]}” needs the passage it keeps; this disagreement has none there.`);
  if (decision === 'edit' && !input.edit) throw new ApiError('BAD_INPUT', 'An edit needs the code and the direction to keep.');
  const roots = rootKeys(db);
  const matches = articleMatches(db, articleId, input.layerA, input.layerB, roots);
  const match = matches.find((m) => (m.a?.id ?? null) === aId && (m.b?.id ?? null) === bId);
  if (!match || match.kind === 'agree') {
    throw new ApiError('NOT_FOUND', 'That disagreement is not among this article’s (the passages may have changed). Open the list again.');
  }
  if (settledPairs(db, articleId).has(pairKey(match.a, match.b))) {
    throw new ApiError('CONFLICT', 'This disagreement is already settled. Undo that decision to settle it again.');
  }
  const quote = clip(firstPassage(match).row.exact);
  let adjudicatedNow = false;
  const created = recordUndoable(ctx, `Settle “${quote}”: ${LABELS[decision]}`, (rec) => {
    const nowMs = ctx.now().getTime();
    const ids: number[] = [];
    adjudicatedNow = beginConsensus(db, rec, articleId, matches, nowMs, ids);
    // Articles the two coders agree on throughout have nothing to walk through: their consensus starts with this decision too.
    for (const other of articlesCodedByLayers(db, [input.layerA, input.layerB])) {
      if (other === articleId || isAdjudicated(db, other)) continue;
      const theirs = articleMatches(db, other, input.layerA, input.layerB, roots);
      if (theirs.length > 0 && theirs.every((m) => m.kind === 'agree')) beginConsensus(db, rec, other, theirs, nowMs, ids);
    }
    const a = aId === null ? null : annotationOf(db, aId);
    const b = bId === null ? null : annotationOf(db, bId);
    if ((decision === 'take-a' || decision === 'both') && a) ids.push(copyToConsensus(db, rec, a, nowMs));
    if ((decision === 'take-b' || decision === 'both') && b) ids.push(copyToConsensus(db, rec, b, nowMs));
    if (decision === 'edit' && input.edit) {
      const from = input.edit.from === 'a' ? a : b;
      if (!from) throw new ApiError('BAD_INPUT', `There is no passage of ${input.edit.from.toUpperCase()} to edit here.`);
      ids.push(copyToConsensus(db, rec, from, nowMs, input.edit));
    }
    recordDecision(db, rec, articleId, aId, bId, decision, nowMs);
    return ids;
  });
  return { created, articleAdjudicated: adjudicatedNow };
}
