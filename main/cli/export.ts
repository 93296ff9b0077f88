import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FORMATS, ExportFileInput, type ExportFormat, type ImportSummary } from '../../shared/api/exchange';
import { ApiError } from '../../shared/api/errors';
import { listRelationships } from '../db/actors';
import { listCodes } from '../db/codebook';
import { describeConflicts, resolveConflict } from '../services/exchange/merge';
import { describeSettingConflicts, resolveSettingConflict } from '../services/exchange/mergeSettings';
import { importFile } from '../services/exchange';
import { exportBytesOrText } from '../services/report';
import type { CliCommand } from './main';

/** `--name value` / `--name=value` flags and the positional arguments of a command. */
export function parseFlags(args: string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else flags.set(a.slice(2), args[++i] ?? '');
    } else positional.push(a);
  }
  return { flags, positional };
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export const exportCommand: CliCommand = {
  summary: `Writes a brief or data export: ${EXPORT_FORMATS.join(', ')}.`,
  usage:
    'export <format> --relationship USA-IND --out <file> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--codes THREAT,OVERTURE] ' +
    '[--group-by code|date] [--analyst "Name"] [--half-life 30]',
  async run(args, ctx, out) {
    const { flags, positional } = parseFlags(args);
    const format = positional[0] as ExportFormat | undefined;
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      out(`Name a format: ${EXPORT_FORMATS.join(', ')}.`);
      return 2;
    }
    const relName = (flags.get('relationship') ?? '').toUpperCase();
    const rels = listRelationships(ctx.workspace.db);
    const rel = rels.find((r) => {
      const [a, b] = relName.split(/[-–]/);
      const codes = [r.actorA.code.toUpperCase(), r.actorB.code.toUpperCase()];
      return !!a && !!b && codes.includes(a) && codes.includes(b) && a !== b;
    });
    if (!rel) {
      out(`Name the relationship with --relationship, one of: ${rels.map((r) => `${r.actorA.code}-${r.actorB.code}`).join(', ')}.`);
      return 2;
    }
    const codes = listCodes(ctx.workspace.db);
    const codeKeys = list(flags.get('codes'));
    const unknown = codeKeys?.filter((k) => !codes.some((c) => c.key === k.toUpperCase()));
    if (unknown?.length) {
      out(`Unknown code(s): ${unknown.join(', ')}. Codes: ${codes.map((c) => c.key).join(', ')}.`);
      return 2;
    }
    const parsed = ExportFileInput.safeParse({
      format,
      relationshipId: rel.id,
      halfLifeDays: flags.has('half-life') ? Number(flags.get('half-life')) : undefined,
      fromDate: flags.get('from'),
      toDate: flags.get('to'),
      codeIds: codeKeys?.map((k) => codes.find((c) => c.key === k.toUpperCase())!.id),
      groupBy: flags.get('group-by'),
      analyst: flags.get('analyst'),
    });
    if (!parsed.success) {
      out(`Invalid options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return 2;
    }
    const file = await exportBytesOrText(ctx, parsed.data);
    const dest = path.resolve(flags.get('out') || file.fileName);
    const partial = `${dest}.partial`;
    fs.writeFileSync(partial, file.data);
    fs.renameSync(partial, dest);
    out(`Wrote ${dest} (${fs.statSync(dest).size.toLocaleString('en')} bytes, ${file.mimeType}).`);
    return 0;
  },
};

/** What a merge did, for the command line (also used by `import` when it is handed an exchange file). */
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

export const importCommand: CliCommand = {
  summary: "Merges a colleague's .qdpx project, .qdc codebook, Parley JSON-LD export or workspace into this workspace.",
  usage: 'import <file> [--analyst "Colleague name"]   (alias: merge)',
  async run(args, ctx, out) {
    const { flags, positional } = parseFlags(args);
    if (!positional[0]) {
      out('Name the file to import.');
      return 2;
    }
    printMergeSummary(importFile(ctx, path.resolve(positional[0]), flags.get('analyst') ?? ''), out);
    return 0;
  },
};

export const conflictsCommand: CliCommand = {
  summary: 'Lists the conflicts a merge left for the analyst, or resolves one.',
  usage: 'conflicts [--resolve <id> --keep ours|theirs|both] [--resolve-setting <id> --keep ours|theirs]',
  async run(args, ctx, out) {
    const { flags } = parseFlags(args);
    if (flags.has('resolve-setting')) {
      const keep = flags.get('keep');
      if (keep !== 'ours' && keep !== 'theirs') throw new ApiError('BAD_INPUT', 'Say which side to keep: --keep ours or theirs.');
      resolveSettingConflict(ctx, Number(flags.get('resolve-setting')), keep);
      out(`Setting conflict ${flags.get('resolve-setting')} resolved (kept ${keep === 'ours' ? 'mine' : 'theirs'}).`);
      return 0;
    }
    if (flags.has('resolve')) {
      const keep = flags.get('keep');
      if (keep !== 'ours' && keep !== 'theirs' && keep !== 'both')
        throw new ApiError('BAD_INPUT', 'Say which side to keep: --keep ours, theirs or both.');
      resolveConflict(ctx, Number(flags.get('resolve')), keep);
      out(`Conflict ${flags.get('resolve')} resolved (kept ${keep}).`);
      return 0;
    }
    const items = describeConflicts(ctx);
    const settings = describeSettingConflicts(ctx);
    if (items.length === 0 && settings.length === 0) out('No merge conflict is waiting.');
    for (const c of settings) out(`setting #${c.id} ${c.label} (from ${c.origin}) — mine: ${c.ours}; theirs: ${c.theirs}`);
    for (const c of items) {
      out(`#${c.id} “${c.exact.slice(0, 70)}” in ${c.articleTitle} — ${c.reason}`);
      out(
        `    ours:   ${c.ours.code} ${c.ours.direction} conf ${c.ours.confidence} ${c.ours.eventDate} by ${c.ours.analyst || 'this workspace'} ${c.ours.note ? `note: ${c.ours.note}` : ''}`,
      );
      out(
        `    theirs: ${c.theirs.code} ${c.theirs.direction} conf ${c.theirs.confidence} ${c.theirs.eventDate} by ${c.theirs.analyst || '(unnamed)'} ${c.theirs.note ? `note: ${c.theirs.note}` : ''}`,
      );
    }
    return 0;
  },
};
