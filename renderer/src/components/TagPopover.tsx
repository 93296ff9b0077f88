import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Actor, Code } from '../../../shared/api/schemas';

export interface TagChoice {
  codeId: number | null;
  sourceActorId: number;
  targetActorId: number;
  note: string;
  eventDate: string;
  confidence: number;
}

export const CONFIDENCE_STEPS = [1, 0.75, 0.5, 0.25] as const;
/** Keys that pick the n-th subtype of the chosen code. */
const SUBTYPE_KEYS = ['4', '5', '6', '7', '8', '9'];

interface Props {
  mode: 'new' | 'edit';
  anchor: DOMRect;
  quote: string;
  codes: readonly Code[];
  actors: readonly Actor[];
  initial: TagChoice;
  busy: boolean;
  onSave(choice: TagChoice & { codeId: number }): void;
  onCancel(): void;
  onDelete?(): void;
  /** Why the direction was proposed (aliases found), shown under it. */
  directionNote?: string | null;
  /** Adds the (short) quote as an alias of an actor in one step. */
  onAddAlias?(actorId: number): void;
  /** Re-selects the passage in the text so that its boundaries can be adjusted. */
  onAdjust?(): void;
  onHelp?(): void;
}

/**
 * Picks code (keys 1–3), subtype (4–9, 0 for none), direction (S swaps),
 * confidence (C cycles) and a note (N); Enter saves, Escape cancels, Delete
 * removes an existing tag, B adjusts its passage, ? lists every shortcut.
 */
export function TagPopover({
  mode,
  anchor,
  quote,
  codes,
  actors,
  initial,
  busy,
  onSave,
  onCancel,
  onDelete,
  directionNote,
  onAddAlias,
  onAdjust,
  onHelp,
}: Props) {
  const [choice, setChoice] = useState<TagChoice>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const topLevel = codes.filter((c) => c.parentId === null);
  const current = codes.find((c) => c.id === choice.codeId) ?? null;
  const topId = current ? (current.parentId ?? current.id) : null;
  const subtypes = codes.filter((c) => c.parentId !== null && c.parentId === topId);
  const actorCode = (id: number) => actors.find((a) => a.id === id)?.code ?? '?';

  useEffect(() => {
    boxRef.current?.focus();
  }, []);

  const swap = () => setChoice((c) => ({ ...c, sourceActorId: c.targetActorId, targetActorId: c.sourceActorId }));
  const save = () => {
    if (choice.codeId === null) {
      setProblem('Pick a code first: 1 threat, 2 overture, 3 concession.');
      return;
    }
    const { sourceActorId, targetActorId, note, eventDate, confidence } = choice;
    onSave({ codeId: choice.codeId, sourceActorId, targetActorId, note, eventDate, confidence });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const inField =
      e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      save();
      return;
    }
    if (inField || e.ctrlKey || e.metaKey || e.altKey) return;
    const byShortcut = topLevel.find((c) => c.shortcut === e.key);
    if (byShortcut) {
      e.preventDefault();
      setProblem(null);
      setChoice((c) => ({ ...c, codeId: byShortcut.id }));
    } else if (SUBTYPE_KEYS.includes(e.key) && subtypes[SUBTYPE_KEYS.indexOf(e.key)]) {
      e.preventDefault();
      setChoice((c) => ({ ...c, codeId: subtypes[SUBTYPE_KEYS.indexOf(e.key)]!.id }));
    } else if (e.key === '0' && topId !== null) {
      e.preventDefault();
      setChoice((c) => ({ ...c, codeId: topId }));
    } else if (e.key === 'c' || e.key === 'C') {
      e.preventDefault();
      setChoice((c) => {
        const i = CONFIDENCE_STEPS.findIndex((v) => v === c.confidence);
        return { ...c, confidence: CONFIDENCE_STEPS[(i + 1) % CONFIDENCE_STEPS.length]! };
      });
    } else if ((e.key === 'b' || e.key === 'B') && onAdjust) {
      e.preventDefault();
      onAdjust();
    } else if (e.key === '?' && onHelp) {
      e.preventDefault();
      onHelp();
    } else if (e.key === 's' || e.key === 'S') {
      e.preventDefault();
      swap();
    } else if (e.key === 'n' || e.key === 'N') {
      e.preventDefault();
      boxRef.current?.querySelector<HTMLInputElement>('input[name=note]')?.focus();
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && onDelete) {
      e.preventDefault();
      onDelete();
    }
  };

  const top = Math.max(8, Math.min(anchor.bottom + 8, window.innerHeight - 460));
  const left = Math.max(8, Math.min(anchor.left, window.innerWidth - 380));

  return (
    // A dialog whose keys (1–3, S, N, Enter, Esc, Del) are its shortcuts.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      ref={boxRef}
      className="popover"
      role="dialog"
      aria-label={mode === 'new' ? 'Tag passage' : 'Edit tag'}
      tabIndex={-1}
      style={{ top, left }}
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
            onClick={() => setChoice((s) => ({ ...s, codeId: c.id }))}
          >
            <kbd>{c.shortcut}</kbd> {c.name}
          </button>
        ))}
      </div>
      {subtypes.length > 0 && (
        <label className="field">
          <span>
            Subtype <kbd>4</kbd>–<kbd>9</kbd>
          </span>
          <select value={choice.codeId ?? ''} onChange={(e) => setChoice((s) => ({ ...s, codeId: Number(e.target.value) }))}>
            <option value={topId ?? ''}>
              {codes.find((c) => c.id === topId)?.name} (no subtype, {codes.find((c) => c.id === topId)?.weight})
            </option>
            {subtypes.map((c, i) => (
              <option key={c.id} value={c.id}>
                {SUBTYPE_KEYS[i] ? `${SUBTYPE_KEYS[i]} · ` : ''}
                {c.name} ({c.weight > 0 ? '+' : ''}
                {c.weight})
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="direction">
        <span aria-label="Direction">
          {actorCode(choice.sourceActorId)} → {actorCode(choice.targetActorId)}
        </span>
        <button type="button" onClick={swap} aria-keyshortcuts="s">
          Swap <kbd>S</kbd>
        </button>
      </div>
      {directionNote && <p className="direction-note">{directionNote}</p>}
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
        <span>Note</span>
        <input
          name="note"
          value={choice.note}
          maxLength={20000}
          placeholder="Optional (N)"
          onChange={(e) => setChoice((s) => ({ ...s, note: e.target.value }))}
        />
      </label>
      <label className="field">
        <span>Event date</span>
        <input type="date" value={choice.eventDate} onChange={(e) => setChoice((s) => ({ ...s, eventDate: e.target.value }))} />
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
