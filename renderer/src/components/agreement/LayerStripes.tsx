import { useMemo, type RefObject } from 'react';
import { layerLabel } from '../../../../shared/agreement/layers';
import type { Annotation } from '../../../../shared/api/schemas';
import type { TextIndex } from '../../highlight/textIndex';
import { useActors, useCodebook } from '../../state/queries';
import { useUi } from '../../state/ui';
import { useLayers } from '../../state/agreementQueries';
import { layerColor, useLayerUi } from './layerState';
import { useLayerStripes } from './useLayerStripes';

/** Width of the gutter the text makes room for (agreement.css pads the text by as much). */
const GUTTER_PX = 36;
const MAX_STRIPE_PX = 10;

/**
 * Several coders' layers side by side (issue 16): a column of stripes per
 * layer ticked under "Stripes" in the layer bar, each passage a stripe in its
 * layer's colour beside the lines it covers, capped in its code's colour. The text itself stays painted
 * with the layer shown. A stripe is a button: it shows that layer and opens
 * the passage.
 */
export function LayerStripes({
  bodyRef,
  index,
  annotations,
}: {
  bodyRef: RefObject<HTMLElement | null>;
  index: TextIndex | null;
  annotations: readonly Annotation[];
}) {
  const striped = useLayerUi((s) => s.striped);
  const show = useLayerUi((s) => s.show);
  const selectAnnotation = useUi((s) => s.selectAnnotation);
  const layers = useLayers();
  const codes = useCodebook();
  const actors = useActors();
  // Memoized: the stripes are measured again whenever this list is a new one.
  const live = useMemo(() => striped.filter((k) => layers.data?.some((l) => l.key === k)), [striped, layers.data]);
  const { stripes, box } = useLayerStripes(bodyRef, index, annotations, live);
  if (!box || live.length === 0) return null;
  const keys = (layers.data ?? []).map((l) => l.key);
  const labelOf = (key: string) => layers.data?.find((l) => l.key === key)?.label ?? layerLabel(key, '');
  const column = Math.min(MAX_STRIPE_PX + 2, Math.floor((GUTTER_PX - 4) / live.length));
  const code = (id: number) => codes.data?.find((c) => c.id === id);
  const actorCode = (id: number) => actors.data?.find((x) => x.id === id)?.code ?? '?';
  return (
    <div
      className="layer-stripes"
      role="group"
      aria-label={`Layers side by side: ${live.map(labelOf).join(', ')}`}
      style={{ top: box.top, left: box.left, height: box.height, width: GUTTER_PX }}
    >
      {stripes.map((s) => {
        const a = s.annotation;
        const label = `${labelOf(s.layer)}: ${code(a.codeId)?.name ?? 'code'}, ${actorCode(a.sourceActorId)}→${actorCode(a.targetActorId)}, “${a.exact.slice(0, 60)}”`;
        return (
          <button
            key={a.id}
            type="button"
            className="layer-stripe"
            data-layer={s.layer}
            aria-label={label}
            title={label}
            style={{
              top: s.top,
              height: s.height,
              left: s.column * column + (s.lane * (column - 2)) / s.lanes,
              width: (column - 2) / s.lanes - (s.lanes > 1 ? 1 : 0),
              background: layerColor(s.layer, keys),
              // The cap in the code's colour shows at a glance where two coders chose different codes.
              borderTopColor: code(a.codeId)?.color ?? 'transparent',
            }}
            onClick={() => {
              show(s.layer);
              selectAnnotation(a.id);
            }}
          />
        );
      })}
    </div>
  );
}
