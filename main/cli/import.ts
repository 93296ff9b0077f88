import { ImportStartInput, type ImportItem } from '../../shared/api/importSchemas';
import { ApiError } from '../../shared/api/errors';
import { importPaths, jobStatus } from '../services/import';
import path from 'node:path';
import { isExchangeFileName } from '../../shared/api/exchange';
import { importFile } from '../services/exchange';
import { text, numeric, printMergeSummary, type CliCommand } from './command';

const LOOK_ALIKES = ['skip', 'keep-both', 'replace', 'replace-text', 'merge'] as const;
const UNDATED = ['skip', 'import-date'] as const;

export const importCommand: CliCommand = {
  summary: 'Imports files and folders (web pages, PDF, Word, OpenDocument, RTF, e-mail, text, Markdown).',
  usage:
    'import <files or folders…> [--relationship <id>] [--look-alikes skip|keep-both|replace|replace-text|merge] [--undated skip|import-date]',
  options: { relationship: { type: 'string' }, 'look-alikes': { type: 'string' }, undated: { type: 'string' } },
  help: [
    '  --relationship <id>   file the imported articles under this relationship',
    '  --look-alikes         what to do with a file whose text is (nearly) an article already here (default skip):',
    '                        skip, keep-both, replace, replace-text (the file’s text into the saved article, tags',
    '                        re-anchored) or merge (the richer metadata of the two, text and tags kept)',
    '  --undated             files with no date in them: skip (default) or import-date (dated with today)',
  ],
  async run(values, paths, { call, ctx, out }) {
    if (paths.length === 0) {
      out('Name the files or folders to import: npm run cli -- import <files or folders…> --workspace <file>');
      return 2;
    }
    // A colleague's .qdpx, .qdc, JSON-LD or workspace goes to the merge reader, as from the app's Import….
    for (const file of paths.filter(isExchangeFileName)) {
      out(`merging  ${file}`);
      printMergeSummary(importFile(ctx, path.resolve(file)), out);
    }
    paths.splice(0, paths.length, ...paths.filter((p) => !isExchangeFileName(p)));
    if (paths.length === 0) return 0;
    const lookAlikes = LOOK_ALIKES.find((v) => v === (text(values, 'look-alikes') ?? 'skip'));
    if (!lookAlikes) {
      out(
        '--look-alikes must be skip, keep-both, replace, replace-text (the file’s text into the saved article, tags re-anchored) or merge (the richer metadata of the two, text and tags kept).',
      );
      return 2;
    }
    const undated = UNDATED.find((v) => v === (text(values, 'undated') ?? 'skip'));
    if (!undated) {
      out('--undated must be skip (files without a date are left out) or import-date (they are dated with today).');
      return 2;
    }
    // The paths are read here (the API takes uploads); the relationship is checked with the API's own schema, then looked up.
    const relationship = text(values, 'relationship');
    const parsed = ImportStartInput.shape.relationshipId.safeParse(relationship === undefined ? null : numeric(relationship));
    if (!parsed.success) throw new ApiError('BAD_INPUT', `--relationship: ${parsed.error.issues[0]?.message ?? 'not an id'}.`);
    const relationshipId = parsed.data;
    if (relationshipId !== null && !(await call('relationships:list')).some((r) => r.id === relationshipId))
      throw new ApiError('NOT_FOUND', `There is no relationship ${relationshipId}.`);
    const signal = { cancelled: false };
    const onSigint = () => {
      signal.cancelled = true;
      out('Cancelling: files already saved are kept.');
    };
    process.once('SIGINT', onSigint);
    let lastLine = '';
    try {
      const job = await importPaths(ctx, paths, {
        relationshipId,
        onLookAlike: lookAlikes,
        onUndated: undated,
        signal,
        onProgress: (s) => {
          const line = `${s.phase === 'reading' ? 'Reading' : 'Saving'} ${s.processed}/${s.total}${s.timeLeftMs !== null ? `, about ${Math.ceil(s.timeLeftMs / 1000)} s left` : ''}`;
          if ((s.phase === 'reading' || s.phase === 'saving') && line !== lastLine && process.stderr.isTTY)
            process.stderr.write(`\r${line}   `);
          lastLine = line;
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const status = jobStatus(job, true);
      const items: ImportItem[] = status.items ?? [];
      const saved = items.filter((i) => i.status === 'saved');
      const notSaved = items.filter((i) => i.status !== 'saved');
      for (const i of saved) out(`imported  ${i.fileName}  →  “${i.title}” (${i.outlet || 'no outlet'}, ${i.publishedOn})`);
      for (const i of notSaved) out(`${i.status.padEnd(9)} ${i.fileName}: ${i.reason}`);
      out(`${saved.length} imported, ${notSaved.length} not imported, of ${items.length} file(s).`);
      return notSaved.some((i) => i.status === 'failed') ? 1 : 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
