/**
 * What every command module builds on, and the only module they import from
 * main/cli/: the command shape, and `call`, which sends an API input through
 * the same dispatcher and zod schemas as the window's IPC and browser mode, so
 * that a bad value is refused with the API's own message before anything is
 * touched.
 */
import type { ParseArgsConfig } from 'node:util';
import type { OperationName, OpOutput } from '../../shared/api/contract';
import type { ImportSummary } from '../../shared/api/exchange';
import type { AppContext } from '../services/context';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** The command's flags as util.parseArgs read them (strings, booleans). */
export type CliValues = Record<string, string | boolean | undefined>;

export interface CliIo {
  /** The open workspace, for what only the command line does (paths on this machine: backup to a file, import files, merge a file). */
  ctx: AppContext;
  /** Sends an API input through the dispatcher; throws the API's refusal as an ApiError. */
  call<K extends OperationName>(op: K, input?: Record<string, unknown>): Promise<OpOutput<K>>;
  out(line: string): void;
}

export interface CliCommand {
  summary: string;
  usage: string;
  /** The command's own flags, for util.parseArgs (strict: any other flag is refused). */
  options: CliOptions;
  /** Lines after the usage in `<command> --help`. */
  help?: readonly string[];
  run(values: CliValues, positionals: string[], io: CliIo): Promise<number>;
  /** Work that needs no workspace (preparing a desk's server): a promise to run instead of opening one, or null. */
  withoutWorkspace?(values: CliValues, positionals: string[], out: (line: string) => void): Promise<number> | null;
}

/** A string flag's value, if given. */
export function text(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A number typed on the command line, for the API to judge: a plain decimal
 * becomes a number, anything else stays the string it was, so the schema
 * refuses it ("expected number") instead of a NaN or 0 slipping through.
 */
export function numeric(v: string | undefined): number | string | undefined {
  if (v === undefined) return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
}

/** What a merge did, for the command line (`merge`, and `import` when it is handed an exchange file). */
export function printMergeSummary(s: ImportSummary, out: (line: string) => void): void {
  out(`Articles: ${s.articlesAdded} added, ${s.articlesMatched} already here (same text).`);
  out(`Annotations: ${s.annotationsAdded} added, ${s.annotationsDuplicate} duplicates left out, ${s.conflicts} conflicts to decide.`);
  if (s.codesAdded) out(`Codes added (${s.codesAdded}): ${s.codeNames.join(', ')}${s.codesAdded > s.codeNames.length ? ', …' : ''}.`);
  if (s.events) out(`Event groups: ${s.events}.`);
  for (const line of s.settingsTaken) out(`Taken from the file: ${line}`);
  for (const line of s.skipped) out(`Not brought in: ${line}`);
  if (s.conflicts || s.settingConflicts)
    out(
      `${s.conflicts + s.settingConflicts} conflicts to decide: list them with \`conflicts\`; keep a side with \`conflicts --resolve <id> --keep ours|theirs|both\` (a setting: \`--resolve-setting <id> --keep ours|theirs\`).`,
    );
}
