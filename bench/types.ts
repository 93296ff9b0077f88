import type { AppContext } from '../main/services/context';

export interface ScenarioOptions {
  log(line: string): void;
  /** Articles in the generated workspace (100,000 at full size). */
  articles: number;
  /** The working copy of the generated workspace that `ctx` has open (scenarios may write to it). */
  workspaceFile: string;
  /** A short run (the test suite's tiny run): fewer repetitions. */
  quick?: boolean;
  /** Folder of this run's results, for files a scenario leaves to look at (screenshots). */
  resultsDir?: string;
  /** Id of the article generated with many tags (2,000 at full size). */
  heavyArticleId?: number;
}

/**
 * What a scenario returns: flat figures. A metric `<name>` is reported in the
 * table from keys `<name>.median`, `<name>.p95`, `<name>.unit`, `<name>.target`,
 * `<name>.ratio` (to the floor measured in the same run), `<name>.pass`
 * ('pass' | 'miss') and `<name>.note` (see measure.ts: metric()). Any other key
 * is shown as a row of its own.
 */
export type ScenarioResult = Record<string, number | string>;

export interface ScenarioModule {
  run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult>;
}
