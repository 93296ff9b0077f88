// npm start's browser mode opens its address in the default browser where there is a desktop to show it on.
import { spawn, spawnSync } from 'node:child_process';

/**
 * The command that opens `url` in the default browser, or why there is none: on Linux xdg-open, and only with a
 * desktop session (DISPLAY or WAYLAND_DISPLAY); `open` on macOS; `start` on Windows. PARLEY_NO_OPEN=1 or
 * --no-open turn it off.
 */
export function openerFor(url, { env = process.env, platform = process.platform, args = [] } = {}) {
  if (env.PARLEY_NO_OPEN === '1' || args.includes('--no-open')) return { reason: 'opening a browser was turned off' };
  if (platform === 'darwin') return { cmd: 'open', args: [url] };
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { reason: 'there is no desktop session (DISPLAY and WAYLAND_DISPLAY are unset)' };
  const found = spawnSync('sh', ['-c', 'command -v xdg-open'], { encoding: 'utf8', env });
  if (found.status !== 0) return { reason: 'xdg-open is not installed' };
  return { cmd: found.stdout.trim(), args: [url] };
}

/** Opens the address (detached, so that the browser outlives nothing of ours); says what it did either way. */
export function openInBrowser(url, opts = {}) {
  const how = openerFor(url, opts);
  if (!how.cmd) {
    console.log(`Parley: open ${url} in a browser (not opened: ${how.reason}).`);
    return false;
  }
  const child = spawn(how.cmd, how.args, { stdio: 'ignore', detached: true, env: opts.env ?? process.env });
  child.on('error', (err) => console.log(`Parley: could not open a browser (${err.message}); open ${url} yourself.`));
  child.unref();
  console.log(`Parley: opened ${url} in the default browser.`);
  return true;
}
