import type { OpOutput } from '../../../shared/api/contract';
import { fixed } from '../../../shared/domain/numbers';

const f3 = (v: number | null) => (v === null ? '–' : fixed(v, 3));

/**
 * "Why this score": every contribution to the day's figures, per direction,
 * with the sums that make R and A of each direction, and the figures shown.
 * Items not listed (older than 20 half-lives, or beyond the list's length)
 * are one row, so that the columns add up exactly.
 */
export function WhyScore({ evidence, abLabel, baLabel }: { evidence: OpOutput<'score:evidence'>; abLabel: string; baLabel: string }) {
  const { figures, rest } = evidence;
  const directions = [
    { key: 'ab' as const, label: abLabel },
    { key: 'ba' as const, label: baLabel },
  ];
  return (
    <table className="why-score" aria-label={`Why this score on ${evidence.date}`}>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Date</th>
          <th scope="col">s_e</th>
          <th scope="col">decay</th>
          <th scope="col">contribution</th>
        </tr>
      </thead>
      {directions.map(({ key, label }) => {
        const items = evidence.items.filter((e) => e.direction === key);
        const restR = rest[key].R;
        const restA = rest[key].A;
        return (
          <tbody key={key}>
            <tr className="why-direction">
              <th colSpan={5} scope="rowgroup">
                {label}
              </th>
            </tr>
            {items.map((e) => (
              <tr key={`${e.eventId ?? 'a'}-${e.annotationId}`}>
                <td>
                  {e.codeName}
                  {e.eventId !== null ? ` (event, ${e.passages.length} passages)` : ''}
                </td>
                <td>{e.eventDate}</td>
                <td>{f3(e.s)}</td>
                <td>{f3(e.decay)}</td>
                <td>{f3(e.contribution)}</td>
              </tr>
            ))}
            {(Math.abs(restR) > 5e-4 || Math.abs(restA) > 5e-4) && (
              <tr>
                <td colSpan={3}>Not listed (older or lighter)</td>
                <td>{f3(restA)}</td>
                <td>{f3(restR)}</td>
              </tr>
            )}
            <tr className="why-sum" data-testid={`why-sum-${key}`}>
              <td colSpan={3}>
                Sum: A<sub>{label}</sub> and R<sub>{label}</sub>, M = R / A = {f3(figures[key].M)}
              </td>
              <td>{f3(figures[key].A)}</td>
              <td>{f3(figures[key].R)}</td>
            </tr>
          </tbody>
        );
      })}
      <tfoot>
        <tr className="why-total" data-testid="why-total">
          <td colSpan={3}>
            Both directions: M = R / A = <b>{f3(figures.combined.M)}</b>, asymmetry {f3(figures.asymmetry)}, index {f3(figures.index)}
          </td>
          <td>{f3(figures.combined.A)}</td>
          <td>{f3(figures.combined.R)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
