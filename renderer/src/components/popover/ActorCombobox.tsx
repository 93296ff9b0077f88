import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import type { Actor } from '../../../../shared/api/schemas';
import { listboxKeyDown } from './listboxKeys';

interface Props {
  label: string;
  actors: readonly Actor[];
  value: number;
  onChange(id: number): void;
  /** Creates an actor named `name` (with `alias` as its alias) and picks it. */
  onCreate?(name: string): void;
  inputRef?: Ref<HTMLInputElement>;
  shortcut: string;
}

function matches(a: Actor, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  return a.code.toLowerCase().startsWith(s) || a.name.toLowerCase().includes(s) || a.aliases.some((x) => x.toLowerCase().includes(s));
}

/**
 * An actor chooser after the WAI-ARIA combobox pattern: type to filter by
 * code, name or alias; ↑/↓ move, Enter picks, Escape closes the list. The
 * last option creates a new actor from what was typed.
 */
export function ActorCombobox({ label, actors, value, onChange, onCreate, inputRef, shortcut }: Props) {
  const id = useId();
  const current = actors.find((a) => a.id === value);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;
  const options = useMemo(() => (query === null ? [] : actors.filter((a) => matches(a, query)).slice(0, 30)), [actors, query]);
  const canCreate =
    !!onCreate &&
    !!query?.trim() &&
    !actors.some((a) => a.code.toLowerCase() === query.trim().toLowerCase() || a.name.toLowerCase() === query.trim().toLowerCase());
  const count = options.length + (canCreate ? 1 : 0);

  const pick = (i: number) => {
    const a = options[i];
    if (a) onChange(a.id);
    else if (canCreate && query) onCreate(query.trim());
    setQuery(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) =>
    listboxKeyDown(e, {
      open,
      count,
      show: () => setQuery(''),
      hide: () => setQuery(null),
      move: setActive,
      pickActive: () => pick(Math.min(active, count - 1)),
    });

  return (
    <div className="actor-combo">
      <label htmlFor={`${id}-input`}>
        {label} <kbd>{shortcut}</kbd>
      </label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && count ? `${id}-opt-${Math.min(active, count - 1)}` : undefined}
        value={query ?? (current ? `${current.code} · ${current.name}` : '')}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
        spellCheck={false}
      />
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label={`${label} actors`} className="combo-list">
          {options.map((a, i) => (
            <li
              key={a.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(i);
              }}
            >
              <b>{a.code}</b> {a.name}
              {a.aliases.length > 0 && <span className="combo-aliases"> · {a.aliases.slice(0, 4).join(', ')}</span>}
            </li>
          ))}
          {canCreate && (
            <li
              id={`${id}-opt-${options.length}`}
              role="option"
              aria-selected={active === options.length}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(options.length);
              }}
            >
              New actor “{query?.trim()}”
            </li>
          )}
          {count === 0 && <li className="combo-empty">No actor matches.</li>}
        </ul>
      )}
    </div>
  );
}
