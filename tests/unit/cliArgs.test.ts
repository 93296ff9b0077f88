/**
 * The command line refuses bad arguments before touching anything: flags are
 * parsed strictly, values go through the API's schemas, and `--help` works on
 * every command. The property test runs the CLI in this process (no spawn) on
 * a fresh copy of a workspace with backups for every argument vector.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../../main/cli/main';
import { createBackup } from '../../main/services/backup';
import { startWorkspace } from '../../main/services/workspace';
import { SAMPLE_FILE, tempDir } from '../helpers/workspace';

const DAILY = ['parley-daily-20260601-090000.sqlite', 'parley-daily-20260602-090000.sqlite', 'parley-daily-20260603-090000.sqlite'];
let template: string;
let manualBackup: string;
const startCwd = process.cwd();

beforeAll(async () => {
  template = tempDir('parley-cli-template-');
  const ctx = startWorkspace(path.join(template, 'w.sqlite'), { sampleFile: SAMPLE_FILE });
  try {
    const b = await createBackup(ctx, 'manual');
    manualBackup = b.fileName;
    for (const name of DAILY) fs.copyFileSync(b.path, path.join(path.dirname(b.path), name));
  } finally {
    ctx.workspace.close();
  }
  fs.writeFileSync(path.join(template, 'note.txt'), 'Delhi and Washington agreed to resume talks on tariffs.\n');
});
afterAll(() => {
  process.chdir(startCwd);
  fs.rmSync(template, { recursive: true, force: true });
});

/** A fresh copy of the template, with the working directory inside it (relative --out paths land there). */
function freshCase(): string {
  const dir = tempDir('parley-cli-case-');
  fs.cpSync(template, dir, { recursive: true });
  process.chdir(dir);
  return dir;
}

