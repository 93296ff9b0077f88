/**
 * Which coder layer an incoming passage goes into, and the adjudicated state
 * an exchange file carries back (issue 16; see qdpxLayers.ts for what the
 * file says).
 */
import { CONSENSUS_LAYER, coderLayer, OWN_LAYER, type LayerKey } from '../../../shared/agreement/layers';
import type { Db } from '../../db/connection';
import { markAdjudicated, ownPassageIds, recordLayerArticle, scoreAdjudicatedConsensus, unscoreOwnPassages } from '../../db/layers';
import type { ChangeRecorder } from '../undo';
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
 * Each row is declared to the merge's change set, so undoing the merge undoes these too.
 */
export function settleMergedLayers(
  db: Db,
  rec: ChangeRecorder,
  adjudicatedArticleIds: Iterable<number>,
  added: readonly number[],
  nowMs: number,
): void {
  for (const articleId of adjudicatedArticleIds) {
    const marked = markAdjudicated(db, articleId, nowMs);
    if (marked !== null) rec.created('adjudicated_articles', 'adjudicated article', marked);
    for (const id of ownPassageIds(db, articleId)) rec.willChange('annotations', 'annotation', id);
    unscoreOwnPassages(db, articleId);
  }
  for (const id of added) rec.willChange('annotations', 'annotation', id);
  scoreAdjudicatedConsensus(db, added);
}

/** Records the articles a colleague's returned workspace held (those this workspace has too) as given to them to code. */
export function recordGivenArticles(db: Db, rec: ChangeRecorder, coder: string, articleIds: Iterable<number>): void {
  for (const articleId of articleIds) {
    const id = recordLayerArticle(db, coder, articleId);
    if (id !== null) rec.created('layer_articles', 'layer article', id);
  }
}
