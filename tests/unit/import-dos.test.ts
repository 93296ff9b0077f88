/**
 * Denial of service through the import path: a zip bomb renamed .docx and a
 * page of 100,000 nested elements are refused or read without taking the
 * process down; how long each took is recorded for docs/reliability.md.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importHtml } from '../../main/services/import/html';
import { htmlToArticleText } from '../../main/services/import/htmlText';
import { importDocx, importOdt, MAX_UNPACKED_BYTES } from '../../main/services/import/office';
import { recordFigures } from '../helpers/figures';

const figures: Record<string, unknown> = {};

function bomb(): Uint8Array {
  // 128 MiB of zeros declared inside an archive of about 130 KB.
  const zeros = new Uint8Array(128 * 1024 * 1024);
  return zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': zeros }, { level: 9 });
}

describe('denial of service on import', () => {
  it('a zip bomb renamed .docx (or .odt) is refused before anything is inflated', async () => {
    const bytes = bomb();
    expect(bytes.length).toBeLessThan(8 * 1024 * 1024);
    const started = performance.now();
    await expect(importDocx(bytes)).rejects.toThrow(/would unpack to more than 100 MB/);
    expect(() => importOdt(bytes)).toThrow(/would unpack to more than 100 MB/);
    figures.zipBomb = {
      archiveBytes: bytes.length,
      declaredBytes: 128 * 1024 * 1024,
      limitBytes: MAX_UNPACKED_BYTES,
      refusedInMs: Math.round(performance.now() - started),
    };
  }, 120_000);

  it('a page of 100,000 nested elements is refused before it is parsed', () => {
    const depth = 100_000;
    const page = `<!DOCTYPE html><html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>${'The envoy spoke. '.repeat(40)}</p>${'</div>'.repeat(depth)}</body></html>`;
    const started = performance.now();
    let outcome = '';
    expect(() => {
      try {
        importHtml(page);
      } catch (err) {
        outcome = `refused: ${(err as Error).message}`;
        throw err;
      }
    }).toThrow(/nests its elements 100,00\d deep/);
    // The same guard covers pasted HTML; a page of ordinary depth still reads.
    expect(() => htmlToArticleText(`${'<div>'.repeat(depth)}x`)).toThrow(/nests its elements/);
    expect(importHtml(`<html><body>${'<div>'.repeat(300)}<p>${'The envoy spoke. '.repeat(40)}</p></body></html>`).text).toContain(
      'The envoy spoke.',
    );
    figures.nestedElements = { depth, pageBytes: page.length, outcome, ms: Math.round(performance.now() - started) };
    recordFigures('import-dos', figures);
  }, 120_000);
});
