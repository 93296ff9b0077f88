import type { ImportItem } from '../../shared/api/importSchemas';
import { importPaths, jobStatus } from '../services/import';
import type { CliCommand } from './main';
import path from 'node:path';
import { isExchangeFileName } from '../../shared/api/exchange';
import { importFile } from '../services/exchange';
import { printMergeSummary } from './export';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export const importCommand: CliCommand = {
  summary: 'Imports files and folders (web pages, PDF, Word, OpenDocument, RTF, e-mail, text, Markdown).',
  usage: 'import <files or folders…> [--relationship <id>] [--look-alikes skip|keep-both|replace]',
  async run(args, ctx, out) {
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--relationship' || args[i] === '--look-alikes') i++;
      else paths.push(args[i]!);
    }
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
    const lookAlikes = option(args, '--look-alikes') ?? 'skip';
    if (lookAlikes !== 'skip' && lookAlikes !== 'keep-both' && lookAlikes !== 'replace') {
      out('--look-alikes must be skip, keep-both or replace.');
      return 2;
    }
    const relationship = option(args, '--relationship');
    const signal = { cancelled: false };
    const onSigint = () => {
      signal.cancelled = true;
      out('Cancelling: files already saved are kept.');
    };
    process.once('SIGINT', onSigint);
    let lastLine = '';
    try {
      const job = await importPaths(ctx, paths, {
        relationshipId: relationship ? Number(relationship) : null,
        onLookAlike: lookAlikes,
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
      for (const i of saved)
        out(
          `imported  ${i.fileName}  →  “${i.title}” (${i.outlet || 'no outlet'}, ${i.publishedOn}${i.dateGuessed ? ', date guessed from the file' : ''})`,
        );
      for (const i of notSaved) out(`${i.status.padEnd(9)} ${i.fileName}: ${i.reason}`);
      out(`${saved.length} imported, ${notSaved.length} not imported, of ${items.length} file(s).`);
      return notSaved.some((i) => i.status === 'failed') ? 1 : 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
