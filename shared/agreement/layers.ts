/**
 * Coder layers as the API names them. Every passage belongs to one: the
 * workspace analyst's own ('own'), a colleague's ('coder:<name>'), or the
 * consensus that adjudication settled ('consensus'). Pure: no Node, no DOM.
 */

export type LayerKey = string;

export const OWN_LAYER: LayerKey = 'own';
export const CONSENSUS_LAYER: LayerKey = 'consensus';

export function coderLayer(name: string): LayerKey {
  return `coder:${name}`;
}

/** The stored columns of a layer: `coder` ('' for the analyst's own and the consensus) and `consensus`. */
export interface LayerColumns {
  coder: string;
  consensus: 0 | 1;
}

export function layerColumns(key: LayerKey): LayerColumns | null {
  if (key === OWN_LAYER) return { coder: '', consensus: 0 };
  if (key === CONSENSUS_LAYER) return { coder: '', consensus: 1 };
  if (key.startsWith('coder:') && key.length > 'coder:'.length) return { coder: key.slice('coder:'.length), consensus: 0 };
  return null;
}

export function layerKey(coder: string, consensus: number): LayerKey {
  if (consensus === 1) return CONSENSUS_LAYER;
  return coder === '' ? OWN_LAYER : coderLayer(coder);
}

/** What the analyst reads: "Consensus", the workspace analyst's name (or "You"), or the colleague's name. */
export function layerLabel(key: LayerKey, ownName: string): string {
  if (key === CONSENSUS_LAYER) return 'Consensus';
  if (key === OWN_LAYER) return ownName === '' ? 'You' : ownName;
  return layerColumns(key)?.coder ?? key;
}
