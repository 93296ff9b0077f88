// What the tests need from the machine besides npm packages — a Chromium and a PostgreSQL server — found
// where it already is, or installed with the system's package manager where that is allowed (CI=true).
// Used by scripts/test.mjs (before it runs anything) and by tests/support (to launch them).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Bundled into CommonJS (the benchmark starts PostgreSQL through tests/support), import.meta.url is empty there.
const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);

/** Chromium builds where a system package or an installer puts them, in the order they are tried. */
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const isFile = (p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Playwright's own Chromium (downloaded by `npx playwright install chromium`), if it is there. */
function playwrightChromium() {
  try {
    const p = require('playwright-core').chromium.executablePath();
    return p && isFile(p) ? p : null;
  } catch {
    return null;
  }
}

/**
 * The Chromium to test with: PARLEY_CHROMIUM if set (and then only it), else the system's, else Playwright's own.
 * Returns { path, source } or { path: null, reason }.
 */
export function findChromium({ env = process.env, candidates = SYSTEM_CHROMIUMS, playwright = playwrightChromium } = {}) {
  if (env.PARLEY_CHROMIUM) {
    return isFile(env.PARLEY_CHROMIUM)
      ? { path: env.PARLEY_CHROMIUM, source: 'PARLEY_CHROMIUM' }
      : { path: null, reason: `PARLEY_CHROMIUM is set to ${env.PARLEY_CHROMIUM}, which is not a file` };
  }
  const system = candidates.find(isFile);
  if (system) return { path: system, source: 'system' };
  const own = playwright();
  if (own) return { path: own, source: 'playwright' };
  return { path: null, reason: `no Chromium at ${candidates.slice(0, 3).join(', ')}… nor Playwright's own` };
}

/** The PostgreSQL server binaries directory (holding postgres and initdb): PARLEY_PG_BIN, the newest /usr/lib/postgresql/N/bin, or pg_config's. */
export function findPostgresBin({ env = process.env, root = '/usr/lib/postgresql' } = {}) {
  const ok = (dir) => isFile(path.join(dir, 'postgres')) && isFile(path.join(dir, 'initdb'));
  if (env.PARLEY_PG_BIN) return ok(env.PARLEY_PG_BIN) ? env.PARLEY_PG_BIN : null;
  let versions = [];
  try {
    versions = fs
      .readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    versions = [];
  }
  for (const v of versions) if (ok(path.join(root, v, 'bin'))) return path.join(root, v, 'bin');
  const cfg = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = cfg.status === 0 ? cfg.stdout.trim() : '';
  return dir && ok(dir) ? dir : null;
}

/**
 * How this machine would install system packages: the exact command, and whether it can be run here without a
 * password (as root, or with passwordless sudo). Null where there is no apt-get (macOS, Windows, other distributions).
 */
export function aptInstall(packages, { isRoot = process.getuid?.() === 0, hasApt = isFile('/usr/bin/apt-get') } = {}) {
  if (!hasApt) return null;
  const sudoOk = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const prefix = isRoot ? '' : 'sudo ';
  return {
    command: `${prefix}apt-get update && ${prefix}apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    canRun: isRoot || sudoOk,
    run() {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const sh = (args) => spawnSync(isRoot ? args[0] : 'sudo', isRoot ? args.slice(1) : args, { stdio: 'inherit', env }).status === 0;
      return sh(['apt-get', 'update', '-qq']) && sh(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
    },
  };
}

/** Runs `playwright install chromium` (a download from Playwright's host, into the user's cache); false where it cannot reach it. */
function installPlaywrightChromium({ root = process.cwd() } = {}) {
  const bin = path.join(root, 'node_modules', '.bin', 'playwright');
  if (!isFile(bin)) return false;
  console.log('Trying `npx playwright install chromium` (Playwright’s own Chromium, downloaded once)…');
  const r = spawnSync(bin, ['install', 'chromium'], {
    stdio: 'inherit',
    timeout: 10 * 60 * 1000,
    env: { ...process.env, PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: process.env.PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT ?? '20000' },
  });
  return r.status === 0;
}

/**
 * A Chromium for the end-to-end tests, found or fetched: the one found; else Playwright's own download (unless
 * PARLEY_NO_DOWNLOAD=1); else, with CI=true where apt-get can run, the system package. Otherwise { path: null,
 * reason } with the exact command to run.
 */
export function ensureChromium({
  env = process.env,
  log = console.log,
  find = findChromium,
  download = installPlaywrightChromium,
  apt = aptInstall,
} = {}) {
  let found = find({ env });
  if (found.path || env.PARLEY_CHROMIUM) return found;
  if (env.PARLEY_NO_DOWNLOAD !== '1' && download()) {
    found = find({ env });
    if (found.path) return found;
  }
  const plan = apt(['chromium']);
  if (plan?.canRun && env.CI === 'true') {
    log(`Chromium is missing; installing it (CI=true): ${plan.command}`);
    if (plan.run()) {
      found = find({ env });
      if (found.path) return found;
    }
  }
  const how = plan ? `run: ${plan.command}` : 'install Chromium or Google Chrome';
  const ci = plan?.canRun ? ' (with CI=true, npm test runs it itself)' : '';
  return {
    path: null,
    reason: `${found.reason}. For the end-to-end tests, ${how}${ci}, or \`npx playwright install chromium\`, or set PARLEY_CHROMIUM to a Chromium binary`,
  };
}

/** PostgreSQL's server binaries for the tests that need a real server, found or (CI=true, apt-get) installed; else the command to run. */
export function ensurePostgres({ env = process.env, log = console.log, find = findPostgresBin, apt = aptInstall } = {}) {
  let bin = find({ env });
  if (bin) return { bin };
  const plan = apt(['postgresql']);
  if (plan?.canRun && env.CI === 'true') {
    log(`PostgreSQL is missing; installing it (CI=true): ${plan.command}`);
    if (plan.run()) bin = find({ env });
    if (bin) return { bin };
  }
  const how = plan ? `run: ${plan.command}` : 'install the PostgreSQL server';
  return { bin: null, reason: `no PostgreSQL server binaries (postgres, initdb) in /usr/lib/postgresql/*/bin or PARLEY_PG_BIN; ${how}` };
}