/** Everything a command could change: every table's rows, and every file (but the workspace's own) with its size. */
function fingerprint(dir: string): string {
  const db = new Database(path.join(dir, 'w.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const rows = tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]);
    const files = (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => !/^w\.sqlite(-wal|-shm|-journal)?$|\.lock$/.test(f))
      .sort()
      .map((f) => [f, fs.statSync(path.join(dir, f)).size]);
    return JSON.stringify({ rows, files });
  } finally {
    db.close();
  }
}

async function cli(dir: string, ...args: string[]) {
  const lines: string[] = [];
  const code = await runCli(
    ['--workspace', path.join(dir, 'w.sqlite'), ...args],
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, text: lines.join('\n') };
}

const dailyLeft = (dir: string) => DAILY.filter((n) => fs.existsSync(path.join(dir, 'backups', n))).length;

describe('backup rotation takes only a valid count', () => {
  it.each([
    ['--keep x', ['--keep', 'x'], /keepDaily: .*expected number/],
    ['--keep with no value', ['--keep'], /--keep <value>' argument missing/],
    ['--keep followed by another flag', ['--keep', '--auto', 'on'], /argument is ambiguous/],
    ['--keep 0', ['--keep', '0'], /keepDaily: .*>=1/],
    ['--keep= (empty)', ['--keep='], /keepDaily: .*expected number/],
    ['--keep 1.5', ['--keep', '1.5'], /keepDaily: .*expected int/],
    ['--keep 400', ['--keep', '400'], /keepDaily: .*<=365/],
  ])('%s is refused with the reason, and every daily backup is kept', async (_label, args, message) => {
    const dir = freshCase();
    const before = fingerprint(dir);
    const r = await cli(dir, 'backup', ...args);
    expect(r.code).toBe(2);
    expect(r.text).toMatch(message);
    expect(r.text).not.toMatch(/keeping/);
    expect(dailyLeft(dir)).toBe(DAILY.length);
    expect(fingerprint(dir)).toBe(before);
  });

  it('--keep 2 keeps the two newest daily backups and says so', async () => {
    const dir = freshCase();
    const r = await cli(dir, 'backup', '--keep', '2');
    expect(r.code, r.text).toBe(0);
    expect(r.text).toContain('keeping 2');
    expect(DAILY.filter((n) => fs.existsSync(path.join(dir, 'backups', n)))).toEqual(DAILY.slice(1));
  });
});

describe('restore', () => {
  it('restore --yes NAME restores that backup (the flag may come first)', async () => {
    const dir = freshCase();
    const r = await cli(dir, 'restore', '--yes', manualBackup);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toContain(`Restored ${manualBackup}.`);
  });

  it('restore without --yes shows the preview and changes nothing', async () => {
    const dir = freshCase();
    const before = fingerprint(dir);
    const r = await cli(dir, 'restore', manualBackup);
    expect(r.code).toBe(1);
    expect(r.text).toContain('Nothing was changed');
    expect(fingerprint(dir)).toBe(before);
  });
});

describe('--help', () => {
  it.each(Object.keys(COMMANDS))('%s --help prints its help and exits 0 without opening a workspace', async (name) => {
    const dir = tempDir('parley-cli-help-');
    const lines: string[] = [];
    const code = await runCli([name, '--help', '--workspace', path.join(dir, 'w.sqlite')], (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(`Usage: npm run cli -- ${COMMANDS[name]!.usage}`);
    expect(fs.existsSync(path.join(dir, 'w.sqlite'))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('command modules', () => {
  it('import nothing from main/cli/ but ./command (no command imports another)', () => {
    const cliDir = path.resolve(__dirname, '../../main/cli');
    for (const f of fs.readdirSync(cliDir).filter((n) => n !== 'main.ts' && n !== 'command.ts')) {
      const local = [...fs.readFileSync(path.join(cliDir, f), 'utf8').matchAll(/from '(\.\/[^']+)'/g)].map((m) => m[1]);
      expect(local, f).toEqual(local.map(() => './command'));
    }
  });
});

describe('random argument vectors', () => {
  const flags = [...new Set(Object.values(COMMANDS).flatMap((c) => Object.keys(c.options)))].map((f) => `--${f}`);
  const values = [
    'x',
    '',
    '0',
    '-1',
    '1',
    '2',
    '7',
    '365',
    '366',
    '1.5',
    'NaN',
    '1e2',
    ' 3',
    'on',
    'off',
    'yes',
    'ours',
    'theirs',
    'both',
    'USA-IND',
    'IND-USA',
    'USA-USA',
    'brief-md',
    'qdc',
    'quotes-csv',
    'xls',
    'THREAT',
    'NOPE',
    '2026-01-01',
    '2026-13-45',
    'note.txt',
    'missing.txt',
    'out.file',
    '<manual>', // replaced by the manual backup's name
    DAILY[0]!,
    'nosuch.sqlite',
    '../w.sqlite',
  ];
  const token = fc.oneof(
    fc.constantFrom(...flags, '--yes', '--list', '--bogus', '-x', '--'),
    fc.constantFrom(...values),
    fc.tuple(fc.constantFrom(...flags), fc.constantFrom(...values)).map(([f, v]) => `${f}=${v}`),
  );
  const argv = fc.tuple(fc.constantFrom(...Object.keys(COMMANDS)), fc.array(token, { maxLength: 5 }));

  /** Whether an argument vector sets the daily rotation to a count the API accepts: the only way daily backups may go. */
  function validKeep(args: string[]): boolean {
    const i = args.findIndex((a) => a === '--keep' || a.startsWith('--keep='));
    const a = args[i];
    if (a === undefined) return false;
    const v = a.includes('=') ? a.slice('--keep='.length) : args[i + 1];
    return v !== undefined && /^\s*\d+\s*$/.test(v) && Number(v) >= 1 && Number(v) <= 365;
  }

  it('a refused command changes nothing, and only a valid --keep ever deletes a daily backup', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async ([command, raw]) => {
        const args = raw.map((a) => (a === '<manual>' ? manualBackup : a));
        const dir = freshCase();
        const before = fingerprint(dir);
        const r = await cli(dir, command, ...args);
        if (r.code !== 0) expect(fingerprint(dir), `${command} ${args.join(' ')} → ${r.code}: ${r.text}`).toBe(before);
        if (dailyLeft(dir) < DAILY.length) {
          expect(command === 'backup' && validKeep(args), `${command} ${args.join(' ')} deleted a daily backup`).toBe(true);
          expect(r.code).toBe(0);
        }
        process.chdir(startCwd);
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 80 },
    );
  });
});
