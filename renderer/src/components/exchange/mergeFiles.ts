/**
 * One entry point for exchange files: the library's Import… dialog and a drop
 * on the window hand .qdpx, .qdc, JSON-LD and workspace files here (the
 * merge reader tells their kind from the content), and documents to the
 * document importer.
 */
import type { OpInput } from '../../../../shared/api/contract';
import { isExchangeFileName, type ImportSummary } from '../../../../shared/api/exchange';
import type { PickedFile } from '../../import/files';
import { fileToBase64 } from './saveFile';

export function splitExchangeFiles(files: PickedFile[]): { exchange: PickedFile[]; documents: PickedFile[] } {
  const exchange = files.filter((f) => isExchangeFileName(f.file.name));
  return { exchange, documents: files.filter((f) => !exchange.includes(f)) };
}

/** What a merge did, in one paragraph: counts, the codes it added (by name), what was taken and what waits. */
export function mergeSummaryText(fileName: string, s: ImportSummary): string {
  const parts = [
    `${fileName}: articles ${s.articlesAdded} added, ${s.articlesMatched} already here; tags ${s.annotationsAdded} added, ${s.annotationsDuplicate} duplicates left out, ${s.conflicts} conflicts.`,
  ];
  if (s.codesAdded > 0)
    parts.push(`Codes added (${s.codesAdded}): ${s.codeNames.join(', ')}${s.codesAdded > s.codeNames.length ? ', …' : ''}.`);
  if (s.events > 0) parts.push(`Event groups: ${s.events}.`);
  if (s.settingsTaken.length > 0) parts.push(`Taken from the file: ${s.settingsTaken.join(' ')}`);
  if (s.settingConflicts > 0) parts.push(`${s.settingConflicts} setting differences to decide (Export → Import or merge…).`);
  if (s.skipped.length > 0) parts.push(`Not brought in: ${s.skipped.join(' ')}`);
  return parts.join(' ');
}

/**
 * Merges each exchange file in turn with `merge` (export:import through its mutation, which refreshes what it changed);
 * returns one summary line per file (an error is said for its file, the others go on).
 */
export async function mergeExchangeFiles(
  files: PickedFile[],
  merge: (input: OpInput<'export:import'>) => Promise<ImportSummary>,
): Promise<{ ok: boolean; text: string }[]> {
  const out: { ok: boolean; text: string }[] = [];
  for (const f of files) {
    try {
      const s = await merge({ fileName: f.file.name, contentBase64: await fileToBase64(f.file) });
      out.push({ ok: true, text: mergeSummaryText(f.path, s) });
    } catch (err) {
      out.push({ ok: false, text: `${f.path}: ${(err as Error).message}` });
    }
  }
  return out;
}
