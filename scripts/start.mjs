// npm start: the Electron window where an Electron binary exists; otherwise
// one line saying why, and the same workbench in browser mode on 127.0.0.1, whose address is always printed and,
// where a desktop session exists, opened in the default browser (scripts/open-url.mjs; --no-open turns it off).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateElectron } from './electron-binary.mjs';
import { openInBrowser } from './open-url.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser') || process.env.PARLEY_BROWSER === '1';
const electron = forceBrowser ? { reason: 'browser mode was asked for (--browser)' } : locateElectron();

/**
 * Electron loads native addons built for its own ABI. Build better-sqlite3 for
 * it into .cache/, never over node_modules' copy, so `npm test` (Node's ABI)
 * keeps working after `npm start`, and the reverse.
 */
function electronAddon() {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const out = path.join(root, '.cache', `electron-${version}`, 'better_sqlite3.node');
  if (fs.existsSync(out)) return out;
  const work = path.join(root, '.cache', `electron-${version}`, 'better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
  console.log(`Building better-sqlite3 for Electron ${version} (once)…`);
  const gyp = path.join(root, 'node_modules/.bin/node-gyp');
  const r = spawnSync(
    gyp,
    ['rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
    {
      cwd: work,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    },
  );
  if (r.status !== 0) return null;
  fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), out);
  return out;
}

function browserMode(reason) {
  console.log(`Parley: starting in browser mode because ${reason}.`);
  const serverArgs = args.filter((a) => a !== '--browser' && a !== '--no-open');
  const child = spawn(process.execPath, [path.join(root, 'dist/main/server.cjs'), ...serverArgs], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  // The server prints its address; pass everything through, and open the address once it appears.
  let seen = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    seen += chunk.toString();
    const m = /Parley browser mode: (\S+)/.exec(seen);
    if (m) {
      opened = true;
      openInBrowser(m[1], { args });
    }
  });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (electron.path) {
  const addon = electronAddon();
  if (!addon) {
    browserMode('better-sqlite3 could not be built for Electron (see the compiler output above)');
  } else {
    const child = spawn(electron.path, [root, ...args], { stdio: 'inherit', env: { ...process.env, PARLEY_NATIVE_BINDING: addon } });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
} else {
  browserMode(electron.reason);
}
