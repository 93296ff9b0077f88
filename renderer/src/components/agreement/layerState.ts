import { create } from 'zustand';
import { CONSENSUS_LAYER, OWN_LAYER, type LayerKey } from '../../../../shared/agreement/layers';
import type { Annotation } from '../../../../shared/api/schemas';

/** Which coder layer the reader paints, and which it shows as stripes beside the text (UI state only; the passages live in the query cache). */
interface LayerUi {
  shown: LayerKey;
  show(key: LayerKey): void;
  /** Layers shown side by side as stripes in the reader's gutter, in the order they were ticked. */
  striped: LayerKey[];
  toggleStripes(key: LayerKey): void;
}

export const useLayerUi = create<LayerUi>((set) => ({
  shown: OWN_LAYER,
  show: (key) => set({ shown: key }),
  striped: [],
  toggleStripes: (key) => set((s) => ({ striped: s.striped.includes(key) ? s.striped.filter((k) => k !== key) : [...s.striped, key] })),
}));

/** Whether the reader paints this passage: it belongs to the layer shown. */
export function inShownLayer(a: Annotation, shown: LayerKey): boolean {
  return (a.layer ?? OWN_LAYER) === shown;
}

// Hues apart from the codebook's defaults (red, green, blue fills), dark enough on white for a 5-pixel stripe.
const LAYER_COLORS = ['#6d28d9', '#c2410c', '#0e7490', '#be185d', '#4d7c0f', '#1e3a8a'];
const CONSENSUS_COLOR = '#374151';

/** A layer's stripe colour: by its place in the layer list, so that it stays the same while the workspace's layers do. */
export function layerColor(key: LayerKey, all: readonly LayerKey[]): string {
  if (key === CONSENSUS_LAYER) return CONSENSUS_COLOR;
  const i = all.filter((k) => k !== CONSENSUS_LAYER).indexOf(key);
  return LAYER_COLORS[(i < 0 ? 0 : i) % LAYER_COLORS.length] ?? CONSENSUS_COLOR;
}
