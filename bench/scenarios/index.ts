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
];
