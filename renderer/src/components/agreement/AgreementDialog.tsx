import { useMemo, useState } from 'react';
import type { AgreementReport } from '../../../../shared/api/agreement';
import type { OpInput } from '../../../../shared/api/contract';
import { isoToDay } from '../../../../shared/domain/dates';
import { useAgreementReport } from '../../state/agreementQueries';
import { useApiAction } from '../../state/mutation';
import { useUi } from '../../state/ui';
import { saveExported } from '../exchange/saveFile';
import { ModalDialog } from '../ModalDialog';
import { TimeChart, type ChartSeries } from '../TimeChart';

type Unit = NonNullable<OpInput<'agreement:report'>['unit']>;
const UNITS: Unit[] = ['sentence', 'paragraph', 'article', 'character'];
const COLORS = ['#d97706', '#2563eb', '#059669', '#7c3aed', '#db2777'];

const num = (x: number | null, digits = 3) => (x === null ? '–' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

function Sensitivity({ s }: { s: NonNullable<AgreementReport['sensitivity']> }) {
  const from = isoToDay(s.fromDate);
  const days = useMemo(() => (s.series[0]?.M ?? []).map((_, i) => from + i), [s, from]);
  const series = useMemo<ChartSeries[]>(
    () => s.series.map((x, i) => ({ label: x.label, values: x.M, color: x.key === 'consensus' ? 'var(--ink)' : (COLORS[i % COLORS.length] ?? 'var(--ink)'), width: x.key === 'consensus' ? 2.5 : 1.5 })),
    [s],
  );
  const label = (key: string) => s.series.find((x) => x.key === key)?.label ?? key;
  return (
    <section aria-label="Score sensitivity">
      <h3>Score sensitivity · {s.label}</h3>
      <p data-testid="largest-difference">
        {s.largest
          ? `Largest difference in M: ${s.largest.difference.toFixed(2)} on ${s.largest.date} (${label(s.largest.a)} vs ${label(s.largest.b)}).`
          : 'The layers never both have a score on the same day.'}
      </p>
      <TimeChart days={days} series={series} height={160} yRange={[-10, 10]} label="M of each layer" />
    </section>
  );
}

/** The agreement report between coder layers: per code and overall, with the unit chosen, and the score's sensitivity. */
export function AgreementDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const relationshipId = useUi((s) => s.relationshipId);
  const halfLifeDays = useUi((s) => s.halfLifeDays);
  const say = useUi((s) => s.say);
  const [unit, setUnit] = useState<Unit>('sentence');
  const input = { unit, halfLifeDays, ...(relationshipId !== null ? { relationshipId } : {}) };
  const report = useAgreementReport(input, open);
  const exportCsv = useApiAction('agreement:csv');
  const r = report.data;
  const csv = async () => {
    try {
      const file = await exportCsv.mutateAsync(input);
      saveExported(file);
      say('info', `Exported ${file.fileName}.`);
    } catch (err) {
      say('error', (err as Error).message);
    }
  };
  return (
    <ModalDialog open={open} onClose={onClose} title="Agreement between coders" className="agreement-dialog">
      <p>
        <label className="inline">
          Unit{' '}
          <select value={unit} onChange={(e) => setUnit(e.target.value as Unit)} aria-label="Unit">
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={() => void csv()} disabled={!r}>
          Export CSV
        </button>
      </p>
      {report.isError && <p role="alert">{(report.error).message}</p>}
      {report.isPending && !report.isError && <p>Computing…</p>}
      {r && (
        <>
          <p>
            {r.layers.map((l) => `${l.label} (${l.passages})`).join(' · ')} · {r.articleIds.length} articles · {r.units.toLocaleString('en')} {r.unit}s
          </p>
          <table className="agreement-table" aria-label="Agreement by code">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Passages</th>
                <th scope="col">% agreement (characters)</th>
                <th scope="col">Cohen’s κ (characters)</th>
                <th scope="col">Krippendorff’s α ({r.unit})</th>
                <th scope="col">α_u / cu-α</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="agreement-overall">
                <th scope="row">All codes</th>
                <td>{r.layers.map((l) => l.passages).join(' / ')}</td>
                <td>{pct(r.percentAgreement)}</td>
                <td>{num(r.kappa)}</td>
                <td>{num(r.alpha)}</td>
                <td>{num(r.alphaU)}</td>
              </tr>
              {r.codes.map((c) => (
                <tr key={c.code} data-testid={`agreement-code-${c.code}`}>
                  <th scope="row">{c.name}</th>
                  <td>{c.passages.join(' / ')}</td>
                  <td>{pct(c.percentAgreement)}</td>
                  <td>{num(c.kappa)}</td>
                  <td>{num(c.alpha)}</td>
                  <td>{num(c.cuAlpha)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="direction-agreement">
            Direction: {r.direction.agreed} of {r.direction.pairs} passages tagged alike have the same source and target ({pct(r.direction.percent)}, α{' '}
            {num(r.direction.alpha)}).
          </p>
          {r.diagnostics.length > 0 && (
            <ul className="diagnostics" aria-label="Diagnostics">
              {r.diagnostics.map((d, i) => (
                <li key={i}>{d.message}</li>
              ))}
            </ul>
          )}
          {r.sensitivity && <Sensitivity s={r.sensitivity} />}
        </>
      )}
    </ModalDialog>
  );
}
