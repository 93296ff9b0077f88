import { useEffect, useMemo, useState } from 'react';
import type { Disagreement } from '../../../../shared/api/agreement';
import type { OpInput } from '../../../../shared/api/contract';
import { OWN_LAYER } from '../../../../shared/agreement/layers';
import { useAdjudication, useLayers } from '../../state/agreementQueries';
import { useApiMutation } from '../../state/mutation';
import { useActors } from '../../state/queries';
import { ModalDialog } from '../ModalDialog';

type Decision = OpInput<'adjudication:settle'>['decision'];

const KIND_LABEL: Record<Disagreement['kind'], string> = {
  'only-a': 'only A tagged it',
  'only-b': 'only B tagged it',
  'other-code': 'same span, other code',
  'other-direction': 'same span and code, other direction',
  overlap: 'overlapping spans',
};

/** One key per decision, as the hint lists them. */
const KEYS: Record<string, Decision> = { a: 'take-a', b: 'take-b', h: 'both', n: 'neither', e: 'edit' };

/**
 * Walks the disagreements between the analyst's layer (A) and a colleague's
 * (B), one at a time, and settles each into the consensus with one key. Each
 * decision is one undoable change (Ctrl+Z), listed in History.
 */
export function AdjudicationDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const layers = useLayers();
  const actors = useActors();
  const colleagues = (layers.data ?? []).filter((l) => l.key.startsWith('coder:'));
  const [chosen, setChosen] = useState<string | null>(null);
  const layerB = chosen ?? colleagues[0]?.key ?? null;
  const list = useAdjudication(OWN_LAYER, layerB, open);
  const item = list.data?.items[0] ?? null;
  const code = useMemo(() => new Map((actors.data ?? []).map((a) => [a.id, a.code])), [actors.data]);
  const settle = useApiMutation('adjudication:settle', {
    toInput: (decision: Decision) => {
      // The keys that settle are live only while a disagreement is shown.
      if (!item || layerB === null) throw new Error('There is no disagreement to settle.');
      const from: 'a' | 'b' = item.a ? 'a' : 'b';
      const side = item.a ?? item.b;
      if (!side) throw new Error('This disagreement has no passage on either side.');
      // "Edit" keeps the passage with its direction swapped: the usual fix when the code is right.
      const edit = decision === 'edit' ? { from, codeId: side.codeId, sourceActorId: side.targetActorId, targetActorId: side.sourceActorId } : undefined;
      return {
        layerA: OWN_LAYER,
        layerB,
        articleId: item.articleId,
        aId: item.a?.id ?? null,
        bId: item.b?.id ?? null,
        decision,
        ...(edit ? { edit } : {}),
      };
    },
  });

  useEffect(() => {
    if (!open || !item) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || settle.isPending) return;
      const decision = KEYS[e.key.toLowerCase()];
      if (!decision) return;
      if ((decision === 'take-a' && !item.a) || (decision === 'take-b' && !item.b) || (decision === 'both' && !(item.a && item.b))) return;
      e.preventDefault();
      settle.mutate(decision);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, item, settle]);

  const side = (label: string, p: Disagreement['a']) => (
    <div className="adjudication-side" aria-label={`Coder ${label}`}>
      <h4>{label}</h4>
      {p ? (
        <>
          <blockquote>{p.exact}</blockquote>
          <p>
            {p.codeName} · {code.get(p.sourceActorId)}→{code.get(p.targetActorId)} · [{p.start}, {p.end})
          </p>
        </>
      ) : (
        <p className="muted">No passage here.</p>
      )}
    </div>
  );

  return (
    <ModalDialog open={open} onClose={onClose} title="Adjudicate disagreements" className="adjudication-dialog">
      {colleagues.length === 0 ? (
        <p>There is no colleague’s layer to compare with yet. Merge their coding package first.</p>
      ) : (
        <>
          <p>
            <label className="inline">
              A: {(layers.data ?? []).find((l) => l.key === OWN_LAYER)?.label ?? 'You'} · B{' '}
              <select value={layerB ?? ''} onChange={(e) => setChosen(e.target.value)} aria-label="Coder B">
                {colleagues.map((l) => (
                  <option key={l.key} value={l.key}>
                    {l.label}
                  </option>
                ))}
              </select>
            </label>{' '}
            <span data-testid="adjudication-left">
              {list.data ? `${list.data.items.length} to settle, ${list.data.settled} settled` : 'Loading…'}
            </span>
          </p>
          {item ? (
            <section aria-label="Disagreement" data-testid="disagreement">
              <p>
                <b>{item.articleTitle}</b> · {KIND_LABEL[item.kind]}
              </p>
              <div className="adjudication-sides">
                {side('A', item.a)}
                {side('B', item.b)}
              </div>
              <p className="hint">
                <kbd>A</kbd> take A · <kbd>B</kbd> take B · <kbd>H</kbd> keep both · <kbd>N</kbd> keep neither · <kbd>E</kbd> keep with the direction
                swapped · <kbd>Ctrl+Z</kbd> undo
              </p>
            </section>
          ) : (
            list.data && <p data-testid="adjudication-done">Every disagreement is settled: the score reads the consensus in these articles.</p>
          )}
        </>
      )}
    </ModalDialog>
  );
}
