/**
 * The benchmark's scenarios, run in this order. To add one, write
 * bench/scenarios/<name>.ts exporting `run(ctx, opts)` (see ../types.ts) and
 * add one line here; the bundler follows these imports, so a scenario not
 * listed here is not built (and the harness warns about it).
 */
import type { ScenarioModule } from '../types';

export interface ScenarioEntry {
  name: string;
  load(): Promise<ScenarioModule>;
}

export const SCENARIOS: readonly ScenarioEntry[] = [
  { name: 'writePath', load: () => import('./writePath') },
  { name: 'list', load: () => import('./list') },
  { name: 'series', load: () => import('./series') },
  { name: 'coldStart', load: () => import('./coldStart') },
  { name: 'disk', load: () => import('./disk') },
  { name: 'search', load: () => import('./search') },
  { name: 'direction', load: () => import('./direction') },
  { name: 'agreement', load: () => import('./agreement') },
  {
    name: 'highlights',
    load: async () => {
      const m = await import('./highlights');
      return { run: (ctx, o) => m.run(ctx, { log: o.log, rounds: o.quick ? 3 : undefined }) };
    },
  },
  {
    name: 'score',
    load: async () => {
      const m = await import('./score');
      return { run: (ctx, o) => m.run(ctx, { log: o.log, quick: o.quick, chart: true }) };
    },
  },
  { name: 'nearDuplicates', load: () => import('./nearDuplicates') },
  { name: 'pdfParagraphs', load: () => import('./pdfParagraphs') },
  {
    // Its own server on a fresh, empty workspace: the generated one is not used.
    name: 'importUi',
    load: async () => {
      const m = await import('./importUi');
      return { run: (ctx, o) => m.run(ctx, { log: o.log, pages: o.quick ? 50 : 2_000, resultsDir: o.resultsDir }) };
    },
  },
  { name: 'suggest', load: () => import('./suggest') },
  // Its own browser-mode server on a copy of the workspace, driven in Chromium by keyboard.
  { name: 'keysPerTag', load: () => import('./keysPerTag') },
  // The app's workspace worker on the working copy; it backs up and merges into it.
  { name: 'mainThread', load: () => import('./mainThread') },
  { name: 'desk', load: () => import('./desk') },
  {
    // Last: it adds 10,000 imported articles to the working copy of the workspace.
    name: 'import',
    load: async () => {
      const m = await import('./import');
      return { run: (ctx, o) => m.run(ctx, { log: o.log, articles: o.quick ? 100 : 10_000 }) };
    },
  },
];
