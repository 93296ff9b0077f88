/**
 * In the codebook: how good this workspace's suggestions are, measured on
 * held-out articles (one in five) with a model trained without them, and the
 * confidence below which each code is not suggested.
 */
import { useSetThreshold, useSuggestQuality } from '../../state/suggestQueries';
import type { Code } from '../../../../shared/api/schemas';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);

export function SuggestQuality({ codes }: { codes: readonly Code[] }) {
  const quality = useSuggestQuality(true);
  const setThreshold = useSetThreshold();
  if (!quality.data) return <p aria-busy="true">Measuring suggestions…</p>;
  return (
    <section className="suggest-quality" aria-label="Suggestion quality">
      <h3>Suggestions</h3>
      <p className="muted">
        Measured on your tags in held-out articles (one article in five), trained on {quality.data.trainedOn} sentences. A code is not
        suggested below its threshold.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">Held-out tags</th>
            <th scope="col">Threshold</th>
          </tr>
        </thead>
        <tbody>
          {quality.data.codes.map((q) => {
            const name = codes.find((c) => c.id === q.codeId)?.name ?? '?';
            return (
              <tr key={q.codeId}>
                <td>{name}</td>
                <td>{pct(q.precision)}</td>
                <td>{pct(q.recall)}</td>
                <td>{q.support}</td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    step={5}
                    aria-label={`Suggestion threshold for ${name} (per cent)`}
                    defaultValue={Math.round(q.threshold * 100)}
                    onBlur={(e) => {
                      const v = Number(e.target.value);
                      if (Number.isFinite(v) && v >= 0 && v <= 100) setThreshold.mutate({ codeId: q.codeId, threshold: v / 100 });
                    }}
                  />{' '}
                  %
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
