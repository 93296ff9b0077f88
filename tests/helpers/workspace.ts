import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, isOperationName, type OperationName, type OpInput, type OpOutput } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/errors';
import { createDispatch } from '../../main/api/dispatch';
import type { AppContext } from '../../main/services/context';
import { startWorkspace } from '../../main/services/workspace';

export const SAMPLE_FILE = path.resolve(__dirname, '../../resources/sample/dispatches.json');

export interface TestWorkspace {
  dir: string;
  file: string;
  ctx: AppContext;
  /** Calls an operation through the real dispatcher and checks a success against the contract's output schema. */
  call(op: string, input: unknown): Promise<Envelope<unknown>>;
  /** Like call, typed by the contract: returns the value and throws on an error envelope. */
  ok<K extends OperationName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
  close(): void;
}

export function tempDir(prefix = 'parley-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTestWorkspace(opts: { sample?: boolean; now?: Date; dir?: string } = {}): TestWorkspace {
  const dir = opts.dir ?? tempDir();
  const file = path.join(dir, 'workspace.sqlite');
  const now = opts.now;
  const ctx = startWorkspace(file, { sampleFile: opts.sample ? SAMPLE_FILE : null, now: now ? () => now : undefined });
  const dispatch = createDispatch(ctx, () => {});
  const call = async (op: string, input: unknown) => {
    const result = await dispatch(op, input);
    if (result.ok && isOperationName(op)) contract[op].output.parse(result.value);
    return result;
  };
  return {
    dir,
    file,
    ctx,
    call,
    async ok(op, input) {
      const r = await call(op, input);
      if (!r.ok) throw new Error(`${op} failed: ${r.error.code} ${r.error.message}`);
      return r.value as OpOutput<typeof op>;
    },
    close() {
      ctx.workspace.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A snapshot of every table's row count, to show that a refused request wrote nothing. */
export function rowCounts(ctx: AppContext): Record<string, number> {
  const tables = ctx.workspace.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map((t) => [t.name, (ctx.workspace.db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
  );
}
