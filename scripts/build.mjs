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
  external: ['electron', 'better-sqlite3', '@playwright/test', 'playwright-core'],
};

await Promise.all([
  esbuild({
    ...common,
    entryPoints: {
      'main/electron': 'main/electron/main.ts',
      'main/preload': 'main/electron/preload.ts',
      'main/server': 'main/server/main.ts',
      'main/cli': 'main/cli/main.ts',
      'bench/bench': 'bench/bench.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  }),
  vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
console.log('built dist/main and dist/renderer');
