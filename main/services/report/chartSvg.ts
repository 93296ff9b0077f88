import { dayToIso } from '../../../shared/domain/dates';
import type { ScoreSeries } from '../../../shared/scoring/score';
import { escapeHtml } from './escape';

const W = 720;
const H = 240;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };

function path(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** The sentiment series as an inline SVG (no script, no external reference). */
export function sentimentChartSvg(series: ScoreSeries, labels: { ab: string; ba: string }): string {
  const n = series.combined.M.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i / (n - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + ((10 - v) / 20) * (H - PAD.top - PAD.bottom);
  const ticks = [-10, -5, 0, 5, 10]
    .map(
      (v) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ccc" stroke-width="${v === 0 ? 1 : 0.5}"/>` +
        `<text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="10" fill="#555">${v}</text>`,
    )
    .join('');
  const dates =
    n > 0
      ? `<text x="${PAD.left}" y="${H - 8}" font-size="10" fill="#555">${escapeHtml(dayToIso(series.fromDay))}</text>` +
        `<text x="${W - PAD.right}" y="${H - 8}" font-size="10" fill="#555" text-anchor="end">${escapeHtml(dayToIso(series.toDay))}</text>`
      : '';
  const line = (values: readonly (number | null)[], color: string, width: number, dash = '') =>
    `<path d="${path(values, x, y)}" fill="none" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
  const legend =
    `<text x="${PAD.left + 4}" y="${PAD.top + 10}" font-size="10" fill="#222">— combined M</text>` +
    `<text x="${PAD.left + 90}" y="${PAD.top + 10}" font-size="10" fill="#b45309">— ${escapeHtml(labels.ab)}</text>` +
    `<text x="${PAD.left + 170}" y="${PAD.top + 10}" font-size="10" fill="#2563eb">— ${escapeHtml(labels.ba)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Running sentiment">` +
    ticks +
    dates +
    line(series.ab.M, '#b45309', 1.2, '4 2') +
    line(series.ba.M, '#2563eb', 1.2, '4 2') +
    line(series.combined.M, '#222', 2) +
    legend +
    `</svg>`
  );
}
