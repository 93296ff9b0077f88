/**
 * Agreement on direction (source → target) for passages both coders tagged:
 * the share of matched pairs with the same source and target, and
 * Krippendorff's α (nominal) over the direction labels, so that agreement
 * expected by chance (most passages run USA→IND, say) is discounted.
 * Pure: no Node, no DOM.
 */
import { krippendorffAlpha } from './alpha';

export interface Direction {
  source: string;
  target: string;
}

export interface DirectionPair {
  a: Direction;
  b: Direction;
}

export interface DirectionAgreement {
  pairs: number;
  agreed: number;
  /** Share of pairs with the same source and target; null with no pairs. */
  percent: number | null;
  alpha: number | null;
}

function label(d: Direction): string {
  // JSON keeps actor names with arrows or spaces apart.
  return JSON.stringify([d.source, d.target]);
}

export function directionAgreement(pairs: readonly DirectionPair[]): DirectionAgreement {
  const agreed = pairs.filter((p) => p.a.source === p.b.source && p.a.target === p.b.target).length;
  const alpha = pairs.length > 0 ? krippendorffAlpha([pairs.map((p) => label(p.a)), pairs.map((p) => label(p.b))], 'nominal').alpha : null;
  return { pairs: pairs.length, agreed, percent: pairs.length > 0 ? agreed / pairs.length : null, alpha };
}
