/** Turns scenario results into table rows, the printed table and its Markdown form. */
import type { ScenarioResult } from './types';

export interface MetricRow {
  scenario: string;
  metric: string;
  median: number | string;
  p95: number | string | null;
  unit: string;
  target: string;
  ratio: number | null;
  result: 'pass' | 'miss' | '';
  note: string;
}

export interface DetailRow {
  scenario: string;
  key: string;
  value: number | string;
}

const FIELDS = ['median', 'p95', 'unit', 'target', 'ratio', 'pass', 'note', 'runs'] as const;
type Field = (typeof FIELDS)[number];

/**
 * `<name>.<field>` (the convention of measure.ts: metric()), and, for
 * scenarios written without it, `<name> median ms`, `<name>_p95_ms`,
 * `<name>MedianMs` and the like.
 */
export function parseMetricKey(key: string): { name: string; field: Field; ms: boolean } | null {
  const dotted = /^(.+)\.(median|p95|unit|target|ratio|pass|note|runs)$/.exec(key);
  if (dotted) return { name: dotted[1]!, field: dotted[2] as Field, ms: false };
  const loose = /^(.*?)[ ._-]*(median|p50|p95|target|ratio|pass)[ ._-]*(ms)?$/i.exec(key);
  if (!loose) return null;
  const word = loose[2]!.toLowerCase();
  // A bare `median_ms` names the scenario's one figure: rowsOf() gives it the scenario's name.
  return { name: loose[1]!, field: (word === 'p50' ? 'median' : word) as Field, ms: Boolean(loose[3]) };
}

export function rowsOf(scenario: string, result: ScenarioResult): { metrics: MetricRow[]; details: DetailRow[] } {
  const groups = new Map<string, Partial<Record<Field, number | string>> & { ms?: boolean }>();
  const details: DetailRow[] = [];
  for (const [key, value] of Object.entries(result)) {
    const parsed = parseMetricKey(key);
    if (parsed && parsed.name === '') parsed.name = scenario;
    if (!parsed) {
      details.push({ scenario, key, value });
      continue;
    }
    const g = groups.get(parsed.name) ?? {};
    g[parsed.field] = value;
    if (parsed.ms) g.ms = true;
    groups.set(parsed.name, g);
  }
  const metrics: MetricRow[] = [];
  for (const [name, g] of groups) {
    if (g.median === undefined) {
      // Not a measured figure after all: keep its parts as details.
      for (const f of FIELDS) if (g[f] !== undefined) details.push({ scenario, key: `${name}.${f}`, value: g[f]! });
      continue;
    }
    const pass = typeof g.pass === 'string' ? g.pass.toLowerCase() : g.pass;
    metrics.push({
      scenario,
      metric: name,
      median: g.median,
      p95: g.p95 ?? null,
      unit: String(g.unit ?? (g.ms ? 'ms' : '')),
      target: String(g.target ?? ''),
      ratio: typeof g.ratio === 'number' ? g.ratio : null,
      result: pass === 'pass' || pass === 'true' || pass === 1 ? 'pass' : pass === undefined ? '' : 'miss',
      note: String(g.note ?? ''),
    });
  }
  return { metrics, details };
}

const HEADER = ['scenario', 'metric', 'median', 'p95', 'unit', 'target', 'ratio to floor', 'result'];

function cells(r: MetricRow): string[] {
  const num = (x: number | string | null) => (x === null ? '' : typeof x === 'number' ? x.toLocaleString('en') : x);
  return [r.scenario, r.metric, num(r.median), num(r.p95), r.unit, r.target, r.ratio === null ? '' : `${r.ratio}×`, r.result];
}

export function textTable(rows: readonly MetricRow[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => line(cells(r)))].join('\n');
}

export function markdownTable(rows: readonly MetricRow[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((_, i) => (i >= 2 && i <= 3 ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}
