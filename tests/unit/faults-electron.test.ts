/**
 * Issue 12, item 7 (Electron cannot run here): the pieces of the shell's
 * hardening as pure functions, and a check that the shell uses them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { externalLinkPrompt } from '../../main/electron/externalLink';
import { applicationMenuTemplate } from '../../main/electron/menu';
import { isTrustedSender } from '../../main/electron/sender';
import { recordFigures } from '../helpers/figures';

const APP = 'app://parley';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [
    ...(i.role ? [String(i.role)] : []),
    ...(Array.isArray(i.submenu) ? roles(i.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

describe('the IPC sender check', () => {
  const top = { url: `${APP}/index.html`, parent: null };
  it('accepts only the Parley page in the window’s top frame', () => {
    expect(isTrustedSender(top, top)).toBe(true);
    const child = { url: `${APP}/index.html`, parent: top };
    expect(isTrustedSender(child, top)).toBe(false);
    const otherTop = { url: `${APP}/index.html`, parent: null };
    expect(isTrustedSender(otherTop, top)).toBe(false);
    const remote = { url: 'https://evil.example/', parent: null };
    expect(isTrustedSender(remote, remote)).toBe(false);
    const garbage = { url: 'not a url', parent: null };
    expect(isTrustedSender(garbage, garbage)).toBe(false);
    expect(isTrustedSender(null, top)).toBe(false);
  });
});

describe('the application menu', () => {
  it('offers no developer tools or reload in a packaged build, on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const r = roles(applicationMenuTemplate({ packaged: true, platform }));
      expect(r).not.toContain('toggleDevTools');
      expect(r).not.toContain('reload');
      expect(r).not.toContain('forceReload');
      expect(r).toEqual(expect.arrayContaining(['copy', 'paste']));
      // Ctrl+Z stays Parley's own undo of tags.
      expect(r).not.toContain('undo');
    }
    expect(roles(applicationMenuTemplate({ packaged: false, platform: 'linux' }))).toContain('toggleDevTools');
  });
});

describe('the external-link confirmation', () => {
  it('shows the whole address and the site it really goes to', () => {
    const href = 'https://www.example.org/news/2026/03/talks?id=42#part-2';
    const p = externalLinkPrompt(href)!;
    expect(p.href).toBe(href);
    expect(p.message).toContain(href);
    expect(p.detail).toContain('www.example.org');
    const trick = externalLinkPrompt('https://trusted.gov.example@evil.example/login')!;
    expect(trick.message).toContain('https://trusted.gov.example@evil.example/login');
    expect(trick.detail).toMatch(/the site is evil\.example/);
    expect(externalLinkPrompt('https://bücher.example/')!.detail).toContain('xn--bcher-kva.example');
    expect(externalLinkPrompt('http://plain.example/')!.detail).toMatch(/not encrypted/);
  });
  it('never opens anything but http(s)', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'app://parley/x', 'smb://host/share', 'not a url'])
      expect(externalLinkPrompt(url), url).toBeNull();
  });
});

describe('the Electron shell', () => {
  it('sets its own menu and uses the sender check and the link confirmation', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../main/electron/main.ts'), 'utf8');
    expect(source).toMatch(/Menu\.setApplicationMenu\(Menu\.buildFromTemplate\(applicationMenuTemplate\(/);
    expect(source).toMatch(/isTrustedSender\(event\.senderFrame, event\.sender\.mainFrame\)/);
    expect(source).toMatch(/externalLinkPrompt\(url\)/);
    recordFigures('fault-electron', { devToolsInPackagedMenu: 0, childFrameAccepted: false, fullAddressShown: true });
  });
});
