import type { OpOutput, OpParsedInput } from '../../../shared/api/contract';
import type { ExportFormat, ExportedFile } from '../../../shared/api/exchange';
import type { ReportFormat } from '../../../shared/api/schemas';
import type { Db } from '../../db/connection';
import type { AppContext } from '../context';
import { renderWebAnnotations } from '../exchange/jsonld';
import { renderQdc, renderQdpx } from '../exchange/qdpx';
import { renderAnnotationsCsv, renderEventsCsv, renderSeriesCsv } from './csv';
import { gatherBrief, gatherReport, reportFileStem, type ReportData } from './data';
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

interface FileRenderer {
  suffix: string;
  mimeType: string;
  render(d: ReportData, db: Db): string | Uint8Array | Promise<Uint8Array>;
}

// The PDF and Word writers (pdfkit with fontkit and its Unicode tables, docx) are loaded on the first export
// of their kind: loaded with the workspace they took about 0.35 s of every start's CPU (npm run bench, coldStart).
const renderPdfReport = async (d: ReportData) => (await import('./pdf')).renderPdfReport(d);
const renderDocxReport = async (d: ReportData) => (await import('./docx')).renderDocxReport(d);

/** Every format of the export dialog and the CLI's `export` command. */
export const FILE_RENDERERS: Record<ExportFormat, FileRenderer> = {
  'brief-html': { suffix: '-brief.html', mimeType: 'text/html;charset=utf-8', render: renderHtmlReport },
  'brief-pdf': { suffix: '-brief.pdf', mimeType: 'application/pdf', render: renderPdfReport },
  'brief-docx': {
    suffix: '-brief.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: renderDocxReport,
  },
  'brief-md': { suffix: '-brief.md', mimeType: 'text/markdown;charset=utf-8', render: renderMarkdownReport },
  'quotes-csv': { suffix: '-quotes.csv', mimeType: 'text/csv;charset=utf-8', render: renderAnnotationsCsv },
  'events-csv': { suffix: '-events.csv', mimeType: 'text/csv;charset=utf-8', render: renderEventsCsv },
  'series-csv': { suffix: '-series.csv', mimeType: 'text/csv;charset=utf-8', render: renderSeriesCsv },
  'annotations-jsonld': { suffix: '-annotations.jsonld', mimeType: 'application/ld+json', render: renderWebAnnotations },
  qdpx: { suffix: '.qdpx', mimeType: 'application/zip', render: renderQdpx },
  qdc: { suffix: '-codebook.qdc', mimeType: 'application/xml', render: renderQdc },
};

/** Renders one export; binary formats come back as bytes. */
export async function exportBytesOrText(
  ctx: AppContext,
  input: OpParsedInput<'export:file'>,
): Promise<{ fileName: string; mimeType: string; data: string | Uint8Array }> {
  const { format, ...options } = input;
  const d = gatherBrief(ctx, options);
  const r = FILE_RENDERERS[format];
  const data = await r.render(d, ctx.workspace.db);
  return { fileName: `${reportFileStem(d)}${r.suffix}`, mimeType: r.mimeType, data };
}

export async function exportFile(ctx: AppContext, input: OpParsedInput<'export:file'>): Promise<ExportedFile> {
  const { fileName, mimeType, data } = await exportBytesOrText(ctx, input);
  return typeof data === 'string'
    ? { fileName, mimeType, encoding: 'utf8', content: data }
    : { fileName, mimeType, encoding: 'base64', content: Buffer.from(data).toString('base64') };
}
