import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aptInstall, ensureChromium, ensurePostgres, findChromium, findPostgresBin, type AptPlan } from '../../scripts/toolchain.mjs';
import { tempDir } from '../helpers/workspace';

/** An executable file in a temporary folder, standing where a browser would be installed. */
function fileAt(name: string): string {
  const p = path.join(tempDir('parley-toolchain-'), name);
  fs.writeFileSync(p, '#!/bin/sh\n', { mode: 0o755 });
  return p;
}

const none = () => null;

describe('scripts/toolchain: finding what the tests need on a fresh machine', () => {
  it('takes PARLEY_CHROMIUM first, and only it when it is set', () => {
    const own = fileAt('my-chrome');
    const system = fileAt('chromium');
    expect(findChromium({ env: { PARLEY_CHROMIUM: own }, candidates: [system] })).toEqual({ path: own, source: 'PARLEY_CHROMIUM' });
    const wrong = findChromium({ env: { PARLEY_CHROMIUM: `${own}-missing` }, candidates: [system] });
    expect(wrong.path).toBeNull();
    expect('reason' in wrong && wrong.reason).toContain(`${own}-missing`);
  });

  it('then the system’s Chromium, then Playwright’s own, else says there is none', () => {
    const system = fileAt('chromium');
    const own = fileAt('chrome');
    expect(findChromium({ env: {}, candidates: ['/nonexistent/chromium', system], playwright: () => own })).toEqual({
      path: system,
      source: 'system',
    });
    expect(findChromium({ env: {}, candidates: ['/nonexistent/chromium'], playwright: () => own })).toEqual({
      path: own,
      source: 'playwright',
    });
    expect(findChromium({ env: {}, candidates: ['/nonexistent/chromium'], playwright: none }).path).toBeNull();
  });

  it('finds this machine’s real Chromium and PostgreSQL', () => {
    const chromium = findChromium({ env: {} });
    expect(chromium.path && fs.statSync(chromium.path).isFile()).toBe(true);
    const bin = findPostgresBin({ env: {} });
    expect(bin).toMatch(/postgresql\/\d+\/bin$|bin$/);
    expect(fs.existsSync(path.join(bin!, 'postgres'))).toBe(true);
  });

  it('says the exact apt-get command, with sudo when not root, and none without apt-get', () => {
    expect(aptInstall(['chromium'], { isRoot: true, hasApt: true })!.command).toBe(
      'apt-get update && apt-get install -y --no-install-recommends chromium',
    );
    expect(aptInstall(['postgresql'], { isRoot: false, hasApt: true })!.command).toBe(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends postgresql',
    );
    expect(aptInstall(['chromium'], { isRoot: true, hasApt: false })).toBeNull();
  });

  it('with nothing found, prints the command, and runs it only when CI=true allows', () => {
    const runs: string[] = [];
    const plan = (installs: string): AptPlan => ({
      command: 'apt-get install -y chromium',
      canRun: true,
      run: () => {
        runs.push(installs);
        return true;
      },
    });
    let installed: string | null = null;
    const find = () => (installed ? { path: installed, source: 'system' as const } : { path: null, reason: 'no Chromium here' });
    const told = ensureChromium({ env: {}, find, download: () => false, apt: () => plan('local'), log: () => {} });
    expect(told.path).toBeNull();
    expect('reason' in told && told.reason).toContain('run: apt-get install -y chromium');
    expect(runs).toEqual([]);

    const chrome = fileAt('chromium');
    const ci = ensureChromium({
      env: { CI: 'true' },
      find,
      download: () => false,
      apt: () => ({ ...plan('ci'), run: () => ((installed = chrome), runs.push('ci'), true) }),
      log: () => {},
    });
    expect(ci).toEqual({ path: chrome, source: 'system' });
    expect(runs).toEqual(['ci']);

    const pgTold = ensurePostgres({ env: {}, find: () => null, apt: () => plan('pg'), log: () => {} });
    expect(pgTold.bin).toBeNull();
    expect(pgTold.reason).toContain('run: apt-get install -y chromium');
  });
});
