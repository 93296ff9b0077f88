import { useLayers } from '../../state/agreementQueries';
import { useLayerUi } from './layerState';

/** Picks the coder layer the reader shows; only there once a second layer exists. */
export function LayerBar() {
  const layers = useLayers();
  const shown = useLayerUi((s) => s.shown);
  const show = useLayerUi((s) => s.show);
  const list = layers.data ?? [];
  if (list.length < 2) return null;
  return (
    <div className="layer-bar" role="group" aria-label="Coder layer">
      <label className="inline">
        Layer{' '}
        <select value={shown} onChange={(e) => show(e.target.value)} aria-label="Layer shown">
          {list.map((l) => (
            <option key={l.key} value={l.key}>
              {l.label} ({l.passages})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
