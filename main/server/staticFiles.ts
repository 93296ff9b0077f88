/**
 * The renderer's files as both shells serve them: the Electron window through
 * its app:// protocol handler and browser mode over loopback HTTP. One lookup
 * (confined to the renderer folder), one MIME map, one content security policy,
 * so the two cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  /** Absolute path of the file, inside the root. */
  file: string;
  /** Its path relative to the root (`index.html` for `/`). */
  rel: string;
  contentType: string;
}

/**
 * The file a URL path names under `root`, or null (to be answered 404) when it
 * is missing, is a folder, is malformed (a bad %-escape) or leaves the root.
 */
export function findStaticFile(root: string, urlPathname: string): StaticFile | null {
  const base = path.resolve(root);
  let rel: string;
  try {
    rel = urlPathname === '/' ? 'index.html' : decodeURIComponent(urlPathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = path.resolve(base, rel);
  if (!file.startsWith(base + path.sep)) return null;
  try {
    if (!fs.statSync(file).isFile()) return null;
  } catch {
    return null;
  }
  return { file, rel, contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
