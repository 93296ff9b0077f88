import { useState, type Dispatch, type SetStateAction } from 'react';
import type { ImportDecision, ImportEdit, ImportItem } from '../../../shared/api/importSchemas';

/** Rows built at a time: the inputs, the date fields above all, are costly to lay out, and they are laid out in one go. */
const PAGE = 25;

type Field = 'title' | 'outlet' | 'publishedOn' | 'url';

/** The files that will be imported, with title, outlet, date and URL to correct before saving. */
export function ImportReviewTable({
  items,
  edits,
  onEdit,
}: {
  items: ImportItem[];
  edits: Map<number, ImportEdit>;
  onEdit: Dispatch<SetStateAction<Map<number, ImportEdit>>>;
}) {
  const [shown, setShown] = useState(PAGE);
  // Rows that need the analyst come first: look-alikes to decide on, then dates that were guessed.
  const attention = (i: ImportItem) => (i.status === 'conflict' ? 0 : i.dateGuessed ? 1 : 2);
  const rows = items
    .filter((i) => i.status === 'ready' || i.status === 'conflict')
    .sort((a, b) => attention(a) - attention(b) || a.id - b.id);
  const set = (item: ImportItem, patch: Partial<Record<Field, string>> & { decision?: ImportDecision }) =>
    onEdit((prev) => {
      const next = new Map(prev);
      next.set(item.id, { ...(prev.get(item.id) ?? { itemId: item.id }), ...patch });
      return next;
    });
  const value = (item: ImportItem, field: Field) => (edits.get(item.id)?.[field] as string | undefined) ?? item[field];

  if (rows.length === 0) return <p>No file in this import can be saved.</p>;
  return (
    <div className="import-table-wrap">
      <table className="import-table" aria-label="Articles to import">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Title</th>
            <th scope="col">Outlet</th>
            <th scope="col">Published</th>
            <th scope="col">URL</th>
            <th scope="col">Save</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((item) => (
            <tr key={item.id} data-file={item.fileName} className={item.status === 'conflict' ? 'conflict' : undefined}>
              <td className="file" title={item.preview}>
                {item.fileName}
                <span className="format">
                  {item.format} · {item.wordCount.toLocaleString()} words
                </span>
              </td>
              <td>
                <input
                  aria-label={`Title of ${item.fileName}`}
                  value={value(item, 'title')}
                  maxLength={500}
                  onChange={(e) => set(item, { title: e.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Outlet of ${item.fileName}`}
                  value={value(item, 'outlet')}
                  maxLength={200}
                  onChange={(e) => set(item, { outlet: e.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  type="date"
                  aria-label={`Publication date of ${item.fileName}`}
                  value={value(item, 'publishedOn')}
                  onChange={(e) => set(item, { publishedOn: e.currentTarget.value })}
                />
                {item.dateGuessed && !edits.get(item.id)?.publishedOn && <span className="guessed">guessed from the file</span>}
              </td>
              <td>
                <input
                  aria-label={`URL of ${item.fileName}`}
                  value={value(item, 'url')}
                  onChange={(e) => set(item, { url: e.currentTarget.value })}
                />
              </td>
              <td>
                {item.status === 'conflict' ? (
                  <>
                    <select
                      aria-label={`What to do with ${item.fileName}`}
                      value={edits.get(item.id)?.decision ?? ''}
                      onChange={(e) => set(item, { decision: e.currentTarget.value as ImportDecision })}
                    >
                      <option value="">Choose…</option>
                      <option value="keep-both">Keep both</option>
                      <option value="replace">Replace the old one</option>
                      <option value="skip">Skip</option>
                    </select>
                    <span className="conflict-note">{item.reason}</span>
                  </>
                ) : (
                  <input
                    type="checkbox"
                    aria-label={`Save ${item.fileName}`}
                    checked={edits.get(item.id)?.decision !== 'skip'}
                    onChange={(e) => set(item, { decision: e.currentTarget.checked ? 'import' : 'skip' })}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown && (
        <p className="more">
          Showing {shown.toLocaleString()} of {rows.length.toLocaleString()}; all of them will be saved.{' '}
          <button type="button" onClick={() => setShown((n) => n + PAGE)}>
            Show more
          </button>
        </p>
      )}
    </div>
  );
}

/** Every file left out, with the reason. */
export function NotImportedList({ items, heading }: { items: ImportItem[]; heading: string }) {
  // Thousands of files can be left out (a folder imported twice): they are listed 25 at a time, as the table is.
  const [shown, setShown] = useState(PAGE);
  const left = items.filter((i) => i.status !== 'ready' && i.status !== 'conflict' && i.status !== 'saved');
  if (left.length === 0) return null;
  return (
    <section className="not-imported" aria-label={heading}>
      <h3>
        {heading} ({left.length.toLocaleString()})
      </h3>
      <ul>
        {left.slice(0, shown).map((i) => (
          <li key={i.id} data-file={i.fileName}>
            <b>{i.fileName}</b> <span className={`badge ${i.status}`}>{i.status}</span> — {i.reason}
          </li>
        ))}
      </ul>
      {left.length > shown && (
        <p className="more">
          Showing {shown.toLocaleString()} of {left.length.toLocaleString()}.{' '}
          <button type="button" onClick={() => setShown((n) => n + PAGE)}>
            Show more
          </button>
        </p>
      )}
    </section>
  );
}
