// Builds main (Electron main, preload, browser-mode server, CLI, benchmark) with
// esbuild and the renderer with Vite. Output: dist/main/*.cjs, dist/renderer/.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // pdf.js is an ES module loaded with import() at run time; pdfkit reads files of its own;
  // Playwright and esbuild (which builds the highlight benchmark's page) run from node_modules.
  external: ['electron', 'better-sqlite3', 'pdfkit', 'pdfjs-dist', '@playwright/test', 'playwright-core', 'esbuild'],
};

await Promise.all([
  esbuild({
    ...common,
    entryPoints: {
      'main/electron': 'main/electron/main.ts',
      'main/preload': 'main/electron/preload.ts',
      'main/server': 'main/server/main.ts',
      'main/cli': 'main/cli/main.ts',
      // Test support, run as a child process by the crash test.
      'test-support/crash-writer': 'tests/support/crash-writer.ts',
      'main/importWorker': 'main/services/import/worker.ts',
      'main/suggestWorker': 'main/services/suggest/worker.ts',
      'bench/bench': 'bench/bench.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  }),
  vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
console.log('built dist/main and dist/renderer');
