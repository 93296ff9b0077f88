// Types of scripts/open-url.mjs, for the TypeScript tests that use it.
type Env = Record<string, string | undefined>;
export function openerFor(
  url: string,
  opts?: { env?: Env; platform?: string; args?: string[] },
): { cmd: string; args: string[]; reason?: undefined } | { cmd?: undefined; reason: string };
export function openInBrowser(url: string, opts?: { env?: Env; platform?: string; args?: string[] }): boolean;
