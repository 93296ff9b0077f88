/**
 * The lint config enforces the layers: these imports must fail `npm run lint`.
 * The probe files are written to a temporary folder laid out like the
 * repository and linted there with the repository's own eslint.config.js
 * (type information off: the probes belong to no tsconfig), so nothing is
 * added to the worktree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/workspace';

const CONFIG = path.resolve(__dirname, '../../eslint.config.js');
const dir = tempDir('parley-lint-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

async function problems(rel: string): Promise<string[]>;
async function problems(rel: string, withLines: true): Promise<{ line: number; text: string }[]>;
async function problems(rel: string, withLines = false): Promise<string[] | { line: number; text: string }[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: CONFIG, overrideConfig: tseslint.configs.disableTypeChecked });
  const [result] = await eslint.lintFiles([rel]);
  const found = (result?.messages ?? []).map((m) => ({ line: m.line, text: `${m.ruleId ?? 'parse'}: ${m.message}` }));
  return withLines ? found : found.map((p) => p.text);
}

describe('the lint config', () => {
  it('passes a file that keeps to the layers', async () => {
    write('main/db/clean.ts', "import { other } from './other';\nexport const clean = (): number => other + 1;\n");
    write('main/db/other.ts', 'export const other = 1;\n');
    expect(await problems('main/db/clean.ts')).toEqual([]);
  });

  it('refuses main/db importing main/services', async () => {
    write('main/services/thing.ts', 'export const thing = 1;\n');
    write('main/db/usesService.ts', "import { thing } from '../services/thing';\nexport const x = thing;\n");
    expect(await problems('main/db/usesService.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*main\/db is below main\/services/),
    ]);
  });

  it('refuses the renderer importing main', async () => {
    write('main/db/store.ts', 'export const store = 1;\n');
    write('renderer/src/usesMain.ts', "import { store } from '../../main/db/store';\nexport const x = store;\n");
    expect(await problems('renderer/src/usesMain.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*The renderer talks to main only/),
    ]);
  });

  it('refuses shared/ importing Node', async () => {
    write('shared/domain/usesNode.ts', "import fs from 'node:fs';\nexport const x = fs.existsSync;\n");
    expect(await problems('shared/domain/usesNode.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*shared\/ is pure TypeScript/),
    ]);
  });

  it('refuses an import cycle', async () => {
    write('main/cli/one.ts', "import { two } from './two';\nexport const one = (): number => two() + 1;\n");
    write('main/cli/two.ts', "import { one } from './one';\nexport const two = (): number => one() - 1;\n");
    expect(await problems('main/cli/one.ts')).toEqual([expect.stringMatching(/^import-x\/no-cycle: Dependency cycle/)]);
  });
});

describe('SQL only in main/db', () => {
  const sqlInDb = expect.stringMatching(/^no-restricted-syntax: main\/db owns all SQL/);

  it('refuses a service preparing, running or writing a statement', async () => {
    const lines = [
      "import type { Db } from '../db/connection';",
      "export const a = (db: Db) => db.prepare('SELECT 1').get();",
      'export const b = (db: Db) => db.exec(`DELETE FROM articles`);',
      "export const c = (db: Db) => db.pragma('user_version', { simple: true });",
      'export const d = (db: Db, file: string) => db.backup(file);',
      "export const e = 'UPDATE codes SET shortcut = NULL WHERE id = ?';",
      'export const f = (t: string) => `INSERT INTO ${t} VALUES (1)`;',
      '',
    ];
    write('main/services/rawSql.ts', lines.join('\n'));
    const found = await problems('main/services/rawSql.ts', true);
    // Every line after the import is refused (a call with an SQL literal is refused twice: the call and the text).
    expect([...new Set(found.map((p) => p.line))]).toEqual([2, 3, 4, 5, 6, 7]);
    for (const p of found) expect(p.text).toEqual(sqlInDb);
  });

  it('refuses a service importing the driver or the statement cache', async () => {
    write('main/db/statements.ts', 'export const stmt = (): number => 1;\n');
    write('main/services/usesStmt.ts', "import { stmt } from '../db/statements';\nexport const x = stmt;\n");
    write('main/services/usesDriver.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n");
    const driver = expect.stringMatching(/^no-restricted-imports: .*main\/db owns all SQL/);
    expect(await problems('main/services/usesStmt.ts')).toEqual([driver]);
    expect(await problems('main/services/usesDriver.ts')).toEqual([driver]);
  });

  it('passes what services do with text and repositories: regular expressions, sentences, repository calls', async () => {
    write('main/db/things.ts', "import type { Db } from './connection';\nexport const listThings = (_db: Db): number[] => [];\n");
    const lines = [
      "import type { Db } from '../db/connection';",
      "import { listThings } from '../db/things';",
      'export const year = (s: string) => /^(\\d{4})/.exec(s)?.[1];',
      "export const label = 'Update the codebook, then select a code';",
      'export const things = (db: Db) => db.transaction(() => listThings(db))();',
      '',
    ];
    write('main/services/clean.ts', lines.join('\n'));
    expect(await problems('main/services/clean.ts')).toEqual([]);
  });
});

describe('the type-aware rules', () => {
  // The probe is a real file in the temporary repository with a tsconfig of its own, linted from disk: lintText over
  // the repository's own program (an in-memory main/paths.ts) was seen, in full runs under load, to lint the file on
  // disk instead of the text given (no messages at all, then two of the three), so it proved nothing either way.
  it("are on, with type information, for the app's files", async () => {
    const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });
    for (const file of ['main/paths.ts', 'shared/domain/dates.ts', 'renderer/src/App.tsx']) {
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules: Record<string, unknown[]>;
        languageOptions: { parserOptions: { project?: unknown } };
      };
      for (const rule of ['no-floating-promises', 'no-non-null-assertion', 'no-unnecessary-type-assertion']) {
        expect(config.rules[`@typescript-eslint/${rule}`]?.[0], `${file}: ${rule}`).toBe(2);
      }
      expect(config.languageOptions.parserOptions.project, file).toBeTruthy();
    }
  });

  it('hold for the files once exempt: no `!` anywhere, and no SQL in the merge', async () => {
    const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });
    const rule = async (file: string, name: string) =>
      ((await eslint.calculateConfigForFile(file)) as { rules: Record<string, unknown[]> }).rules[name]?.[0];
    for (const file of [
      'main/services/exchange/merge.ts',
      'main/services/import/rtf.ts',
      'main/services/suggest/engine.ts',
      'main/db/connection.ts',
      'shared/nlp/roles.ts',
      'shared/agreement/report.ts',
      'renderer/src/components/agreement/AdjudicationDialog.tsx',
      'renderer/src/import/files.ts',
      'main/services/report/pdfParagraph.ts',
      'main/services/report/data.ts',
    ]) {
      expect(await rule(file, '@typescript-eslint/no-non-null-assertion'), file).toBe(2);
      expect(await rule(file, '@typescript-eslint/no-unnecessary-type-assertion'), file).toBe(2);
    }
    for (const file of ['main/services/exchange/merge.ts', 'main/services/exchange/mergeSettings.ts']) {
      expect(await rule(file, 'no-restricted-syntax'), file).toBe(2);
    }
  });

  it('refuse a floating promise, a non-null assertion and a needless assertion in the app', async () => {
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          target: 'ES2022',
          lib: ['ES2022'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          noEmit: true,
        },
        include: ['main/**/*.ts'],
      }),
    );
    const code = [
      'const later = async (): Promise<number> => 1;',
      'later();',
      'export const first = [1, 2][0]!;',
      'const one: number = 1;',
      'export const n = (one as number) + 1;',
      '',
    ].join('\n');
    write('main/typed/probe.ts', code);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: CONFIG,
      overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: dir } } },
    });
    const [result] = await eslint.lintFiles(['main/typed/probe.ts']);
    const rules = (result?.messages ?? []).map((m) => m.ruleId ?? `parse: ${m.message}`).sort();
    expect(rules).toEqual([
      '@typescript-eslint/no-floating-promises',
      '@typescript-eslint/no-non-null-assertion',
      '@typescript-eslint/no-unnecessary-type-assertion',
    ]);
  });
});
