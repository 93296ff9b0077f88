import { autoUpdate, flip, offset, shift, size, useFloating } from '@floating-ui/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Actor, Code, Relationship } from '../../../shared/api/schemas';
import { ActorCombobox } from './popover/ActorCombobox';
import { CodePicker } from './popover/CodePicker';
import './popover/popover.css';

export interface TagChoice {
  codeId: number | null;
  sourceActorId: number;
  targetActorId: number;
  note: string;
  eventDate: string;
  confidence: number;
}

export const CONFIDENCE_STEPS = [1, 0.75, 0.5, 0.25] as const;

interface Props {
  mode: 'new' | 'edit';
  anchor: DOMRect;
  quote: string;
  codes: readonly Code[];
  /** code id → its key (shared/domain/codeKeys.ts). */
  codeKeys: ReadonlyMap<number, string>;
  actors: readonly Actor[];
  relationships: readonly Relationship[];
  initial: TagChoice;
  busy: boolean;
  onSave(choice: TagChoice & { codeId: number }): void;
  onCancel(): void;
  onDelete?(): void;
  /** Why the direction was proposed, shown under it. */
  directionNote?: string | null;
  /** Adds the (short) quote as an alias of an actor in one step. */
  onAddAlias?(actorId: number): void;
  /** Creates an actor named `name` (the quote, if short, becomes an alias too); resolves to its id. */
  onCreateActor(name: string): Promise<number>;
  onCreateRelationship(actorAId: number, actorBId: number): void;
  /** Re-selects the passage in the text so that its boundaries can be adjusted. */
  onAdjust?(): void;
  onHelp?(): void;
}

const isPair = (rels: readonly Relationship[], a: number, b: number) =>
  rels.some((r) => (r.actorA.id === a && r.actorB.id === b) || (r.actorA.id === b && r.actorB.id === a));

/**
 * Picks the code (each code's key, or the code search /), the direction
 * (A source, T target, S swaps), confidence (C) and a note (N); Enter saves,
 * Escape cancels, Delete removes an existing tag, B adjusts its passage, R
 * creates the relationship a pair lacks, ? lists every shortcut. Placed by
 * Floating UI beside the selection, never over it.
 */
