import {
  backupDir,
  backupSettings,
  backupTo,
  createBackup,
  listBackups,
  previewRestore,
  restoreBackup,
  saveBackupSettings,
} from '../services/backup';
import path from 'node:path';
import { parseFlags } from './export';
import type { CliCommand } from './main';

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

export const backupCommand: CliCommand = {
  summary: 'Backs up the whole workspace to one checked file, lists backups, or sets the daily rotation.',
  usage: 'backup [--out <file>] | backup --list | backup --keep <n> [--auto on|off]',
  async run(args, ctx, out) {
    const { flags } = parseFlags(args);
    if (flags.has('list')) {
      const items = listBackups(ctx);
      out(`Backups in ${backupDir(ctx)} (daily: ${backupSettings(ctx).autoDaily ? 'on' : 'off'}, keep ${backupSettings(ctx).keepDaily}):`);
      for (const b of items) out(`  ${b.fileName}  ${b.kind.padEnd(11)} ${(b.sizeBytes / 1024).toFixed(0)} KB`);
      if (items.length === 0) out('  none yet');
      return 0;
    }
    if (flags.has('keep') || flags.has('auto')) {
      const current = backupSettings(ctx);
      const s = saveBackupSettings(ctx, {
        keepDaily: flags.has('keep') ? Number(flags.get('keep')) : current.keepDaily,
        autoDaily: flags.has('auto') ? flags.get('auto') !== 'off' : current.autoDaily,
      });
      out(`Daily backups ${s.autoDaily ? 'on' : 'off'}, keeping ${s.keepDaily}.`);
      return 0;
    }
    if (flags.has('out')) {
      const dest = path.resolve(flags.get('out')!);
      await backupTo(ctx, dest);
      out(`Backed up to ${dest} (checked).`);
      return 0;
    }
    const b = await createBackup(ctx, 'manual');
    out(`Backed up to ${b.path} (checked, ${(b.sizeBytes / 1024).toFixed(0)} KB).`);
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  summary: 'Restores the workspace from one of its backups (shows what will be replaced; --yes to do it).',
  usage: 'restore <backup file name> [--yes]',
  async run(args, ctx, out) {
    const { flags, positional } = parseFlags(args);
    const name = positional[0];
    if (!name) {
      out('Name a backup (see `backup --list`).');
      return 2;
    }
    const p = previewRestore(ctx, path.basename(name));
    out(
      `Now:    ${p.current.articles} articles, ${p.current.annotations} annotations, ${p.current.codes} codes; last change ${when(p.current.lastChangeAtMs)}`,
    );
    out(
      `Backup: ${p.replacement.articles} articles, ${p.replacement.annotations} annotations, ${p.replacement.codes} codes; last change ${when(p.replacement.lastChangeAtMs)}`,
    );
    if (!flags.has('yes')) {
      out('Nothing was changed. Run again with --yes to replace the workspace with this backup (what is there now is saved first).');
      return 1;
    }
    const r = await restoreBackup(ctx, p.backup.fileName);
    out(`Restored ${r.restored.fileName}. What was replaced is saved as ${r.savedAs.fileName}.`);
    return 0;
  },
};
