// Builds the app into dist/ — main (Electron main, preload, browser-mode server, CLI, the workspace, import and suggestion workers)
// with esbuild, the renderer with Vite and the shipped fonts in dist/fonts — and, apart from it, the benchmark into dist-bench/ and
// the tests' helper programs into dist-test/, so that dist/ (what gets packaged) holds the app only.
import fs from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
  // pdf.js is an ES module loaded with import() at run time; pdfkit reads files of its own (and fontkit is
  // the copy pdfkit uses, so the system fonts the brief opens are pdfkit's kind of font);
  // docx is read only by the Word brief, loaded on its first export, so it stays out of the bundle every start parses;
  // Playwright and esbuild (which builds the highlight benchmark's page) run from node_modules.
  external: ['electron', 'better-sqlite3', 'pdfkit', 'fontkit', 'docx', 'pdfjs-dist', '@playwright/test', 'playwright-core', 'esbuild', 'pg-native'],
};

// Bundles of earlier builds that no longer belong in dist/ (the benchmark and test helpers moved out).
for (const stale of ['dist/bench', 'dist/test-support']) fs.rmSync(stale, { recursive: true, force: true });

// The Noto fonts the PDF brief ships for CJK and emoji (main/services/report/shippedFonts.ts, same list): of each
// @fontsource package only what the brief reads — the regular WOFF slices (the emoji font's one whole file), their unicode.json and the OFL licence —
// goes to dist/fonts, which the app package carries (about 12 MB of the packages' 290).
fs.rmSync('dist/fonts', { recursive: true, force: true });
const NOTO = { 'noto-sans-sc': '\\d+', 'noto-sans-tc': '\\d+', 'noto-sans-jp': '\\d+', 'noto-sans-kr': '\\d+', 'noto-emoji': 'emoji' };
for (const [id, slice] of Object.entries(NOTO)) {
  const from = `node_modules/@fontsource/${id}`;
  const to = `dist/fonts/${id}`;
  fs.mkdirSync(`${to}/files`, { recursive: true });
  for (const file of ['unicode.json', 'LICENSE']) fs.copyFileSync(`${from}/${file}`, `${to}/${file}`);
  const wanted = new RegExp(`^${id}-${slice}-400-normal\\.woff$`);
  for (const file of fs.readdirSync(`${from}/files`).filter((f) => wanted.test(f))) fs.copyFileSync(`${from}/files/${file}`, `${to}/files/${file}`);
}

await Promise.all([
  esbuild({
    ...common,
    entryPoints: {
      'main/electron': 'main/electron/main.ts',
      'main/preload': 'main/electron/preload.ts',
      'main/server': 'main/server/main.ts',
      'main/cli': 'main/cli/main.ts',
      'main/importWorker': 'main/services/import/worker.ts',
      'main/suggestWorker': 'main/services/suggest/worker.ts',
      'main/workspaceWorker': 'main/worker/entry.ts',
    },
    outdir: 'dist',
  }),
  esbuild({ ...common, entryPoints: { bench: 'bench/bench.ts' }, outdir: 'dist-bench' }),
  // Run as a child process by the crash test.
  esbuild({ ...common, entryPoints: { 'crash-writer': 'tests/support/crash-writer.ts' }, outdir: 'dist-test' }),
  vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
console.log('built dist/ (the app), dist-bench/ and dist-test/');
