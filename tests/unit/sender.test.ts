import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppUrl, isTrustedSender } from '../../main/electron/sender';

const top = (url: string) => ({ url, parent: null });

describe('the Electron IPC sender check', () => {
  it('answers the top frame of the Parley window', () => {
    expect(isTrustedSender(top(`${APP_ORIGIN}/index.html`))).toBe(true);
    expect(isTrustedSender(top(`${APP_ORIGIN}/`))).toBe(true);
    expect(isTrustedSender(top(`${APP_ORIGIN}/index.html?x=1#y`))).toBe(true);
  });

  it.each([
    ['file:', 'file:///home/analyst/dist/renderer/index.html'],
    ['data:', 'data:text/html,<script>workbench.invoke("sample:remove")</script>'],
    ['blob: of the app', 'blob:app://parley/8c1f0d7e-0000-4000-8000-000000000000'],
    ['javascript:', 'javascript:alert(1)'],
    ['about:blank', 'about:blank'],
    ['http with the same host', 'http://parley/index.html'],
    ['https with the same host', 'https://parley/index.html'],
    ['another port', 'app://parley:8080/index.html'],
    ['look-alike host (suffix)', 'app://parley.evil.example/index.html'],
    ['look-alike host (prefix)', 'app://notparley/index.html'],
    ['look-alike host (dash)', 'app://parley-app/index.html'],
    ['credentials before the host', 'app://parley@evil.example/index.html'],
    ['user name equal to the host', 'app://parley:x@parley/index.html'],
    ['host in the path', 'app://evil.example/parley/index.html'],
    ['another scheme', 'apps://parley/index.html'],
    ['localhost', 'http://127.0.0.1:39117/index.html'],
    ['empty', ''],
    ['not a URL', 'parley'],
  ])('refuses %s', (_label, url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isTrustedSender(top(url))).toBe(false);
  });

  it('refuses a frame embedded in the window, even one of the app origin', () => {
    const parent = top(`${APP_ORIGIN}/index.html`);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent })).toBe(false);
  });

  it('refuses a missing (destroyed or navigated) frame', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
