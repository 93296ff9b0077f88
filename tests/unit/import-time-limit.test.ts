/**
 * Issue 15: no file holds a reader for minutes. A reader worker that passes
 * the per-file time limit is ended, the file refused with the reason, and the
 * files queued behind it are read by its replacement.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../../main/services/import/document';
import { timeLimitReason, workerReader } from '../../main/services/import/readerPool';

const WORKER = path.resolve(__dirname, '../../dist/main/importWorker.cjs');
const LIMIT_MS = 4_000;

/**
 * A 15 MB saved page of small blocks with links and inline markup and no <article>, so Readability scores every block:
 * about 17 s on this machine. (One <article> of plain paragraphs no longer does: Parley reads such a page without
 * Readability, and since migration 24's one-hash fingerprint that takes 2.4 s, under the limit.)
 */
function hugePage(): Uint8Array {
  const block = '<div class="x"><p>The envoy, <a href="/a">again</a>, <b>spoke</b> of <i>the</i> harbour.</p></div>';
  return new TextEncoder().encode(`<html><body>${block.repeat(Math.floor(15e6 / block.length))}</body></html>`);
}
const small = new TextEncoder().encode(
  `<html><body><article><p>${'Talks resume in Kessen next week. '.repeat(20)}</p></article></body></html>`,
);

describe('the reader worker’s time limit', () => {
  it('ends a worker that reads one file past the limit, refuses that file with the reason, and reads the next', async () => {
    expect(fs.existsSync(WORKER), 'dist/main/importWorker.cjs is built by npm run build').toBe(true);
    const reader = workerReader(WORKER, 1, false, LIMIT_MS)!;
    try {
      const slow = reader.read('huge.html', hugePage());
      const next = reader.read('small.html', small); // queued behind the slow one on the same worker
      const refused = await slow.then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(ImportRefusal);
      expect((refused as Error).message).toBe(timeLimitReason(LIMIT_MS));
      expect((refused as Error).message).toMatch(/longer than 4 s, Parley's limit for one file/);
      expect((await next).text).toContain('Talks resume in Kessen');
    } finally {
      await reader.close();
    }
  }, 60_000);
});
