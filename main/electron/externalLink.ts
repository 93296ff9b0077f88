/**
 * What the analyst is asked before a link opens in the web browser: the whole
 * address, and the site it really goes to (after `user@` tricks and with
 * international names in their punycode form, as the browser will reach them).
 * Pure, so it is tested without Electron.
 */
export interface ExternalLinkPrompt {
  href: string;
  message: string;
  detail: string;
}

/** null for anything but an http(s) address: those are never opened. */
export function externalLinkPrompt(url: string): ExternalLinkPrompt | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const notes = [`It goes to ${parsed.hostname}${parsed.port ? ` (port ${parsed.port})` : ''}.`];
  if (parsed.username || parsed.password)
    notes.push(`The part before “@” (${parsed.username}) is not the site: the site is ${parsed.hostname}.`);
  if (parsed.protocol === 'http:') notes.push('The connection is not encrypted (http).');
  return {
    href: parsed.href,
    message: `Open this address in your web browser?\n\n${parsed.href}`,
    detail: notes.join(' '),
  };
}
