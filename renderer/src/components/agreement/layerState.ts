import { create } from 'zustand';
import { OWN_LAYER, type LayerKey } from '../../../../shared/agreement/layers';
import type { Annotation } from '../../../../shared/api/schemas';

/** Which coder layer the reader shows (UI state only; the passages live in the query cache). */
interface LayerUi {
  shown: LayerKey;
  show(key: LayerKey): void;
}

export const useLayerUi = create<LayerUi>((set) => ({ shown: OWN_LAYER, show: (key) => set({ shown: key }) }));

/** Whether the reader paints this passage: it belongs to the layer shown. */
export function inShownLayer(a: Annotation, shown: LayerKey): boolean {
  return (a.layer ?? OWN_LAYER) === shown;
}
