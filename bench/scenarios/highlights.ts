/**
 * Highlight painting benchmark, in Chromium (Debian's, as the e2e tests):
 * an article of ~90,000 characters with 2,000 annotations painted from data in
 * memory with Parley's CSS Custom Highlight API code (target ≤ 60 ms median,
 * to the next frame), the article's element count with and without highlights
 * (must be equal), a click resolved to its annotation by caret position and
 * the interval index (target ≤ 1 ms), and the same article painted by
 * wrapping passages in <mark> elements, for comparison.
 *
 * The page code is bench/pages/highlights.ts (built from the renderer's own highlight modules), bundled here with
 * esbuild and loaded into a blank page; nothing is fetched.
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import type { AppContext } from '../../main/services/context';
import { metric, round } from '../measure';
import type { ScenarioResult } from '../types';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const PAGE_ENTRY = path.resolve(process.cwd(), 'bench/pages/highlights.ts');
const PAGE_URL = 'http://localhost:9/highlights-bench.html';

/**
 * The table's rows. Paint: ≤ 60 ms median to the next frame, its floor the
 * same wait for a frame with nothing painted. Click: ≤ 1 ms for every click,
 * so judged on the slowest of them (and the p95 shown); its floor is the
 * browser's caret hit test alone, which Parley's lookup adds to.
 */
export function rows(r: Record<string, number>): ScenarioResult {
  const clickPass = r.clickMaxMs! <= 1 && r.clicksCorrect === r.clicks;
  return {
    ...metric(
      `highlights painted, ${r.textChars!.toLocaleString('en')} characters, ${r.annotations!.toLocaleString('en')} annotations (to the next frame)`,
      { median: r.paintMedianMs!, p95: r.paintP95Ms! },
      { unit: 'ms', target: '≤ 60 ms median', pass: r.paintMedianMs! <= 60, ratio: r.paintMedianMs! / r.emptyFrameMedianMs! },
    ),
    ...metric('next frame with nothing painted (floor)', { median: r.emptyFrameMedianMs!, p95: r.emptyFrameP95Ms! }, { unit: 'ms' }),
    ...metric(
      `click → its annotation (${r.clicks} clicks; slowest ${round(r.clickMaxMs!)} ms)`,
      { median: r.clickMedianMs!, p95: r.clickP95Ms! },
      {
        unit: 'ms',
        target: '≤ 1 ms every click',
        pass: clickPass,
        ratio: r.caretMedianMs! > 0 ? r.clickMedianMs! / r.caretMedianMs! : undefined,
        note: `timer resolution ${round(r.timerResolutionMs!)} ms`,
      },
    ),
    ...metric('caret hit test alone (floor)', { median: r.caretMedianMs!, p95: r.caretP95Ms! }, { unit: 'ms' }),
    ...metric('<mark> wrapping, for comparison (to the next frame)', { median: r.markMedianMs!, p95: r.markMedianMs! }, { unit: 'ms' }),
    'paint script only (median ms)': round(r.paintScriptMedianMs!),
    'elements with highlights / without / with <mark>': `${r.elementsWith} / ${r.elementsWithout} / ${r.elementsWithMarks}`,
    'clicks resolved to the right annotation': `${r.clicksCorrect} of ${r.clicks}`,
    'slowest click (ms): caret hit test + lookup': `${round(r.clickMaxMs!)}: ${round(r.clickWorstCaretMs!)} + ${round(r.clickWorstLookupMs!)}`,
    'clicks over 1 ms': r.clicksOver1Ms!,
    'slowest click: its number in the sequence; the same click timed again (ms): first time / median of 20': `#${r.clickWorstIndex! + 1}; ${round(r.worstClickAgainMs!)} / ${round(r.worstClickAgainMedianMs!)}`,
    'caret hit test (ms): p95 / max': `${round(r.caretP95Ms!)} / ${round(r.caretMaxMs!)}`,
    'lookup (ms): p95 / max (single shots)': `${round(r.lookupP95Ms!)} / ${round(r.lookupMaxMs!)}`,
    'lookup (ms), repeated 50 times: median / max per lookup': `${round(r.lookupRepeatedMedianMs!)} / ${round(r.lookupRepeatedMaxMs!)}`,
  };
}

export async function run(_ctx: AppContext, opts: { log(line: string): void; rounds?: number }): Promise<ScenarioResult> {
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
    // The page is served (by interception, nothing goes on the network) from
    // localhost with the headers that make it cross-origin isolated: there
    // Chromium's performance.now() resolves 5 µs instead of 100 µs, fine
    // enough to time a click. Every other request fails the run.
    const offsite: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url() !== PAGE_URL) {
        offsite.push(route.request().url());
        return route.abort();
      }
      return route.fulfill({
        contentType: 'text/html',
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
        body: '<!doctype html><html><head><style>body{font:15px/1.6 serif;margin:2rem;max-width:46rem}</style></head><body><div id="root"></div></body></html>',
      });
    });
    await page.goto(PAGE_URL);
    if (!(await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)))
      opts.log('highlights: the page is not cross-origin isolated; timer resolution is 0.1 ms');
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
        `elements ${r.elementsWith} with vs ${r.elementsWithout} without; click → annotation median ${r.clickMedianMs!.toFixed(3)} ms, ` +
        `p95 ${r.clickP95Ms!.toFixed(3)} ms, max ${r.clickMaxMs!.toFixed(3)} ms (caret ${r.clickWorstCaretMs!.toFixed(3)} + lookup ${r.clickWorstLookupMs!.toFixed(3)}; ` +
        `lookup alone ${(r.lookupRepeatedMedianMs! * 1000).toFixed(1)} µs median, ${(r.lookupRepeatedMaxMs! * 1000).toFixed(1)} µs max; timer resolution ${r.timerResolutionMs!.toFixed(3)} ms; ` +
        `${r.clicksCorrect}/${r.clicks} correct; target ≤ 1 ms); <mark> baseline median ${r.markMedianMs!.toFixed(1)} ms with ${r.elementsWithMarks} elements`,
    );
    return rows(r);
  } finally {
    await browser.close();
  }
}
