import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Envelope } from '../../shared/api/errors';
import type { Dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY, findStaticFile } from './staticFiles';

/**
 * Browser mode's transport: the contract's operations over loopback HTTP.
 * 127.0.0.1 only; every API request must carry the per-run token in a header,
 * which the page keeps in sessionStorage: storage is scoped to the origin, port
 * included, where a cookie would be sent to every port of 127.0.0.1 (and so to
 * any other local server the analyst follows a link to) and two Parleys in one
 * browser would overwrite each other's. The page and its scripts hold no data
 * and are served without the token. Host and Origin must be this server's own
 * (against DNS rebinding); no CORS.
 */

export const TOKEN_HEADER = 'x-parley-token';
export const MAX_BODY_BYTES = 24 * 1024 * 1024;

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A path segment as text, or null when its percent-encoding is malformed (answered 400, not an exception). */
function decodePath(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function badAddress(res: http.ServerResponse): void {
  sendEnvelope(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: 'The address has malformed percent-encoding.' } });
}

function baseHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}

function sendJson(res: http.ServerResponse, status: number, json: string | Uint8Array): void {
  res.writeHead(status, { ...baseHeaders(), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

function sendEnvelope(res: http.ServerResponse, status: number, body: Envelope<unknown>): void {
  sendJson(res, status, JSON.stringify(body));
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  sendEnvelope(res, status, { ok: false, error: { code: 'UNAUTHORIZED', message } });
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `dispatchJson`, when given (the workspace worker's), takes the raw body and answers JSON bytes, so that neither
 * parsing an upload nor encoding an export (megabytes, seconds of CPU) runs on this thread; otherwise `dispatch`.
 */
export function startBrowserServer(opts: {
  dispatch: Dispatch;
  dispatchJson?(op: string, body: Uint8Array): Promise<{ status: number; json: Uint8Array }>;
  staticDir: string;
  port?: number;
  token?: string;
}): Promise<BrowserServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(opts.staticDir);
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error('[parley] request failed', err);
      if (!res.headersSent)
        sendEnvelope(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed inside Parley.' } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 421, 'Parley answers only at its own 127.0.0.1 address.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(res, 403, 'Requests from other sites are refused.');
    if (req.headers['sec-fetch-site'] === 'cross-site') return refuse(res, 403, 'Requests from other sites are refused.');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'The API takes POST requests only.');
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token))
        return refuse(res, 401, 'Missing or wrong Parley token. Open the address Parley printed.');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'The API takes application/json.');
      const body = await readBody(req);
      if (body === 'too-large') {
        return sendEnvelope(res, 413, {
          ok: false,
          error: {
            code: 'TOO_LARGE',
            message: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, so Parley did not read it. Nothing was saved.`,
          },
        });
      }
      const op = decodePath(url.pathname.slice('/api/'.length));
      if (opts.dispatchJson) {
        if (op === null) return badAddress(res);
        const answer = await opts.dispatchJson(op, body);
        return sendJson(res, answer.status, answer.json);
      }
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendEnvelope(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' } });
      }
      if (op === null) return badAddress(res);
      return sendEnvelope(res, 200, await opts.dispatch(op, input));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET is served here.');
    if (decodePath(url.pathname) === null) return badAddress(res);
    const found = findStaticFile(staticRoot, url.pathname);
    if (!found) {
      res.writeHead(404, { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Not found');
    }
    const headers: Record<string, string> = {
      ...baseHeaders(),
      'content-type': found.contentType,
      'cache-control': found.rel === 'index.html' ? 'no-store' : 'private, max-age=31536000, immutable',
    };
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(found.file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // A browser tab keeps connections open; stopping must not wait for it.
            server.closeAllConnections();
          }),
      });
    });
  });
}
