import type { ImportItem } from '../../shared/api/importSchemas';
import { importPaths, jobStatus } from '../services/import';
import type { CliCommand } from './main';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export const importCommand: CliCommand = {
  summary: 'Imports files and folders (web pages, PDF, Word, OpenDocument, RTF, e-mail, text, Markdown).',
  usage:
    'import <files or folders…> [--relationship <id>] [--look-alikes skip|keep-both|replace|replace-text|merge] [--undated skip|import-date]',
  async run(args, ctx, out) {
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--relationship' || args[i] === '--look-alikes' || args[i] === '--undated') i++;
      else paths.push(args[i]!);
    }
    if (paths.length === 0) {
      out('Name the files or folders to import: npm run cli -- import <files or folders…> --workspace <file>');
      return 2;
    }
    const lookAlikes = option(args, '--look-alikes') ?? 'skip';
    if (
      lookAlikes !== 'skip' &&
      lookAlikes !== 'keep-both' &&
      lookAlikes !== 'replace' &&
      lookAlikes !== 'replace-text' &&
      lookAlikes !== 'merge'
    ) {
      out(
        '--look-alikes must be skip, keep-both, replace, replace-text (the file’s text into the saved article, tags re-anchored) or merge (the richer metadata of the two, text and tags kept).',
      );
      return 2;
    }
    const undated = option(args, '--undated') ?? 'skip';
    if (undated !== 'skip' && undated !== 'import-date') {
      out('--undated must be skip (files without a date are left out) or import-date (they are dated with today).');
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
