/**
 * Parley's command line: `npm run cli -- <command> [--workspace <file>] …`.
 * Each command lives in its own module (importing only ./command) and is
 * registered in COMMANDS. Flags are read with util.parseArgs (strict: an
 * unknown flag or a flag without its value is refused before the workspace is
 * opened), and every operation the API has goes through its dispatcher, as the
 * window's requests do.
 */
import { parseArgs } from 'node:util';
import { ApiError, type Envelope } from '../../shared/api/errors';
import { createDispatch } from '../api/dispatch';
import { launchOptions } from '../paths';
import { startWorkspace } from '../services/workspace';
import { backupCommand, restoreCommand } from './backup';
import type { CliCommand, CliIo, CliOptions, CliValues } from './command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';
import { conflictsCommand, mergeCommand } from './merge';
import { deskCommand } from './desk';

export const COMMANDS: Record<string, CliCommand> = {
  info: infoCommand,
  export: exportCommand,
  // Documents (HTML, PDF, DOCX, …) come in with `import`; a colleague's coding (.qdpx, JSON-LD, a workspace) with `merge`.
  import: importCommand,
  merge: mergeCommand,
  conflicts: conflictsCommand,
  backup: backupCommand,
  restore: restoreCommand,
  desk: deskCommand,
};

/** Flags every command takes. `--port` and `--no-sample` are accepted (and ignored) so that one set of options serves `npm start` and the CLI. */
const SHARED_OPTIONS: CliOptions = {
  workspace: { type: 'string' },
  port: { type: 'string' },
  'no-sample': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

type Out = (line: string) => void;

function help(out: Out): void {
  out('Usage: npm run cli -- <command> [--workspace <file>] [arguments]');
  out('');
  for (const [name, c] of Object.entries(COMMANDS)) out(`  ${name.padEnd(10)} ${c.summary}\n  ${''.padEnd(10)} ${c.usage}`);
  out('');
  out('`npm run cli -- <command> --help` explains one command.');
  out('The workspace defaults to the one the app uses (PARLEY_WORKSPACE overrides it).');
}

function commandHelp(c: CliCommand, out: Out): void {
  out(c.summary);
  out('');
  out(`Usage: npm run cli -- ${c.usage} [--workspace <file>]`);
  for (const line of c.help ?? []) out(line);
  out('  --workspace <file>   the workspace (default: the one the app uses; PARLEY_WORKSPACE overrides it)');
  out('  --help               this text (`npm run cli -- help` lists every command)');
}

function exitCode(err: ApiError): number {
  return err.code === 'BAD_INPUT' || err.code === 'NOT_FOUND' || err.code === 'UNKNOWN_OPERATION' ? 2 : 1;
}

/** The command's name (the first argument that is not a shared flag or its value) and every other argument. */
function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--workspace' || a === '--port') i++;
    else if (a === undefined || a.startsWith('--workspace=') || a.startsWith('--port=') || a === '--no-sample') continue;
    else return { name: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: [...argv] };
}

export async function runCli(argv: string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  const { name, rest } = splitCommand(argv);
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    help(out);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    out(`Unknown command "${name}".`);
    help(out);
    return 2;
  }
  let values: CliValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: { ...SHARED_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    }) as { values: CliValues; positionals: string[] });
  } catch (e) {
    out(`${(e as Error).message}`);
    out(`Usage: npm run cli -- ${command.usage}   (--help explains it)`);
    return 2;
  }
  if (values.help) {
    commandHelp(command, out);
    return 0;
  }
  const early = command.withoutWorkspace?.(values, positionals, out);
  if (early) {
    try {
      return await early;
    } catch (e) {
      err(`parley: ${(e as Error).message}`);
      return e instanceof ApiError ? exitCode(e) : 1;
    }
  }
  const workspace = values.workspace;
  const options = launchOptions(typeof workspace === 'string' ? ['--workspace', workspace] : []);
  const ctx = startWorkspace(options.workspace, { sampleFile: null });
  const dispatch = createDispatch(ctx, err);
  const io: CliIo = {
    ctx,
    out,
    call: async (op, input = {}) => {
      const envelope = (await dispatch(op, input)) as Envelope<never>;
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      return envelope.value;
    },
  };
  try {
    return await command.run(values, positionals, io);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    err(`parley: ${e.message}`);
    return exitCode(e);
  } finally {
    ctx.workspace.close();
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  // `npm run cli` runs from the package's folder; paths the analyst typed are relative to where they typed them.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`parley: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
