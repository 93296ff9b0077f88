import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import type { Code } from '../../../../shared/api/schemas';
import { listboxKeyDown } from './listboxKeys';

interface Props {
  codes: readonly Code[];
  keys: ReadonlyMap<number, string>;
  value: number | null;
  onChange(id: number): void;
  inputRef?: Ref<HTMLInputElement>;
}

function matches(c: Code, key: string | undefined, parent: Code | undefined, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  return (
    key === s ||
    c.name.toLowerCase().includes(s) ||
    c.key.toLowerCase().includes(s) ||
    (c.cameo !== '' && c.cameo.toLowerCase().startsWith(s)) ||
    (parent?.name.toLowerCase().includes(s) ?? false)
  );
}

/**
 * Finds any code of a codebook of hundreds: type a name, a key or a CAMEO
 * code; ↑/↓ move, Enter picks. Shows at most 50 matches, so a 300-code
 * codebook never runs past the popover.
 */
export function CodePicker({ codes, keys, value, onChange, inputRef }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const byId = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);
  const options = useMemo(
    () => codes.filter((c) => matches(c, keys.get(c.id), c.parentId ? byId.get(c.parentId) : undefined, query)).slice(0, 50),
    [codes, keys, byId, query],
  );
  const current = value === null ? undefined : byId.get(value);

  const pick = (c: Code | undefined) => {
    if (c) onChange(c.id);
    setOpen(false);
    setQuery('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) =>
    listboxKeyDown(e, {
      open,
      count: options.length,
      show: () => setOpen(true),
      hide: () => setOpen(false),
      move: setActive,
      pickActive: () => pick(options[Math.min(active, options.length - 1)]),
    });

  return (
    <div className="code-picker">
      <label htmlFor={`${id}-input`}>
        Find a code <kbd>/</kbd>
      </label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options.length ? `${id}-opt-${Math.min(active, options.length - 1)}` : undefined}
        placeholder={current ? `${current.name} (${current.weight > 0 ? '+' : ''}${current.weight})` : 'Name, key or CAMEO code'}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        spellCheck={false}
      />
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label="Codes" className="combo-list">
          {options.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={c.parentId ? 'sub' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              {keys.get(c.id) && <kbd>{keys.get(c.id)?.toUpperCase()}</kbd>} {c.parentId ? `${byId.get(c.parentId)?.name ?? ''} › ` : ''}
              {c.name}{' '}
              <span className="combo-aliases">
                ({c.weight > 0 ? '+' : ''}
                {c.weight}
                {c.cameo ? ` · CAMEO ${c.cameo}` : ''})
              </span>
            </li>
          ))}
          {options.length === 0 && <li className="combo-empty">No code matches “{query}”.</li>}
        </ul>
      )}
    </div>
  );
}
