import { contract, isOperationName } from '../../shared/api/contract';
import { ApiError, type Envelope } from '../../shared/api/errors';
import type { AppContext } from '../services/context';
import { INVALIDATES } from '../../shared/api/invalidation';
import { isDamageError } from '../db/damage';
import { bulkIndexBuild } from '../db/deskBulkIndexes';
import { handlers } from './handlers';

export type Dispatch = (op: unknown, input: unknown) => Promise<Envelope<unknown>>;

/**
 * Reads that may compute for a while (a relationship's series on a cold cache
 * is a few hundred ms at a million tags). They wait one turn of the event loop
 * before running, so that the quick requests which arrived with them (the
 * library's first page, the codebook) are answered first: at start the
 * library shows without waiting for the chart.
 */
const YIELD_FIRST: ReadonlySet<string> = new Set(['score:series', 'score:marks', 'score:buckets', 'score:evidence', 'reliability:list']);
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function fail(code: ApiError['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * The single entry point of both transports: checks the operation name,
 * parses the input with the contract's schema, runs the handler and wraps the
 * result. Handlers' own errors become typed error envelopes; anything else is
 * logged and reported as INTERNAL without its stack.
 */
export function createDispatch(ctx: AppContext, log: (msg: string) => void = console.error): Dispatch {
  return async (op, rawInput) => {
    if (!isOperationName(op))
      return fail('UNKNOWN_OPERATION', `Parley has no operation called ${JSON.stringify(String(op)).slice(0, 80)}.`);
    const spec = contract[op];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('BAD_INPUT', `Invalid request for ${op}: ${describeIssues(parsed.error.issues)}.`);
    try {
      if (YIELD_FIRST.has(op)) await nextTurn();
      // While a first sync's search index is built in steps, reads are answered and writes wait for its end (a write
      // between two steps would leave its row out of the index, or indexed twice).
      const build = INVALIDATES[op] === 'read' ? null : bulkIndexBuild(ctx.workspace.db);
      if (build) await build.catch(() => {});
      const handler = handlers[op] as (input: unknown, ctx: AppContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiError) return fail(err.code, err.message);
      const sqliteCode = (err as { code?: unknown }).code;
      if (sqliteCode === 'SQLITE_FULL') {
        return fail('DISK_FULL', 'The disk is full, so nothing was saved. Free some space and try again; your earlier work is intact.');
      }
      if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_READONLY')) {
        return fail(
          'READ_ONLY',
          'This workspace is open read-only (its file or disk cannot be written), so nothing was saved. ' +
            'To change it, copy it to a folder you can write to, or make the file writable, and restart Parley.',
        );
      }
      if (isDamageError(err)) {
        return fail(
          'DAMAGED',
          'Part of the workspace file is damaged and could not be read. Restart Parley: it will keep the damaged file aside, ' +
            'open a fresh workspace, and offer to salvage what can be read or restore a backup.',
        );
      }
      if (sqliteCode === 'SQLITE_BUSY') {
        return fail('WORKSPACE_LOCKED', 'The workspace is busy with another write. Try again in a moment; nothing was saved.');
      }
      log(`[parley] ${op} failed: ${(err as Error).stack ?? String(err)}`);
      return fail('INTERNAL', `Parley could not complete ${op}: ${(err as Error).message}. Nothing was saved.`);
    }
  };
}
