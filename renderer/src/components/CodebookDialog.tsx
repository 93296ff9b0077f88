import { useState, type FormEvent } from 'react';
import { SuggestQuality } from './suggest/SuggestQuality';
import type { Code } from '../../../shared/api/schemas';
import { useCodebook, useRegistryMutation } from '../state/queries';
import { useUi } from '../state/ui';
import { ModalDialog } from './ModalDialog';

function download(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const EMPTY = { name: '', color: '#8e44ad', weight: '0', parentId: '', description: '' };

/** The codebook: add codes and subtypes, rename, recolour, re-weight, merge, delete; export and import as JSON. */
export function CodebookDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const codes = useCodebook();
  const say = useUi((s) => s.say);
  const create = useRegistryMutation('codebook:create');
  const update = useRegistryMutation('codebook:update');
  const merge = useRegistryMutation('codebook:merge');
  const remove = useRegistryMutation('codebook:delete');
  const importBook = useRegistryMutation('codebook:import');
  const exportBook = useRegistryMutation('codebook:export');
  const [editing, setEditing] = useState<Code | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [mergeInto, setMergeInto] = useState('');
  const list = codes.data ?? [];
  const top = list.filter((c) => c.parentId === null);
  const name = (id: number) => list.find((c) => c.id === id)?.name ?? '?';

  const edit = (c: Code | null) => {
    setEditing(c);
    setMergeInto('');
    setForm(
      c
        ? {
            name: c.name,
            color: c.color,
            weight: String(c.weight),
            parentId: c.parentId === null ? '' : String(c.parentId),
            description: c.description,
          }
        : EMPTY,
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      name: form.name,
      color: form.color,
      weight: Number(form.weight),
      parentId: form.parentId ? Number(form.parentId) : null,
      description: form.description,
    };
    if (editing) {
      update.mutate({ id: editing.id, ...fields }, { onSuccess: (c) => (say('info', `Code “${c.name}” saved.`), edit(null)) });
    } else {
      create.mutate(fields, { onSuccess: (c) => (say('info', `Code “${c.name}” added.`), edit(null)) });
    }
  };

  const rows = top.flatMap((t) => [t, ...list.filter((c) => c.parentId === t.id)]);
  return (
    <ModalDialog open={open} onClose={onClose} title="Codebook" className="codebook">
      <ul className="registry-list" aria-label="Codes">
        {rows.map((c) => (
          <li key={c.id} className={c.parentId === null ? '' : 'sub'} style={{ ['--code' as string]: c.color }}>
            <span className="swatch" aria-hidden="true" />
            <span className="grow">
              <b>{c.name}</b> <span className="muted">{c.weight > 0 ? `+${c.weight}` : c.weight}</span>
            </span>
            <button type="button" onClick={() => edit(c)} aria-label={`Edit ${c.name}`}>
              Edit
            </button>
          </li>
        ))}
      </ul>
      <SuggestQuality codes={list} />
      <form className="registry-form" onSubmit={submit} aria-label={editing ? `Edit code ${editing.name}` : 'New code'}>
        <h3 className="wide">{editing ? `Edit “${editing.name}”` : 'New code or subtype'}</h3>
        <label className="field">
          <span>Name</span>
          <input value={form.name} required maxLength={200} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Parent</span>
          <select value={form.parentId} onChange={(e) => setForm({ ...form, parentId: e.target.value })}>
            <option value="">(top level)</option>
            {top
              .filter((t) => t.id !== editing?.id)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>Weight (−10 … +10)</span>
          <input
            type="number"
            step="0.1"
            min={-10}
            max={10}
            value={form.weight}
            required
            onChange={(e) => setForm({ ...form, weight: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Colour</span>
          <input type="color" value={form.color} onChange={(e) => setForm({ ...form, color: e.target.value })} />
        </label>
        <label className="field wide">
          <span>Description</span>
          <input value={form.description} maxLength={2000} onChange={(e) => setForm({ ...form, description: e.target.value })} />
        </label>
        <div className="popover-actions wide">
          {editing && (
            <>
              <label className="inline">
                Merge into{' '}
                <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value)} aria-label="Merge into">
                  <option value="">(choose a code)</option>
                  {list
                    .filter((c) => c.id !== editing.id)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.parentId === null ? c.name : `${name(c.parentId)} › ${c.name}`}
                      </option>
                    ))}
                </select>
              </label>
              <button
                type="button"
                disabled={!mergeInto}
                onClick={() =>
                  merge.mutate(
                    { fromId: editing.id, intoId: Number(mergeInto) },
                    {
                      onSuccess: (r) => (
                        say('info', `Merged “${editing.name}” into “${r.into.name}”; ${r.movedAnnotations} tags moved.`),
                        edit(null)
                      ),
                    },
                  )
                }
              >
                Merge
              </button>
              <button
                type="button"
                className="danger"
                onClick={() =>
                  remove.mutate({ id: editing.id }, { onSuccess: () => (say('info', `Code “${editing.name}” deleted.`), edit(null)) })
                }
              >
                Delete
              </button>
              <button type="button" onClick={() => edit(null)}>
                New code
              </button>
            </>
          )}
          <button type="submit" className="primary">
            {editing ? 'Save code' : 'Add code'}
          </button>
        </div>
      </form>
      <div className="popover-actions">
        <button
          type="button"
          onClick={() =>
            exportBook.mutate({}, { onSuccess: (f) => download(f.fileName, f.mimeType, f.content) })
          }
        >
          Export JSON
        </button>
        <label className="file-button">
          Import JSON…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              void file
                .text()
                .then((content) =>
                  importBook.mutate(
                    { content },
                    { onSuccess: (r) => say('info', `Codebook imported: ${r.added} codes added, ${r.updated} updated.`) },
                  ),
                )
                .catch((err: Error) => say('error', `${file.name} could not be read: ${err.message}`));
            }}
          />
        </label>
      </div>
    </ModalDialog>
  );
}
