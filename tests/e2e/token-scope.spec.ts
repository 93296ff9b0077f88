/**
 * Issue 12, item 3: browser mode's credential stays with its own origin.
 * Browsers send cookies to every port of a host, so a page served by another
 * local process on 127.0.0.1 must receive nothing it could call the API with;
 * and two Parleys in one browser must not sign each other out.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { recordE2eFigures } from '../support/e2eFigures';
import { startServer, stopServer } from './fixtures';

/** Another local server: records the headers every request brings, serves a page that tries to reach Parley. */
function startOtherServer(): Promise<{ port: number; seen: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Other local service</title><p>Another program on this machine.</p>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        seen,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

const dirs: string[] = [];
test.afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});
function workspaceFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-token-'));
  dirs.push(dir);
  return path.join(dir, 'workspace.sqlite');
}

test('a page on another 127.0.0.1 port receives no Parley credential and cannot call the API', async ({ page }) => {
  const parley = await startServer(workspaceFile(), ['--no-sample']);
  const other = await startOtherServer();
  try {
    const token = new URL(parley.url).searchParams.get('token')!;
    await page.goto(parley.url);
    await expect(page.getByRole('navigation', { name: 'Library' })).toContainText('No articles yet.');
    // The analyst follows a link to the other local service.
    await page.goto(`http://127.0.0.1:${other.port}/`);
    await expect(page.getByText('Another program on this machine.')).toBeVisible();
    const sent = other.seen.map((h) => JSON.stringify(h));
    expect(sent.length).toBeGreaterThan(0);
    for (const headers of sent) expect(headers).not.toContain(token);
    // What the other page can see and do: no token in its storage, and the API refuses it.
    const attempt = await page.evaluate(async (origin) => {
      const stored = JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie;
      let status = 0;
      try {
        const r = await fetch(`${origin}/api/workspace:info`, { method: 'POST', credentials: 'include', mode: 'no-cors', body: '{}' });
        status = r.status; // opaque: 0
      } catch {
        status = -1;
      }
      return { stored, status };
    }, new URL(parley.url).origin);
    expect(attempt.stored).not.toContain(token);
    expect(attempt.status).toBeLessThanOrEqual(0);
    recordE2eFigures('fault-token-port', { requestsToOtherPort: sent.length, carryingTheToken: 0, otherPageStorageHoldsToken: false });
  } finally {
    await other.close();
    await stopServer(parley.child);
  }
});

test('two Parleys in one browser keep their own sign-in: reloading the first still works', async ({ context }) => {
  const first = await startServer(workspaceFile(), ['--no-sample']);
  const second = await startServer(workspaceFile(), []);
  try {
    const a = await context.newPage();
    await a.goto(first.url);
    await expect(a.getByRole('navigation', { name: 'Library' })).toContainText('No articles yet.');
    const b = await context.newPage();
    await b.goto(second.url);
    await expect(b.getByRole('navigation', { name: 'Library' })).not.toContainText('No articles yet.');
    await a.reload();
    await expect(a.getByRole('navigation', { name: 'Library' })).toContainText('No articles yet.');
    await expect(a.locator('body')).not.toContainText('UNAUTHORIZED');
    await b.reload();
    await expect(b.getByRole('navigation', { name: 'Library' })).not.toContainText('No articles yet.');
    await a.screenshot({ path: '.cache/screens/token-two-instances.png' });
    recordE2eFigures('fault-token-two-instances', { instances: 2, reloads: 2, signedOut: 0 });
  } finally {
    await stopServer(first.child);
    await stopServer(second.child);
  }
});