export function TagPopover(props: Props) {
  const {
    mode,
    anchor,
    quote,
    codes,
    codeKeys,
    actors,
    relationships,
    initial,
    busy,
    onSave,
    onCancel,
    onDelete,
    directionNote,
    onAddAlias,
    onAdjust,
    onHelp,
  } = props;
  const [choice, setChoice] = useState<TagChoice>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const boxRef = useRef<HTMLDivElement | null>(null);
  const sourceRef = useRef<HTMLInputElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const byKey = useMemo(() => new Map([...codeKeys].map(([id, k]) => [k, id])), [codeKeys]);
  const current = codes.find((c) => c.id === choice.codeId) ?? null;
  const topId = current ? (current.parentId ?? current.id) : null;
  const topLevel = codes.filter((c) => c.parentId === null);
  const subtypes = codes.filter((c) => c.parentId !== null && c.parentId === topId);
  const actorCode = (id: number) => actors.find((a) => a.id === id)?.code ?? '?';
  const samePair = choice.sourceActorId === choice.targetActorId;
  const noRelationship = !samePair && !isPair(relationships, choice.sourceActorId, choice.targetActorId);

  const { refs, floatingStyles } = useFloating({
    placement: 'bottom-start',
    strategy: 'fixed',
    whileElementsMounted: autoUpdate,
    middleware: [
      offset(8),
      flip({ fallbackPlacements: ['top-start', 'right-start', 'left-start'] }),
      shift({ padding: 8 }),
      size({
        padding: 8,
        apply({ availableHeight, elements }) {
          elements.floating.style.maxHeight = `${Math.max(220, availableHeight)}px`;
        },
      }),
    ],
  });
  useLayoutEffect(() => {
    refs.setPositionReference({ getBoundingClientRect: () => anchor });
  }, [anchor, refs]);
  useEffect(() => {
    boxRef.current?.focus();
  }, []);

  const swap = () => setChoice((c) => ({ ...c, sourceActorId: c.targetActorId, targetActorId: c.sourceActorId }));
  const pickCode = (id: number) => {
    setProblem(null);
    setChoice((c) => ({ ...c, codeId: id }));
  };
  const save = () => {
    if (choice.codeId === null) {
      setProblem('Pick a code first: press its key, or / to find one.');
      return;
    }
    if (samePair) {
      setProblem('The source and the target are the same actor: choose another with A or T.');
      return;
    }
    const { sourceActorId, targetActorId, note, eventDate, confidence } = choice;
    onSave({ codeId: choice.codeId, sourceActorId, targetActorId, note, eventDate, confidence });
  };
  const createActor = (side: 'sourceActorId' | 'targetActorId') => (name: string) => {
    void props.onCreateActor(name).then((id) => setChoice((c) => ({ ...c, [side]: id })));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const inField =
      e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (inField) boxRef.current?.focus();
      else onCancel();
      return;
    }
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      save();
      return;
    }
    if (inField || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    const code = byKey.get(key);
    const act = (fn: () => void) => {
      e.preventDefault();
      fn();
    };
    if (code !== undefined) act(() => pickCode(code));
    else if (key === '0' && topId !== null) act(() => pickCode(topId));
    else if (key === 'a') act(() => sourceRef.current?.focus());
    else if (key === 't') act(() => targetRef.current?.focus());
    else if (key === '/') act(() => searchRef.current?.focus());
    else if (key === 's') act(swap);
    else if (key === 'r' && noRelationship) act(() => props.onCreateRelationship(choice.sourceActorId, choice.targetActorId));
    else if (key === 'c')
      act(() =>
        setChoice((c) => {
          const i = CONFIDENCE_STEPS.findIndex((v) => v === c.confidence);
          return { ...c, confidence: CONFIDENCE_STEPS[(i + 1) % CONFIDENCE_STEPS.length] ?? CONFIDENCE_STEPS[0] };
        }),
      );
    else if (key === 'b' && onAdjust) act(onAdjust);
    else if (e.key === '?' && onHelp) act(onHelp);
    else if (key === 'n') act(() => boxRef.current?.querySelector<HTMLInputElement>('input[name=note]')?.focus());
    else if ((e.key === 'Delete' || e.key === 'Backspace') && onDelete) act(onDelete);
  };
  const keyOf = (id: number) => codeKeys.get(id)?.toUpperCase();

  return (
    // A dialog whose keys are its shortcuts (listed in its buttons and under ?).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      ref={(el) => {
        boxRef.current = el;
        refs.setFloating(el);
      }}
      className="popover"
      role="dialog"
      aria-label={mode === 'new' ? 'Tag passage' : 'Edit tag'}
      tabIndex={-1}
      style={floatingStyles}
      onKeyDown={onKeyDown}
    >
      <p className="popover-quote" title={quote}>
        “{quote.length > 140 ? `${quote.slice(0, 139)}…` : quote}”
      </p>
      <div className="code-choices" role="radiogroup" aria-label="Code">
        {topLevel.map((c) => (
          <button
            key={c.id}
            type="button"
            role="radio"
            aria-checked={topId === c.id}
            className="code-choice"
            style={{ ['--code' as string]: c.color }}
            onClick={() => pickCode(c.id)}
            title={c.name}
          >
            {keyOf(c.id) && <kbd>{keyOf(c.id)}</kbd>} {c.name}
          </button>
        ))}
      </div>
      {subtypes.length > 0 && (
        <label className="field">
          <span>
            Subtype (<kbd>0</kbd> none)
          </span>
          <select value={choice.codeId ?? ''} onChange={(e) => pickCode(Number(e.target.value))}>
            <option value={topId ?? ''}>
              {codes.find((c) => c.id === topId)?.name} (no subtype, {codes.find((c) => c.id === topId)?.weight})
            </option>
            {subtypes.map((c) => (
              <option key={c.id} value={c.id}>
                {keyOf(c.id) ? `${keyOf(c.id)} · ` : ''}
                {c.name} ({c.weight > 0 ? '+' : ''}
                {c.weight})
              </option>
            ))}
          </select>
        </label>
      )}
      <CodePicker codes={codes} keys={codeKeys} value={choice.codeId} onChange={pickCode} inputRef={searchRef} />
      <div className="direction">
        <span aria-label="Direction">
          {actorCode(choice.sourceActorId)} → {actorCode(choice.targetActorId)}
        </span>
        <button type="button" onClick={swap} aria-keyshortcuts="s">
          Swap <kbd>S</kbd>
        </button>
      </div>
      <div className="direction-pickers">
        <ActorCombobox
          label="Source"
          shortcut="A"
          actors={actors}
          value={choice.sourceActorId}
          inputRef={sourceRef}
          onChange={(id) => setChoice((c) => ({ ...c, sourceActorId: id }))}
          onCreate={createActor('sourceActorId')}
        />
        <ActorCombobox
          label="Target"
          shortcut="T"
          actors={actors}
          value={choice.targetActorId}
          inputRef={targetRef}
          onChange={(id) => setChoice((c) => ({ ...c, targetActorId: id }))}
          onCreate={createActor('targetActorId')}
        />
      </div>
      {directionNote && <p className="direction-note">{directionNote}</p>}
      {noRelationship && (
        <div className="pair-warning" role="status">
          <span>
            {actorCode(choice.sourceActorId)}–{actorCode(choice.targetActorId)} is no relationship: this tag will count in no score.
          </span>
          <button type="button" onClick={() => props.onCreateRelationship(choice.sourceActorId, choice.targetActorId)}>
            Create relationship <kbd>R</kbd>
          </button>
        </div>
      )}
      <div className="popover-row">
        <label className="field">
          <span>
            Confidence <kbd>C</kbd>
          </span>
          <select value={choice.confidence} onChange={(e) => setChoice((s) => ({ ...s, confidence: Number(e.target.value) }))}>
            {CONFIDENCE_STEPS.map((v) => (
              <option key={v} value={v}>
                {Math.round(v * 100)}%
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Event date</span>
          <input type="date" value={choice.eventDate} onChange={(e) => setChoice((s) => ({ ...s, eventDate: e.target.value }))} />
        </label>
      </div>
      <label className="field">
        <span>Note</span>
        <input
          name="note"
          value={choice.note}
          maxLength={20000}
          placeholder="Optional (N)"
          onChange={(e) => setChoice((s) => ({ ...s, note: e.target.value }))}
        />
      </label>
      {onAddAlias && (
        <div className="alias-add" role="group" aria-label={`Add “${quote}” as an alias of`}>
          <span>Alias “{quote}” of:</span>
          {actors.map((a) => (
            <button key={a.id} type="button" onClick={() => onAddAlias(a.id)} title={`Add “${quote}” as an alias of ${a.name}`}>
              {a.code}
            </button>
          ))}
        </div>
      )}
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      <div className="popover-actions">
        {onAdjust && (
          <button type="button" onClick={onAdjust}>
            Adjust passage <kbd>B</kbd>
          </button>
        )}
        {onDelete && (
          <button type="button" className="danger" onClick={onDelete}>
            Delete <kbd>Del</kbd>
          </button>
        )}
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
        <button type="button" className="primary" onClick={save} disabled={busy}>
          Save <kbd>Enter</kbd>
        </button>
      </div>
    </div>
  );
}
