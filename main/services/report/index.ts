import type { OpOutput } from '../../../shared/api/contract';
import type { ReportFormat } from '../../../shared/api/schemas';
import type { AppContext } from '../context';
import { renderAnnotationsCsv } from './csv';
import { gatherReport, reportFileStem, type ReportData } from './data';
import { renderHtmlReport } from './html';
import { renderJsonReport } from './json';
import { renderMarkdownReport } from './markdown';

const RENDERERS: Record<ReportFormat, { ext: string; mimeType: string; render(d: ReportData): string }> = {
  html: { ext: 'html', mimeType: 'text/html;charset=utf-8', render: renderHtmlReport },
  md: { ext: 'md', mimeType: 'text/markdown;charset=utf-8', render: renderMarkdownReport },
  csv: { ext: 'csv', mimeType: 'text/csv;charset=utf-8', render: renderAnnotationsCsv },
  json: { ext: 'json', mimeType: 'application/json', render: renderJsonReport },
};

export function exportReport(
  ctx: AppContext,
  input: { relationshipId: number; format: ReportFormat; halfLifeDays: number },
): OpOutput<'report:export'> {
  const data = gatherReport(ctx, input.relationshipId, input.halfLifeDays);
  const r = RENDERERS[input.format];
  return { fileName: `${reportFileStem(data)}.${r.ext}`, mimeType: r.mimeType, content: r.render(data) };
}
