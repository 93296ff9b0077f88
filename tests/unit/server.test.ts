import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch';
import { startBrowserServer, type BrowserServer, MAX_BODY_BYTES } from '../../main/server/http';
import { recordFigures } from '../helpers/figures';
import { openTestWorkspace, rowCounts, tempDir, type TestWorkspace } from '../helpers/workspace';

let w: TestWorkspace;
let server: BrowserServer;
let staticDir: string;

beforeAll(async () => {
  w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
  staticDir = tempDir('parley-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');
  server = await startBrowserServer({ dispatch: createDispatch(w.ctx, () => {}), staticDir });
});
afterAll(async () => {
  await server.close();
  w.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${server.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${op}`,
    headers: { 'content-type': 'application/json', 'x-parley-token': server.token, ...headers },
    body: JSON.stringify(body),
  });

describe('browser mode transport', () => {
  it('listens on 127.0.0.1 and prints an address with the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`));
  });

  it('serves the contract to a request with the token', async () => {
    const r = await api('codebook:list', {});
    expect(r.status).toBe(200);
    const env = JSON.parse(r.body);
    expect(env.ok).toBe(true);
    expect(env.value.length).toBeGreaterThan(3);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('refuses the API without the token or with a wrong one', async () => {
    expect((await api('codebook:list', {}, { 'x-parley-token': '' })).status).toBe(401);
    expect((await api('codebook:list', {}, { 'x-parley-token': 'x'.repeat(32) })).status).toBe(401);
  });

  it('refuses other Host headers (DNS rebinding) and other origins', async () => {
    expect((await api('codebook:list', {}, { host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await api('codebook:list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('codebook:list', {}, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await api('codebook:list', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('sets no cookie: the page holds no data, and the API takes the token only as a header (issue 12)', async () => {
    const first = await request({ path: `/?token=${server.token}` });
    expect(first.status).toBe(200);
    expect(first.body).toContain('<title>Parley</title>');
    expect(first.headers['set-cookie']).toBeUndefined();
    // A reload, after the page removed the token from the address, still gets the page.
    expect((await request({ path: '/' })).status).toBe(200);
    // A cookie carrying the token (as earlier versions set) opens nothing.
    const cookie = `parley_token=${server.token}`;
    expect((await api('codebook:list', {}, { 'x-parley-token': '', cookie })).status).toBe(401);
  });

  it('answers malformed percent-encoding with 400 and logs no stack (issue 12)', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const page = await request({ path: '/%E0%A4%A' });
      expect(page.status).toBe(400);
      expect(JSON.parse(page.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      const op = await api('%zz', {});
      expect(op.status).toBe(400);
      expect(op.body).not.toMatch(/URIError|at /);
    } finally {
      console.error = original;
    }
    expect(logged).toEqual([]);
    recordFigures('fault-percent-encoding', { pageStatus: 400, apiStatus: 400, stacksLogged: logged.length });
  });

  it('does not serve files outside its folder', async () => {
    const r = await request({ path: `/..%2f..%2fetc%2fpasswd?token=${server.token}` });
    expect(r.status).toBe(404);
  });

  it('answers malformed and oversized bodies with a clear error and writes nothing', async () => {
    const before = rowCounts(w.ctx);
    const bad = await request({
      method: 'POST',
      path: '/api/articles:create',
      headers: { 'content-type': 'application/json', 'x-parley-token': server.token },
      body: '{"title":',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/not valid JSON/);
    const big = await request({
      method: 'POST',
      path: '/api/articles:create',
      headers: { 'content-type': 'application/json', 'x-parley-token': server.token },
      body: Buffer.alloc(MAX_BODY_BYTES + 10, 0x20),
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('TOO_LARGE');
    const wrongType = await api('codebook:list', {}, { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(rowCounts(w.ctx)).toEqual(before);
  });
});
