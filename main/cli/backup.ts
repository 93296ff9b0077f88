import path from 'node:path';
import { backupTo } from '../services/backup';
import { text, numeric, type CliCommand } from './command';

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

export const backupCommand: CliCommand = {
  summary: 'Backs up the whole workspace to one checked file, lists backups, or sets the daily rotation.',
  usage: 'backup [--out <file>] | backup --list | backup [--keep <n>] [--auto on|off]',
  options: {
    out: { type: 'string' },
    list: { type: 'boolean' },
    keep: { type: 'string' },
    auto: { type: 'string' },
  },
  help: [
    '  --out <file>   back up to this file instead of the backups folder',
    '  --list         list the backups in the backups folder',
    '  --keep <n>     keep this many daily backups (1 to 365); older ones are deleted',
    '  --auto on|off  turn daily backups on or off',
  ],
  async run(values, positionals, { call, ctx, out }) {
    if (positionals.length) {
      out(`backup takes no file name here (${positionals[0]}): use --out <file>.`);
      return 2;
    }
    const keep = text(values, 'keep');
    const auto = text(values, 'auto');
    const outFile = text(values, 'out');
    const modes = [values.list === true, keep !== undefined || auto !== undefined, outFile !== undefined].filter(Boolean).length;
    if (modes > 1) {
      out('Choose one of --list, --keep/--auto and --out.');
      return 2;
    }
    if (values.list) {
      const { dir, items, settings } = await call('backup:list');
      out(`Backups in ${dir} (daily: ${settings.autoDaily ? 'on' : 'off'}, keep ${settings.keepDaily}):`);
      for (const b of items) out(`  ${b.fileName}  ${b.kind.padEnd(11)} ${(b.sizeBytes / 1024).toFixed(0)} KB`);
      if (items.length === 0) out('  none yet');
      return 0;
    }
    if (keep !== undefined || auto !== undefined) {
      if (auto !== undefined && auto !== 'on' && auto !== 'off') {
        out(`--auto takes on or off, not ${JSON.stringify(auto)}.`);
        return 2;
      }
      const s = await call('backup:settings', {
        ...(keep !== undefined ? { keepDaily: numeric(keep) } : {}),
        ...(auto !== undefined ? { autoDaily: auto === 'on' } : {}),
      });
      out(`Daily backups ${s.autoDaily ? 'on' : 'off'}, keeping ${s.keepDaily}.`);
      return 0;
    }
    if (outFile !== undefined) {
      if (!outFile.trim()) {
        out('Name the file to back up to: --out <file>.');
        return 2;
      }
      const dest = path.resolve(outFile);
      await backupTo(ctx, dest);
      out(`Backed up to ${dest} (checked).`);
      return 0;
    }
    const b = await call('backup:create');
    out(`Backed up to ${b.path} (checked, ${(b.sizeBytes / 1024).toFixed(0)} KB).`);
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  summary: 'Restores the workspace from one of its backups (shows what will be replaced; --yes to do it).',
  usage: 'restore <backup file name> [--yes]',
  options: { yes: { type: 'boolean' } },
  help: ['  --yes   replace the workspace with the backup (what is there now is saved first)'],
  async run(values, positionals, { call, out }) {
    const [name, ...extra] = positionals;
    if (!name || extra.length) {
      out(name ? `Name one backup, not ${positionals.length}.` : 'Name a backup (see `backup --list`).');
      return 2;
    }
    const fileName = path.basename(name);
    const p = await call('backup:preview-restore', { fileName });
    out(
      `Now:    ${p.current.articles} articles, ${p.current.annotations} annotations, ${p.current.codes} codes; last change ${when(p.current.lastChangeAtMs)}`,
    );
    out(
      `Backup: ${p.replacement.articles} articles, ${p.replacement.annotations} annotations, ${p.replacement.codes} codes; last change ${when(p.replacement.lastChangeAtMs)}`,
    );
    if (!values.yes) {
      out('Nothing was changed. Run again with --yes to replace the workspace with this backup (what is there now is saved first).');
      return 1;
    }
    const r = await call('backup:restore', { fileName: p.backup.fileName, confirm: true });
    out(`Restored ${r.restored.fileName}. What was replaced is saved as ${r.savedAs.fileName}.`);
    return 0;
  },
};
