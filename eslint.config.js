// Lint for the whole repository. Three layers of rules:
//  1. syntax rules everywhere (eslint + typescript-eslint recommended);
//  2. type-aware rules on the app's TypeScript (main, shared, renderer):
//     promises must be awaited or voided, no `!` non-null assertions, no type assertions that change nothing;
//  3. architecture: no import cycles anywhere (import-x/no-cycle), and the layers of the design
//     (renderer → shared only; shared → nothing; main/db → never main/services; main → never renderer).
// tests/unit/lintConfig.test.ts proves that a forbidden import fails. New code is held to all of it.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url'];
// Type-aware rules cover the app's code. Over the whole repository (bench/ and tests/ too) `eslint .` took
// 2 min 35 s wall (42 s CPU) on this 2-core machine under load; scoped to the app it takes less (see the issue note).
const typed = ['main/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'];

/** `no-restricted-imports` patterns per layer; a file gets the patterns of every layer it is in (later entries override earlier ones in flat config, so each block lists them all). */
const mainNeverRenderer = { group: ['**/renderer/**'], message: 'main never imports the renderer.' };
const dbNeverServices = {
  group: ['**/services/**', '**/services'],
  message: 'main/db is below main/services: a repository never imports a service (move what both need into db/ or shared/).',
};
const servicesNoSqlDriver = {
  group: ['better-sqlite3', '**/db/statements', '**/db/statements.ts'],
  message: 'main/db owns all SQL: a service calls a repository function in main/db, never the driver or stmt().',
};
const SQL_IN_DB = 'main/db owns all SQL: move this statement into a repository function in main/db (one module per aggregate).';
/** SQL in main/services: a statement prepared or run on a connection, or a string that is SQL. */
const servicesNoSql = [
  { selector: 'CallExpression[callee.property.name=/^(prepare|pragma|backup|serialize|loadExtension)$/]', message: SQL_IN_DB },
  // db.exec('…') / db.exec(`…`); RegExp#exec takes a variable, never a literal.
  { selector: "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: SQL_IN_DB },
  { selector: 'Literal[value=/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|VACUUM|WITH)\\s/]', message: SQL_IN_DB },
  {
    selector: 'TemplateElement[value.raw=/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|VACUUM|WITH)\\s/]',
    message: SQL_IN_DB,
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-bench/',
      'dist-test/',
      'release/',
      '.cache/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: typed,
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },

  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      // The cycle check reads every imported module; TypeScript ones need typescript-eslint's parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.{ts,mjs}', 'tests/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The highlight benchmark's page runs in Chromium.
    files: ['bench/pages/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // The article body is a focusable, keyboard-operable document region (see Reader).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['document'] }],
      'jsx-a11y/no-autofocus': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', ...nodeBuiltins, 'electron', 'better-sqlite3'],
              message: 'The renderer talks to main only through the shared contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [mainNeverRenderer] }] },
  },
  {
    files: ['main/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [mainNeverRenderer, dbNeverServices] }] },
  },
  {
    files: ['main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [mainNeverRenderer, servicesNoSqlDriver] }],
      'no-restricted-syntax': ['error', ...servicesNoSql],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', ...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom'],
              message: 'shared/ is pure TypeScript: no Node, no DOM, no main or renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
