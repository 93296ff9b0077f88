/**
 * Which IPC senders the Electron shell answers: only the Parley window's own
 * top frame, loaded from app://parley. Kept apart from main.ts (and free of
 * Electron imports) so that it is tested on its own.
 *
 * Node's URL gives custom schemes the origin "null", so the scheme and host
 * are compared instead of `origin`.
 */
export const APP_ORIGIN = 'app://parley';

/** True for a URL of the app's own origin: app://parley with no port or credentials. */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'app:' && u.hostname === 'parley' && u.port === '' && u.username === '' && u.password === '';
}

/** What the check reads of Electron's WebFrameMain (its `parent` is null for a top frame). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * True only for the top frame of a page served from app://parley (not an embedded frame, not a destroyed one);
 * given the window's main frame, the sender must be that very frame (not another window's top frame).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, mainFrame?: unknown): boolean {
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return false;
  return mainFrame === undefined || frame === mainFrame;
}
