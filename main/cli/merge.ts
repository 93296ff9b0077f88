import path from 'node:path';
import { ImportFileInput } from '../../shared/api/exchange';
import { ApiError } from '../../shared/api/errors';
import { importFile } from '../services/exchange';
import { text, numeric, printMergeSummary, type CliCommand } from './command';

export const mergeCommand: CliCommand = {
  summary: "Merges a colleague's .qdpx project, .qdc codebook, Parley JSON-LD export or workspace into this workspace.",
  usage: 'merge <file> [--analyst "Colleague name"]',
  options: { analyst: { type: 'string' } },
  help: ['  --analyst "Name"   who coded the file, when the file does not say'],
  async run(values, positionals, { ctx, out }) {
    const [file, ...extra] = positionals;
    if (!file || extra.length) {
      out(file ? 'Name one file to merge.' : 'Name the file to merge.');
      return 2;
    }
    // The file is read here from its path, which the API (built for the window's uploads of at most 16 MB) does not take;
    // the analyst's name is checked with the API's own schema.
    const analyst = ImportFileInput.shape.analyst.safeParse(text(values, 'analyst'));
    if (!analyst.success) throw new ApiError('BAD_INPUT', `--analyst: ${analyst.error.issues[0]?.message ?? 'not a name'}.`);
    const s = importFile(ctx, path.resolve(file), analyst.data ?? '');
    printMergeSummary(s, out);
    return 0;
  },
};

export const conflictsCommand: CliCommand = {
  summary: 'Lists the conflicts a merge left for the analyst, or resolves one.',
  usage: 'conflicts [--resolve <id> --keep ours|theirs|both] [--resolve-setting <id> --keep ours|theirs]',
  options: { resolve: { type: 'string' }, 'resolve-setting': { type: 'string' }, keep: { type: 'string' } },
  async run(values, positionals, { call, out }) {
    const keep = text(values, 'keep');
    const setting = text(values, 'resolve-setting');
    if (setting !== undefined) {
      if (positionals.length || keep === undefined || text(values, 'resolve') !== undefined) {
        out('Say which setting conflict and which side to keep: conflicts --resolve-setting <id> --keep ours|theirs.');
        return 2;
      }
      const r = await call('setting-conflicts:resolve', { id: numeric(setting), keep });
      out(`Setting conflict ${setting} resolved (kept ${keep === 'ours' ? 'mine' : 'theirs'}); ${r.remaining} left.`);
      return 0;
    }
    const resolve = text(values, 'resolve');
    if (positionals.length || (resolve === undefined) !== (keep === undefined)) {
      out('Say both which conflict and which side to keep: conflicts --resolve <id> --keep ours|theirs|both.');
      return 2;
    }
    if (resolve !== undefined) {
      const r = await call('export:resolve-conflict', { id: numeric(resolve), keep });
      out(`Conflict ${resolve} resolved (kept ${keep}); ${r.remaining} left.`);
      return 0;
    }
    const items = await call('export:conflicts');
    const settings = await call('setting-conflicts:list');
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
