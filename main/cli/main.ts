/**
 * Parley's command line: `npm run cli -- <command> [--workspace <file>] …`.
 * Each command lives in its own module and is registered in COMMANDS; all of
 * them work on a workspace through the same services as the app.
 */
import { launchOptions } from '../paths';
import type { AppContext } from '../services/context';
import { startWorkspace } from '../services/workspace';
import { backupCommand, restoreCommand } from './backup';
import { conflictsCommand, exportCommand, importCommand as mergeCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';

export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[], ctx: AppContext, out: (line: string) => void): Promise<number>;
}

export const COMMANDS: Record<string, CliCommand> = {
  info: infoCommand,
  export: exportCommand,
  // Documents (HTML, PDF, DOCX, …) come in with `import`; a colleague's coding (.qdpx, JSON-LD, a workspace) with `merge`.
  import: importCommand,
  merge: mergeCommand,
  conflicts: conflictsCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

/** Removes the flags every command shares, leaving the command's own arguments. */
function commandArgs(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--workspace' || a === '--port') i++;
    else if (a.startsWith('--workspace=') || a.startsWith('--port=') || a === '--no-sample') continue;
    else rest.push(a);
  }
  return rest;
}

function help(out: (line: string) => void): void {
  out('Usage: npm run cli -- <command> [--workspace <file>] [arguments]');
  out('');
  for (const [name, c] of Object.entries(COMMANDS)) out(`  ${name.padEnd(10)} ${c.summary}\n  ${''.padEnd(10)} ${c.usage}`);
  out('');
  out('The workspace defaults to the one the app uses (PARLEY_WORKSPACE overrides it).');
}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [name, ...rest] = commandArgs(argv);
  if (!name || name === 'help' || name === '--help') {
    help(out);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    out(`Unknown command "${name}".`);
    help(out);
    return 2;
  }
  const options = launchOptions(argv);
  const ctx = startWorkspace(options.workspace, { sampleFile: null });
  try {
    return await command.run(rest, ctx, out);
  } finally {
    ctx.workspace.close();
  }
}

if (require.main === module) {
  // `npm run cli` runs from the package's folder; paths the analyst typed are relative to where they typed them.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`parley: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
