/** The brief's "Agreement between coders" section (issue 16), shown once a colleague's layer exists. */
import type { AgreementReport } from '../../../shared/api/agreement';
import { fmt } from './data';
import { escapeHtml as h } from './escape';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

export function agreementSectionHtml(r: AgreementReport | null | undefined): string {
  if (!r) return '';
  const rows = [
    `<tr><td class="l">All codes</td><td>${pct(r.percentAgreement)}</td><td>${fmt(r.kappa, 3)}</td><td>${fmt(r.alpha, 3)}</td><td>${fmt(r.alphaU, 3)}</td></tr>`,
    ...r.codes.map(
      (c) =>
        `<tr><td class="l">${h(c.name)}</td><td>${pct(c.percentAgreement)}</td><td>${fmt(c.kappa, 3)}</td><td>${fmt(c.alpha, 3)}</td><td>${fmt(c.cuAlpha, 3)}</td></tr>`,
    ),
  ].join('');
  const s = r.sensitivity;
  const most = s?.largest;
  const largest =
    s && most
      ? `<p>Score sensitivity: the largest difference in M between two coders' series is ${fmt(most.difference, 2)}, on ${h(most.date)} (${h(
          s.series.find((x) => x.key === most.a)?.label ?? most.a,
        )} vs ${h(s.series.find((x) => x.key === most.b)?.label ?? most.b)}).</p>`
      : '';
  return `<h2>Agreement between coders</h2>
<p>${h(r.layers.map((l) => l.label).join(', '))} over ${r.articleIds.length} articles (${r.units.toLocaleString('en')} ${h(r.unit)}s).</p>
<table><tr><th class="l">Code</th><th>% agreement (characters)</th><th>Cohen's κ</th><th>Krippendorff's α (${h(r.unit)})</th><th>α<sub>u</sub> / cu-α</th></tr>${rows}</table>
<p>Direction: ${r.direction.agreed} of ${r.direction.pairs} passages tagged alike have the same source and target (${pct(r.direction.percent)}).</p>
${largest}${r.diagnostics.length ? `<ul>${r.diagnostics.map((d) => `<li>${h(d.message)}</li>`).join('')}</ul>` : ''}
`;
}
