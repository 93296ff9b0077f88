// Where the Electron binary is, without triggering electron's lazy download
// (requiring the `electron` package from Node would try to fetch it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** { path } when an Electron binary exists, otherwise { reason } saying why not. */
export function locateElectron() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(pkgDir)) return { reason: 'the electron package is not installed (run npm install)' };
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const candidates = relative
    ? [path.join(distDir, relative)]
    : [path.join(distDir, 'electron'), path.join(distDir, 'electron.exe'), path.join(distDir, 'Electron.app/Contents/MacOS/Electron')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (found) return { path: found };
  return {
    reason:
      `there is no Electron binary at ${path.relative(root, candidates[0])} (Electron ${readVersion(pkgDir)} fetches it from its ` +
      'release host on first use, with `npx install-electron`; install it where that host is reachable to get the desktop window)',
  };
}

function readVersion(pkgDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}
