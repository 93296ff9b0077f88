/**
 * Coder layers in a REFI-QDA project (issue 16): every layer's passages of the
 * selection, each coding created by its coder's User, so that another tool can
 * recompute agreement and Parley can read the layers back. QDA-XML knows
 * users, not layers: what only Parley needs rides in the selection's
 * bracketed description line (`layer=coder` for a colleague's passage,
 * `layer=consensus` for the consensus, created by the User "Consensus") and in
 * the source's (`adjudicated=1` where the consensus replaces the analyst's own
 * coding in the score).
 */
import { CONSENSUS_LAYER, layerColumns, OWN_LAYER, type LayerKey } from '../../../shared/agreement/layers';
import type { Db } from '../../db/connection';
import { originAnalysts } from '../../db/mergeConflicts';
import { workspaceAnalyst } from '../../db/settings';
import { layersOf } from '../../db/layers';
import type { ReportData } from '../report/data';

export const CONSENSUS_USER = 'Consensus';
const UNNAMED_USER = 'Parley analyst';

/** One selection to write: a passage the score reads or one of another layer. */
export interface LayeredQuote {
  id: number;
  articleId: number;
  codeKey: string;
  sourceCode: string;
  targetCode: string;
  eventId: number | null;
  layer: LayerKey;
  /** The User whose coding it is. */
  user: string;
}

/** What the selection's description line adds for its layer (nothing for the analyst's own). */
export function layerMeta(layer: LayerKey): Record<string, string> {
  if (layer === CONSENSUS_LAYER) return { layer: 'consensus' };
  if (layer !== OWN_LAYER) return { layer: 'coder' };
  return {};
}

/** The passages the score reads, then every other layer's passages of the selection, by article. */
export function layeredQuotes(d: ReportData, db: Db): LayeredQuote[] {
  const layers = layersOf(
    db,
    d.quotes.map((q) => q.id),
  );
  const origins = originAnalysts(db);
  const own = workspaceAnalyst(db) || d.analyst;
  const userOf = (layer: LayerKey, analyst: string) =>
    layer === CONSENSUS_LAYER ? CONSENSUS_USER : layer === OWN_LAYER ? analyst || UNNAMED_USER : (layerColumns(layer)?.coder ?? analyst);
  const code = (actorId: number) => (actorId === d.relationship.actorA.id ? d.relationship.actorA.code : d.relationship.actorB.code);
  const scored = d.quotes.map((q) => {
    const layer = layers.get(q.id) ?? OWN_LAYER;
    return { ...q, layer, user: userOf(layer, q.analyst) };
  });
  const others = d.unscored.map((r) => ({
    id: r.id,
    articleId: r.articleId,
    codeKey: r.codeKey,
    sourceCode: code(r.sourceActorId),
    targetCode: code(r.targetActorId),
    eventId: r.eventId,
    layer: r.layer,
    user: userOf(r.layer, origins.get(r.id) ?? own),
  }));
  return [...scored, ...others];
}
