import { useState } from 'react';
import { useBuckets } from '../state/scoreQueries';

/** Calendar buckets (week or month, zero-filled): sum of s_e, count per code, mean — comparable with ICEWS/GDELT series. */
export function ScoreBuckets({ relationshipId }: { relationshipId: number }) {
  const [unit, setUnit] = useState<'week' | 'month'>('month');
  const buckets = useBuckets(relationshipId, unit, true);
  const b = buckets.data;
  return (
    <section className="buckets" aria-label="Calendar buckets">
      <div className="view-switch" role="radiogroup" aria-label="Bucket">
        {(['week', 'month'] as const).map((u) => (
          <button key={u} type="button" role="radio" aria-checked={unit === u} onClick={() => setUnit(u)}>
            {u === 'week' ? 'Weeks' : 'Months'}
          </button>
        ))}
      </div>
      {b && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{unit === 'week' ? 'Week of' : 'Month'}</th>
                <th scope="col">Σ s</th>
                <th scope="col">n</th>
                <th scope="col">mean</th>
                {b.codes.map((c) => (
                  <th key={c} scope="col">
                    {c}
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
                  {b.codes.map((c) => (
                    <td key={c}>{row.counts[c] ?? 0}</td>
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
