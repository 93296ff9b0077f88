import { Fragment, useState, type Dispatch, type SetStateAction } from 'react';
import type { ImportDecision, ImportEdit, ImportItem } from '../../../shared/api/importSchemas';
import { ParagraphDifference } from './ParagraphDifference';

/** Rows built at a time: the inputs, the date fields above all, are costly to lay out, and they are laid out in one go. */
const PAGE = 25;

type Field = 'title' | 'outlet' | 'author' | 'publishedOn' | 'url';

/** The files that will be imported, with title, outlet, author, date and URL to correct before saving. */
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
  // Rows that need the analyst come first: look-alikes to decide on, then files that give no date.
  const attention = (i: ImportItem) => (i.status === 'conflict' ? 0 : i.dateUnknown ? 1 : 2);
  const rows = items
    .filter((i) => i.status === 'ready' || i.status === 'conflict')
    .sort((a, b) => attention(a) - attention(b) || a.id - b.id);
  const set = (item: ImportItem, patch: Partial<Record<Field, string>> & { decision?: ImportDecision; acceptImportDate?: true }) =>
    onEdit((prev) => {
      const next = new Map(prev);
      next.set(item.id, { ...(prev.get(item.id) ?? { itemId: item.id }), ...patch });
      return next;
    });
  const value = (item: ImportItem, field: Field) => edits.get(item.id)?.[field] ?? item[field];

  const undated = rows.filter((i) => i.dateUnknown && !edits.get(i.id)?.publishedOn && !edits.get(i.id)?.acceptImportDate);
  const acceptAll = () =>
    onEdit((prev) => {
      const next = new Map(prev);
      for (const item of undated) next.set(item.id, { ...(prev.get(item.id) ?? { itemId: item.id }), acceptImportDate: true });
      return next;
    });

  if (rows.length === 0) return <p>No file in this import can be saved.</p>;
  return (
    <div className="import-table-wrap">
      {undated.length > 0 && (
        <p className="undated-note" role="note">
          {undated.length.toLocaleString()} file{undated.length === 1 ? ' gives' : 's give'} no publication date. Set each date below (tags
          score on that day), or{' '}
          <button type="button" onClick={acceptAll}>
            Use the import date for {undated.length === 1 ? 'it' : `all ${undated.length.toLocaleString()}`}
          </button>
        </p>
      )}
      <table className="import-table" aria-label="Articles to import">
        {/* Fixed shares of the dialog's width: the table never grows wider than the dialog (issue 15). */}
        <colgroup>
          <col className="col-file" />
          <col className="col-title" />
          <col className="col-outlet" />
          <col className="col-author" />
          <col className="col-date" />
          <col className="col-url" />
          <col className="col-save" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Title</th>
            <th scope="col">Outlet</th>
            <th scope="col">Author</th>
            <th scope="col">Published</th>
            <th scope="col">URL</th>
            <th scope="col">Save</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((item) => (
            <Fragment key={item.id}>
              <tr data-file={item.fileName} className={item.status === 'conflict' ? 'conflict' : undefined}>
                <td className="file" title={item.preview}>
                  {item.fileName}
                  <span className="format">
                    {item.format} · {item.wordCount.toLocaleString()} words
                  </span>
                  <span className="preview">{item.preview.slice(0, 160)}</span>
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
                    aria-label={`Author of ${item.fileName}`}
                    value={value(item, 'author')}
                    maxLength={300}
                    onChange={(e) => set(item, { author: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    type="date"
                    aria-label={`Publication date of ${item.fileName}`}
                    value={value(item, 'publishedOn')}
                    onChange={(e) => set(item, { publishedOn: e.currentTarget.value })}
                  />
                  {item.dateUnknown && !edits.get(item.id)?.publishedOn && (
                    <UnknownDate
                      item={item}
                      accepted={edits.get(item.id)?.acceptImportDate === true}
                      onAccept={() => set(item, { acceptImportDate: true })}
                    />
                  )}
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
                    // Short labels keep the column narrow; each choice is said in full in its title and below the row.
                    <select
                      aria-label={`What to do with ${item.fileName}`}
                      aria-describedby={`conflict-${item.id}`}
                      value={edits.get(item.id)?.decision ?? ''}
                      onChange={(e) => set(item, { decision: e.currentTarget.value as ImportDecision })}
                    >
                      <option value="">Choose…</option>
                      <option value="skip">Skip</option>
                      <option value="keep-both">Keep both</option>
                      <option value="replace" title="Replace the old article (refused when it has tags)">
                        Replace
                      </option>
                      <option value="replace-text" title="Put this file's text in the saved article; its tags are re-anchored">
                        Replace text
                      </option>
                      <option value="merge" title="One article: the richer metadata of the two, the saved text and tags kept">
                        Merge
                      </option>
                    </select>
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
              {item.status === 'conflict' && (
                // What the file matched, and how they differ, across the whole width under its row.
                <tr data-file={item.fileName} className="conflict conflict-detail">
                  <td colSpan={7} id={`conflict-${item.id}`}>
                    <span className="conflict-note">{item.reason}</span>
                    {item.nearDuplicate && item.existing && (
                      <ParagraphDifference
                        label={`Differences between ${item.fileName} and the saved article`}
                        similarity={item.nearDuplicate.similarity}
                        left={['Only in this file', item.nearDuplicate.onlyHere]}
                        right={[`Only in “${item.existing.title}”`, item.nearDuplicate.onlyThere]}
                      />
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
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

/** A file that gives no date: shown as unknown until the analyst sets one or takes the import date. */
function UnknownDate({ item, accepted, onAccept }: { item: ImportItem; accepted: boolean; onAccept(): void }) {
  if (accepted) return <span className="date-note">the import date, as you chose</span>;
  return (
    <span className="date-note unknown">
      Date unknown: set it, or{' '}
      <button type="button" className="link" aria-label={`Use the import date for ${item.fileName}`} onClick={onAccept}>
        use the import date
      </button>
    </span>
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
