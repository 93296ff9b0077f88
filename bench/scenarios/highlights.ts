/**
 * Highlight painting benchmark, in Chromium (Debian's, as the e2e tests):
 * an article of ~90,000 characters with 2,000 annotations painted from data in
 * memory with Parley's CSS Custom Highlight API code (target ≤ 60 ms median,
 * to the next frame), the article's element count with and without highlights
 * (must be equal), a click resolved to its annotation by caret position and
 * the interval index (target ≤ 1 ms), and the same article painted by
 * wrapping passages in <mark> elements, for comparison.
 *
 * The page code is renderer/src/highlight/benchPage.ts, bundled here with
 * esbuild and loaded into a blank page; nothing is fetched.
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import type { AppContext } from '../../main/services/context';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const PAGE_ENTRY = path.resolve(process.cwd(), 'renderer/src/highlight/benchPage.ts');

export async function run(_ctx: AppContext, opts: { log(line: string): void; rounds?: number }): Promise<Record<string, number>> {
  const bundle = await build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const offsite: string[] = [];
    page.on('request', (r) => offsite.push(r.url()));
    await page.setContent(
      '<!doctype html><html><head><style>body{font:15px/1.6 serif;margin:2rem;max-width:46rem}</style></head><body><div id="root"></div></body></html>',
    );
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const rounds = opts.rounds ?? 15;
    const r = await page.evaluate(
      (p) => (globalThis as unknown as { parleyBench: { run(p: unknown): Promise<Record<string, number>> } }).parleyBench.run(p),
      { paragraphs: 300, paragraphChars: 300, annotations: 2000, rounds, clicks: 300 },
    );
    if (offsite.length > 0) throw new Error(`the highlight benchmark page made requests: ${offsite.join(', ')}`);
    opts.log(
      `highlights: ${r.textChars!.toLocaleString('en')} characters, ${r.painted} of ${r.annotations} annotations painted: ` +
        `median ${r.paintMedianMs!.toFixed(1)} ms to the next frame (script ${r.paintScriptMedianMs!.toFixed(1)} ms; p95 ${r.paintP95Ms!.toFixed(1)} ms; target ≤ 60 ms), ` +
        `elements ${r.elementsWith} with vs ${r.elementsWithout} without; click → annotation median ${r.clickMedianMs!.toFixed(3)} ms, max ${r.clickMaxMs!.toFixed(3)} ms ` +
        `(${r.clicksCorrect}/${r.clicks} correct; target ≤ 1 ms); <mark> baseline median ${r.markMedianMs!.toFixed(1)} ms with ${r.elementsWithMarks} elements`,
    );
    return r;
  } finally {
    await browser.close();
  }
}
