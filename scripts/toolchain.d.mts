// Types of scripts/toolchain.mjs, for the TypeScript tests that use it.
export type Found = { path: string; source: 'PARLEY_CHROMIUM' | 'system' | 'playwright' } | { path: null; reason: string };
export interface AptPlan {
  command: string;
  canRun: boolean;
  run(): boolean;
}
type Env = Record<string, string | undefined>;
export function findChromium(opts?: { env?: Env; candidates?: string[]; playwright?: () => string | null }): Found;
export function findPostgresBin(opts?: { env?: Env; root?: string }): string | null;
export function aptInstall(packages: string[], opts?: { isRoot?: boolean; hasApt?: boolean }): AptPlan | null;
export function ensureChromium(opts?: {
  env?: Env;
  log?: (line: string) => void;
  find?: (opts: { env: Env }) => Found;
  download?: () => boolean;
  apt?: (packages: string[]) => AptPlan | null;
}): Found;
export function ensurePostgres(opts?: {
  env?: Env;
  log?: (line: string) => void;
  find?: (opts: { env: Env }) => string | null;
  apt?: (packages: string[]) => AptPlan | null;
}): { bin: string; reason?: undefined } | { bin: null; reason: string };
