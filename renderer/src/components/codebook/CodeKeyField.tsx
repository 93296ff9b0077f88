import { useState, type FormEvent } from 'react';
import type { Code } from '../../../../shared/api/schemas';
import { CODE_KEYS } from '../../../../shared/domain/codeKeys';
import { useCodeKeys, useSetCodeKey } from '../../state/codingLoopQueries';
import { useUi } from '../../state/ui';
import './codebook.css';

/** The popover's own letters, which no code can take. */
const RESERVED: Record<string, string> = {
  a: 'the source',
  b: 'adjusting the passage',
  c: 'confidence',
  n: 'the note',
  r: 'creating a relationship',
  s: 'swap',
  t: 'the target',
  '0': 'the top-level code',
};

/** Why a key cannot be given, or what giving it changes (the code that holds it gets the next free key); null when nothing to say. */
export function keyConflict(key: string, code: Code, codes: readonly Code[], keys: ReadonlyMap<number, string>): { error: boolean; text: string } | null {
  const k = key.toLowerCase();
  if (!k) return null;
  if (RESERVED[k]) return { error: true, text: `${k.toUpperCase()} is the popover’s key for ${RESERVED[k]}: pick a digit 1–9 or another letter.` };
  if (!CODE_KEYS.includes(k)) return { error: true, text: 'A code key is one digit 1–9 or one letter.' };
  const holder = codes.find((c) => c.id !== code.id && keys.get(c.id) === k);
  if (!holder) return null;
  return {
    error: false,
    text: `${k.toUpperCase()} is now the key of “${holder.name}”${holder.shortcut ? ' (set in the codebook)' : ''}: giving it to “${code.name}” moves “${holder.name}” to the next free key.`,
  };
}

/** Re-assigns the key of the code being edited (undoable: codebook:set-key), saying first what it takes from another code. */
export function CodeKeyField({ code: opened, codes }: { code: Code; codes: readonly Code[] }) {
  // The list's copy, fresh after a key change (the dialog keeps the code as it was when Edit was pressed).
  const code = codes.find((c) => c.id === opened.id) ?? opened;
  const keys = useCodeKeys();
  const setKey = useSetCodeKey();
  const say = useUi((s) => s.say);
  const current = keys.get(code.id);
  const [draft, setDraft] = useState('');
  const conflict = keyConflict(draft, code, codes, keys);

  const give = (key: string | null) =>
    setKey.mutate(
      { id: code.id, key },
      {
        onSuccess: (r) => {
          setDraft('');
          say('info', r.key ? `“${code.name}” now has the key ${r.key.toUpperCase()} (Ctrl+Z undoes).` : `“${code.name}” gets the next free key.`);
        },
      },
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft && !conflict?.error) give(draft.toLowerCase());
  };

  return (
    <form className="registry-form code-key" onSubmit={submit} aria-label={`Key of ${code.name}`}>
      <p className="wide">
        Key in the tag popover: <kbd>{current ? current.toUpperCase() : '–'}</kbd>{' '}
        {code.shortcut ? '(set here)' : '(the next free key, most used codes first)'}
      </p>
      <label className="field">
        <span>New key</span>
        <input
          value={draft}
          maxLength={1}
          aria-describedby={conflict ? `key-note-${code.id}` : undefined}
          aria-invalid={conflict?.error ?? false}
          onChange={(e) => setDraft(e.target.value.trim())}
        />
      </label>
      {conflict && (
        <p id={`key-note-${code.id}`} className={conflict.error ? 'wide error-text' : 'wide'} role="status">
          {conflict.text}
        </p>
      )}
      <div className="wide actions">
        <button type="submit" disabled={!draft || conflict?.error === true || setKey.isPending}>
          Set key
        </button>
        {code.shortcut && (
          <button type="button" onClick={() => give(null)} disabled={setKey.isPending}>
            Free the key
          </button>
        )}
      </div>
    </form>
  );
}
