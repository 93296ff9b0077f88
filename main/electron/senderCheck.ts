/**
 * Which IPC senders may call the contract: only the Parley page itself, in the
 * window's top frame. Checking the origin alone would let a frame inside the
 * page (were one ever loaded, say by a future embed) call every operation.
 * Pure, so it is tested without Electron.
 */
export interface SenderFrame {
  url: string;
  /** null for a window's top frame. */
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, mainFrame: unknown, appOrigin: string): boolean {
  if (!frame || frame.parent !== null || frame !== mainFrame) return false;
  try {
    // Scheme and host, not URL.origin: outside Electron a custom scheme's origin is "null".
    const u = new URL(frame.url);
    return `${u.protocol}//${u.host}` === appOrigin;
  } catch {
    return false;
  }
}
