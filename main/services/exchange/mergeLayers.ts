/**
 * Which coder layer an incoming passage goes into, and the adjudicated state
 * an exchange file carries back (issue 16; see qdpxLayers.ts for what the
 * file says).
 */
import { CONSENSUS_LAYER, coderLayer, OWN_LAYER, type LayerKey } from '../../../shared/agreement/layers';
import { logChange } from '../../db/changeLog';
import type { Db } from '../../db/connection';
import { markAdjudicated, recordLayerArticle, scoreAdjudicatedConsensus, unscoreOwnPassages } from '../../db/layers';
import type { BundleAnnotation } from './bundle';

/**
 * A named colleague's coding comes in as their layer, never into the analyst's
 * own; so does a passage the file marks as a colleague's, even into an unnamed
 * workspace (a fresh one an export is read back into). The consensus stays the
 * consensus. Anything else — one's own coding, or any coding into an unnamed
 * workspace — is the analyst's own.
 */
export function incomingLayer(a: Pick<BundleAnnotation, 'layerHint'>, theirAnalyst: string, ownAnalyst: string): LayerKey {
  if (a.layerHint === 'consensus') return CONSENSUS_LAYER;
  if (theirAnalyst !== '' && theirAnalyst !== ownAnalyst && (ownAnalyst !== '' || a.layerHint === 'coder')) return coderLayer(theirAnalyst);
  return OWN_LAYER;
}

/**
 * After a merge: the articles the file marks adjudicated are adjudicated here
 * too (the consensus replaces the analyst's own passages in the score), and
 * the consensus passages added into an adjudicated article count in the score.
 * Each change is logged like the rest of the merge.
 */
export function settleMergedLayers(
  db: Db,
  adjudicatedArticleIds: Iterable<number>,
  added: readonly number[],
  origin: string,
  nowMs: number,
): void {
  for (const articleId of adjudicatedArticleIds) {
    const marked = markAdjudicated(db, articleId, nowMs);
    if (marked !== null)
      logChange(db, { entity: 'adjudicated article', entityId: marked, action: 'create', after: { articleId, origin }, atMs: nowMs });
    for (const id of unscoreOwnPassages(db, articleId)) logScored(db, id, 0, origin, nowMs);
  }
  for (const id of scoreAdjudicatedConsensus(db, added)) logScored(db, id, 1, origin, nowMs);
}

function logScored(db: Db, id: number, scored: 0 | 1, origin: string, nowMs: number): void {
  logChange(db, {
    entity: 'annotation',
    entityId: id,
    action: 'update',
    before: { scored: 1 - scored },
    after: { scored, origin },
    atMs: nowMs,
  });
}

/** Records the articles a colleague's returned workspace held (those this workspace has too) as given to them to code. */
export function recordGivenArticles(db: Db, coder: string, articleIds: Iterable<number>, origin: string, nowMs: number): void {
  for (const articleId of articleIds) {
    const id = recordLayerArticle(db, coder, articleId);
    if (id !== null)
      logChange(db, { entity: 'layer article', entityId: id, action: 'create', after: { coder, articleId, origin }, atMs: nowMs });
  }
}
