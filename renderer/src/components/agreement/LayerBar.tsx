import { useLayers } from '../../state/agreementQueries';
import { layerColor, useLayerUi } from './layerState';

/**
 * Picks the coder layer the reader paints, and the layers shown side by side
 * as stripes beside the text (each ticked one a column in its colour, which the
 * tick's swatch shows). Only there once a second layer exists.
 */
export function LayerBar() {
  const layers = useLayers();
  const shown = useLayerUi((s) => s.shown);
  const show = useLayerUi((s) => s.show);
  const striped = useLayerUi((s) => s.striped);
  const toggleStripes = useLayerUi((s) => s.toggleStripes);
  const list = layers.data ?? [];
  if (list.length < 2) return null;
  const keys = list.map((l) => l.key);
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
      <fieldset className="layer-stripe-picks">
        <legend>Stripes</legend>
        {list.map((l) => (
          <label key={l.key} className="inline">
            <input
              type="checkbox"
              checked={striped.includes(l.key)}
              onChange={() => toggleStripes(l.key)}
              aria-label={`Stripes of ${l.label}`}
            />
            <span className="layer-swatch" style={{ background: layerColor(l.key, keys) }} aria-hidden="true" />
            {l.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
