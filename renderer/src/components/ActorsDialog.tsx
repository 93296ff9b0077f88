import { useState, type FormEvent } from 'react';
import { useActors, useRegistryMutation } from '../state/queries';
import { useUi } from '../state/ui';
import { ModalDialog } from './ModalDialog';

/** The actors registry (name, short code, aliases) and relationships, which are pairs of actors. */
export function ActorsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const actors = useActors();
  const say = useUi((s) => s.say);
  const create = useRegistryMutation('actors:create');
  const addAlias = useRegistryMutation('actors:add-alias');
  const removeAlias = useRegistryMutation('actors:remove-alias');
  const relate = useRegistryMutation('relationships:create');
  const [form, setForm] = useState({ code: '', name: '', aliases: '' });
  const [aliasDraft, setAliasDraft] = useState<Record<number, string>>({});
  const [pair, setPair] = useState({ a: '', b: '' });
  const list = actors.data ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const aliases = form.aliases
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    create.mutate(
      { code: form.code, name: form.name, aliases },
      {
        onSuccess: (a) => {
          say('info', `Actor ${a.name} (${a.code}) added.`);
          setForm({ code: '', name: '', aliases: '' });
        },
      },
    );
  };

  return (
    <ModalDialog open={open} onClose={onClose} title="Actors" className="actors">
      <ul className="registry-list" aria-label="Actors">
        {list.map((a) => (
          <li key={a.id}>
            <b>{a.code}</b>
            <span className="grow">
              {a.name}
              <span className="aliases" aria-label={`Aliases of ${a.name}`}>
                {a.aliases.map((al) => (
                  <span key={al} className="chip">
                    {al}
                    <button
                      type="button"
                      aria-label={`Remove alias ${al} of ${a.name}`}
                      onClick={() => removeAlias.mutate({ actorId: a.id, alias: al })}
                    >
                      ×
                    </button>
                  </span>
                ))}
              </span>
            </span>
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                const alias = (aliasDraft[a.id] ?? '').trim();
                if (alias) addAlias.mutate({ actorId: a.id, alias }, { onSuccess: () => setAliasDraft({ ...aliasDraft, [a.id]: '' }) });
              }}
            >
              <input
                aria-label={`New alias of ${a.name}`}
                placeholder="alias"
                size={10}
                value={aliasDraft[a.id] ?? ''}
                onChange={(e) => setAliasDraft({ ...aliasDraft, [a.id]: e.target.value })}
              />
              <button type="submit">Add</button>
            </form>
          </li>
        ))}
      </ul>
      <form className="registry-form" onSubmit={submit} aria-label="New actor">
        <h3 className="wide">New actor</h3>
        <label className="field">
          <span>Short code</span>
          <input value={form.code} required maxLength={12} placeholder="JPN" onChange={(e) => setForm({ ...form, code: e.target.value })} />
        </label>
        <label className="field">
          <span>Name</span>
          <input value={form.name} required maxLength={200} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field wide">
          <span>Aliases (comma-separated)</span>
          <input value={form.aliases} placeholder="Japan, Tokyo" onChange={(e) => setForm({ ...form, aliases: e.target.value })} />
        </label>
        <div className="popover-actions wide">
          <button type="submit" className="primary">
            Add actor
          </button>
        </div>
      </form>
      <form
        className="registry-form"
        aria-label="New relationship"
        onSubmit={(e) => {
          e.preventDefault();
          relate.mutate(
            { actorAId: Number(pair.a), actorBId: Number(pair.b) },
            { onSuccess: (r) => say('info', `Relationship ${r.label} added.`) },
          );
        }}
      >
        <h3 className="wide">New relationship</h3>
        {(['a', 'b'] as const).map((side) => (
          <label key={side} className="field">
            <span>{side === 'a' ? 'First actor' : 'Second actor'}</span>
            <select required value={pair[side]} onChange={(e) => setPair({ ...pair, [side]: e.target.value })}>
              <option value="">(choose)</option>
              {list.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.code})
                </option>
              ))}
            </select>
          </label>
        ))}
        <div className="popover-actions">
          <button type="submit">Add relationship</button>
        </div>
      </form>
    </ModalDialog>
  );
}
