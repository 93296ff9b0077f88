import { useActors, useCodebook, useOutlets, useRelationships } from '../state/queries';
import { useLibraryFilters, type LibrarySort } from '../state/libraryFilters';

const SORTS: readonly [LibrarySort, string][] = [
  ['date-desc', 'Newest first'],
  ['date-asc', 'Oldest first'],
  ['title', 'Title'],
  ['outlet', 'Outlet'],
  ['tags-desc', 'Most tags'],
];

const num = (v: string) => (v ? Number(v) : undefined);

/** Sort and filter the library: relationship, code, actor, outlet, date range. */
export function LibraryFilters() {
  const q = useLibraryFilters((s) => s.query);
  const set = useLibraryFilters((s) => s.set);
  const codes = useCodebook();
  const actors = useActors();
  const relationships = useRelationships();
  const outlets = useOutlets();
  const filtered = Object.keys(q).some((k) => k !== 'sort');
  return (
    <details className="library-filters">
      <summary>Sort and filter{filtered ? ' (filtered)' : ''}</summary>
      <div className="filter-grid">
        <label className="field">
          <span>Sort</span>
          <select aria-label="Sort" value={q.sort} onChange={(e) => set({ sort: e.target.value as LibrarySort })}>
            {SORTS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Relationship</span>
          <select aria-label="Relationship" value={q.relationshipId ?? ''} onChange={(e) => set({ relationshipId: num(e.target.value) })}>
            <option value="">all</option>
            {(relationships.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Code</span>
          <select aria-label="Code" value={q.codeId ?? ''} onChange={(e) => set({ codeId: num(e.target.value) })}>
            <option value="">any</option>
            {(codes.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.parentId === null ? c.name : `  ${c.name}`}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Actor</span>
          <select aria-label="Actor" value={q.actorId ?? ''} onChange={(e) => set({ actorId: num(e.target.value) })}>
            <option value="">any</option>
            {(actors.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.code})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Outlet</span>
          <select aria-label="Outlet" value={q.outlet ?? ''} onChange={(e) => set({ outlet: e.target.value })}>
            <option value="">any</option>
            {(outlets.data ?? []).map((o) => (
              <option key={o.outlet} value={o.outlet}>
                {o.outlet} ({o.count})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From</span>
          <input aria-label="From" type="date" value={q.fromDate ?? ''} onChange={(e) => set({ fromDate: e.target.value })} />
        </label>
        <label className="field">
          <span>To</span>
          <input aria-label="To" type="date" value={q.toDate ?? ''} onChange={(e) => set({ toDate: e.target.value })} />
        </label>
        {filtered && (
          <button
            type="button"
            onClick={() =>
              set({
                relationshipId: undefined,
                codeId: undefined,
                actorId: undefined,
                outlet: undefined,
                fromDate: undefined,
                toDate: undefined,
              })
            }
          >
            Clear filters
          </button>
        )}
      </div>
    </details>
  );
}
