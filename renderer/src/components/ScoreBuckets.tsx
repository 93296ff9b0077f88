import { useState } from 'react';
import { useCodebook } from '../state/queries';
import { useBuckets } from '../state/scoreQueries';
import { bucketColumns } from './bucketColumns';

/**
 * Calendar buckets (week or month, zero-filled): sum of s_e, count, mean, and a
 * total per top-level code (subtypes on request) — comparable with ICEWS/GDELT series.
 */
export function ScoreBuckets({ relationshipId }: { relationshipId: number }) {
  const [unit, setUnit] = useState<'week' | 'month'>('month');
  const [subtypes, setSubtypes] = useState(false);
  const buckets = useBuckets(relationshipId, unit, true);
  const codes = useCodebook();
  const b = buckets.data;
  const columns = b && codes.data ? bucketColumns(b.codes, codes.data, subtypes) : [];
  const hasSubtypes = columns.some((c) => c.keys.length > 1 || c.keys[0] !== c.id);
  return (
    <section className="buckets" aria-label="Calendar buckets">
      <div className="buckets-controls">
        <div className="view-switch" role="radiogroup" aria-label="Bucket">
          {(['week', 'month'] as const).map((u) => (
            <button key={u} type="button" role="radio" aria-checked={unit === u} onClick={() => setUnit(u)}>
              {u === 'week' ? 'Weeks' : 'Months'}
            </button>
          ))}
        </div>
        {(hasSubtypes || subtypes) && (
          <label className="inline">
            <input type="checkbox" checked={subtypes} onChange={(e) => setSubtypes(e.target.checked)} /> Subtypes
          </label>
        )}
      </div>
      {b && codes.data && (
        // A scroll region is focusable so that the keyboard can scroll it (axe: scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-scroll scroll-region" role="region" aria-label="Calendar table" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{unit === 'week' ? 'Week of' : 'Month'}</th>
                <th scope="col" title="Sum of the signed scores s">
                  Σ s
                </th>
                <th scope="col" title="Tags">
                  n
                </th>
                <th scope="col">mean</th>
                {columns.map((c) => (
                  <th key={c.id} scope="col" title={c.title} className={c.total ? 'code-total' : 'code-subtype'}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...b.buckets].reverse().map((row) => (
                <tr key={row.start} className={row.count === 0 ? 'quiet' : undefined}>
                  <td>{unit === 'week' ? row.start : row.start.slice(0, 7)}</td>
                  <td>{row.sum.toFixed(2)}</td>
                  <td>{row.count}</td>
                  <td>{row.mean === null ? '–' : row.mean.toFixed(2)}</td>
                  {columns.map((c) => (
                    <td key={c.id} className={c.total ? 'code-total' : 'code-subtype'}>
                      {c.keys.reduce((n, k) => n + (row.counts[k] ?? 0), 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
