import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openerFor } from '../../scripts/open-url.mjs';
import { tempDir } from '../helpers/workspace';

const START = path.resolve(__dirname, '../../scripts/start.mjs');
const running: { kill(): void }[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of running.splice(0)) c.kill();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Runs `npm start`'s script in browser mode until it has printed its address (and, if it opens one, until the
 * opener has run). The opener on PATH is a script that writes down the address it was given: a real program in
 * the place of the desktop's xdg-open, whose browser a test cannot watch.
 */
async function start(env: Record<string, string | undefined>): Promise<{ out: string; openedWith: string | null }> {
  const dir = tempDir('parley-start-');
  dirs.push(dir);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const record = path.join(dir, 'opened.txt');
  // Written aside, then renamed: the file appears whole, so a reader never sees it created but still empty (the
  // shell's `>` creates the file before printf writes; a loaded machine showed that gap as a failed test).
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${record}.part' && mv '${record}.part' '${record}'\n`, {
    mode: 0o755,
  });
  const child = spawn(process.execPath, [START, '--browser', '--workspace', path.join(dir, 'w.sqlite'), '--no-sample'], {
    env: {
      ...process.env,
      DISPLAY: undefined,
      WAYLAND_DISPLAY: undefined,
      PARLEY_NO_OPEN: undefined,
      ...env,
      PATH: `${bin}:${process.env.PATH}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push({ kill: () => child.kill('SIGTERM') });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (/Parley: (opened|open) /.test(out)) resolve();
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`start.mjs exited with ${code}: ${out}`)));
  });
  if (/Parley: opened /.test(out)) {
    // The opener runs detached; wait for what it wrote.
    for (let i = 0; i < 200 && !fs.existsSync(record); i++) await new Promise((r) => setTimeout(r, 25));
  }
  return { out, openedWith: fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : null };
}

describe('npm start in browser mode', () => {
  it('prints the address and opens it in the default browser where a desktop session exists', async () => {
    const { out, openedWith } = await start({ DISPLAY: ':0' });
    const url = /Parley browser mode: (\S+)/.exec(out)![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(openedWith).toBe(url);
    expect(out).toContain(`Parley: opened ${url} in the default browser.`);
  });

  it('without a desktop session only prints it, saying why it opened nothing', async () => {
    const { out, openedWith } = await start({});
    const url = /Parley browser mode: (\S+)/.exec(out)![1]!;
    expect(out).toContain(`Parley: open ${url} in a browser (not opened: there is no desktop session`);
    expect(openedWith).toBeNull();
  });

  it('knows the opener of each platform, and --no-open turns it off', () => {
    expect(openerFor('http://x/', { platform: 'darwin', env: {} })).toEqual({ cmd: 'open', args: ['http://x/'] });
    expect(openerFor('http://x/', { platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, args: ['--no-open'] })).toEqual({
      reason: 'opening a browser was turned off',
    });
  });
});
