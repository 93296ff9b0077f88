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

async function problems(rel: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: CONFIG, overrideConfig: tseslint.configs.disableTypeChecked });
  const [result] = await eslint.lintFiles([rel]);
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
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

describe('the type-aware rules', () => {
  it('refuse a floating promise, a non-null assertion and a needless assertion in the app', async () => {
    const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });
    const code = [
      'const later = async (): Promise<number> => 1;',
      'later();',
      'export const first = [1, 2][0]!;',
      'const one: number = 1;',
      'export const n = (one as number) + 1;',
      '',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../../main/paths.ts') });
    const rules = (result?.messages ?? []).map((m) => m.ruleId).sort();
    expect(rules).toEqual([
      '@typescript-eslint/no-floating-promises',
      '@typescript-eslint/no-non-null-assertion',
      '@typescript-eslint/no-unnecessary-type-assertion',
    ]);
  });
});
