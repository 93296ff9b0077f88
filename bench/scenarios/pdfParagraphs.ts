/**
 * PDF paragraphs (issue 15, item 3): documents written by bench/pdf/corpus.ts
 * in five layouts, made into PDFs by LibreOffice (cached under
 * .cache/pdf-corpus), read by Parley's PDF reader; paragraph-boundary
 * precision and recall against the paragraphs written (targets ≥ 0.95 each).
 * Skipped, with a note, where LibreOffice is not installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../main/services/context';
import { importPdf } from '../../main/services/import/pdf';
import { countBoundaries } from '../pdf/boundaries';
import { corpus, hasSoffice, makePdfs } from '../pdf/corpus';
import { metric } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

export async function run(_ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  if (!hasSoffice()) return { 'pdf paragraphs': 'skipped: LibreOffice (soffice) is not installed' };
  // Quick: one short document per layout (one LibreOffice run, a few seconds); full: four of two to four pages each.
  const docs = opts.quick ? corpus(1, 10) : corpus(4, 40);
  const started = Date.now();
  const pdfs = makePdfs(docs, path.resolve('.cache', 'pdf-corpus'));
  opts.log(`pdfParagraphs: ${docs.length} PDFs ready in ${Date.now() - started} ms`);
  const total = { found: 0, expected: 0, correct: 0 };
  const perStyle = new Map<string, { found: number; expected: number; correct: number }>();
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const read = await importPdf(new Uint8Array(fs.readFileSync(pdfs[i]!)));
    const c = countBoundaries(
      doc.blocks.map((b) => b.text),
      read.text.split('\n\n'),
    );
    const s = perStyle.get(doc.style.name) ?? { found: 0, expected: 0, correct: 0 };
    for (const t of [total, s]) {
      t.found += c.found;
      t.expected += c.expected;
      t.correct += c.correct;
    }
    perStyle.set(doc.style.name, s);
  }
  const precision = total.correct / Math.max(1, total.found);
  const recall = total.correct / Math.max(1, total.expected);
  const out: ScenarioResult = {
    ...metric('paragraph-boundary precision', { median: precision, p95: precision }, { unit: 'ratio', target: '≥ 0.95', pass: precision >= 0.95, note: `${total.correct}/${total.found} boundaries found are right` }),
    ...metric('paragraph-boundary recall', { median: recall, p95: recall }, { unit: 'ratio', target: '≥ 0.95', pass: recall >= 0.95, note: `${total.correct}/${total.expected} boundaries written were found` }),
    'pdf documents': docs.length,
  };
  for (const [name, s] of perStyle) out[`layout ${name}`] = `precision ${(s.correct / Math.max(1, s.found)).toFixed(3)}, recall ${(s.correct / Math.max(1, s.expected)).toFixed(3)}`;
  return out;
}
