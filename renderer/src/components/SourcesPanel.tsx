import { GRADE_LETTERS } from '../../../shared/api/schemas';
import { useGradeOutlet, useReliability, useSetGradeFactor } from '../state/scoreQueries';

/**
 * Source reliability: each outlet graded A–F (as intelligence analysts grade
 * sources); each grade is a factor r_e the analyst can change. Ungraded = 1.
 */
export function SourcesPanel() {
  const reliability = useReliability();
  const grade = useGradeOutlet();
  const setFactor = useSetGradeFactor();
  const data = reliability.data;
  if (!data) return null;
  return (
    <section className="sources" aria-label="Source reliability">
      {data.outlets.length === 0 ? (
        <p className="empty-state">No outlet yet: articles name their outlet when added.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Outlet</th>
              <th scope="col">Tags</th>
              <th scope="col">Grade</th>
              <th scope="col">r</th>
            </tr>
          </thead>
          <tbody>
            {data.outlets.map((o) => (
              <tr key={o.outlet}>
                <td>{o.outlet}</td>
                <td>{o.annotationCount}</td>
                <td>
                  <select
                    aria-label={`Grade of ${o.outlet}`}
                    value={o.grade ?? ''}
                    onChange={(e) => grade.mutate({ outlet: o.outlet, grade: e.target.value === '' ? null : (e.target.value as 'A') })}
                  >
                    <option value="">ungraded</option>
                    {data.grades.map((g) => (
                      <option key={g.grade} value={g.grade}>
                        {g.grade} — {g.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-testid="outlet-factor">{o.factor.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>Factors of the grades</summary>
        <ul className="grade-factors">
          {GRADE_LETTERS.map((letter) => {
            const g = data.grades.find((x) => x.grade === letter);
            if (!g) return null;
            return (
              <li key={letter}>
                <label>
                  {letter} · {g.label}{' '}
                  <input
                    type="number"
                    min={0}
                    max={1}
                    step={0.05}
                    defaultValue={g.factor}
                    key={g.factor}
                    aria-label={`Factor of grade ${letter}`}
                    onBlur={(e) => {
                      const v = Number(e.target.value);
                      if (v !== g.factor) setFactor.mutate({ grade: letter, factor: v });
                    }}
                  />
                </label>
              </li>
            );
          })}
        </ul>
      </details>
    </section>
  );
}
