/**
 * The timeline chart drawing five years of daily points in Chromium: a small
 * workspace with one tagged passage a day for five years is served in browser
 * mode (in this process) and opened in Debian's Chromium; the chart reports in
 * its data-draw-ms attribute how long creating and first drawing it took
 * (TimeChart.tsx). The first draw and redraws (switching the view M ↔ R) are
 * measured. Skipped, with a note, where Chromium or the built renderer is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatch } from '../main/api/dispatch';
import { listRelationships } from '../main/db/actors';
import { listCodes } from '../main/db/codebook';
import { startBrowserServer } from '../main/server/http';
import { createAnnotation } from '../main/services/annotations';
import { createArticle } from '../main/services/articles';
import { startWorkspace } from '../main/services/workspace';
import { dayToIso, localToday } from '../shared/domain/dates';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
// The bench runs from dist-bench/bench.cjs: the app's built renderer is dist/renderer beside it (main/paths' rendererDir
// counts two folders up from an app bundle in dist/<side>/, which from dist-bench/ lands outside the checkout).
const RENDERER = path.resolve(__dirname, '..', 'dist', 'renderer');
const DAYS = 5 * 365 + 1;

interface ChromiumPage {
  goto(url: string): Promise<unknown>;
  waitForSelector(sel: string, opts?: { timeout?: number }): Promise<unknown>;
  waitForFunction(expression: string, arg?: unknown, opts?: { timeout?: number }): Promise<unknown>;
  evaluate<T>(expression: string): Promise<T>;
  click(sel: string): Promise<void>;
}
interface Chromium {
  launch(opts: { executablePath: string; args: string[] }): Promise<{
    newPage(opts: { viewport: { width: number; height: number } }): Promise<ChromiumPage>;
    close(): Promise<void>;
  }>;
}

export async function measureChartDraw(log: (line: string) => void): Promise<{ first: number[]; redraw: number[] } | { skipped: string }> {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) return { skipped: 'the renderer is not built (npm run build)' };
  // Not bundled: loaded from node_modules at run time.
  const playwright = 'playwright-core';
  const { chromium } = (await import(playwright)) as { chromium: Chromium };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-chart-'));
  const ctx = startWorkspace(path.join(dir, 'chart.sqlite'), { sampleFile: null });
  const server = await (async () => {
    const { db } = ctx.workspace;
    const rel = listRelationships(db)[0]!;
    const codes = listCodes(db).filter((c) => c.parentId === null);
    const today = localToday(ctx.now());
    const text = 'The envoy spoke again today about the trade talks and the border. '.repeat(Math.ceil((DAYS * 6) / 60));
    db.transaction(() => {
      const article = createArticle(ctx, {
        title: 'Five years of dispatches',
        outlet: 'Bench Wire',
        author: '',
        url: '',
        publishedOn: dayToIso(today - DAYS),
        relationshipId: rel.id,
        text,
      });
      for (let k = 0; k < DAYS; k++) {
        const ab = k % 3 !== 0;
        createAnnotation(ctx, {
          articleId: article.id,
          start: k * 6,
          end: k * 6 + 5,
          codeId: codes[k % codes.length]!.id,
          sourceActorId: ab ? rel.actorA.id : rel.actorB.id,
          targetActorId: ab ? rel.actorB.id : rel.actorA.id,
          confidence: 1,
          eventDate: dayToIso(today - k),
          note: '',
        });
      }
    }).immediate();
    return startBrowserServer({ dispatch: createDispatch(ctx, log), staticDir: RENDERER, port: 0 });
  })();

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.waitForSelector('.time-chart[data-draw-ms]', { timeout: 60_000 });
    // Page code as expressions: this file is compiled without the DOM's types.
    const read = () =>
      page.evaluate<{ ms: number; points: number }[]>(
        `[...document.querySelectorAll('.time-chart')].map((e) => ({ ms: Number(e.dataset.drawMs), points: Number(e.dataset.points) }))`,
      );
    const charts = await read();
    log(`  chart: ${charts.map((c) => `${c.points} points in ${c.ms.toFixed(1)} ms`).join(', ')}`);
    const redraw: number[] = [];
    for (let i = 0; i < 8; i++) {
      await page.evaluate(`delete document.querySelector('.time-chart').dataset.drawMs`);
      await page.click(`.view-switch [role="radio"]:nth-child(${i % 2 === 0 ? 2 : 1})`);
      await page.waitForFunction(`document.querySelector('.time-chart')?.dataset.drawMs !== undefined`, null, { timeout: 30_000 });
      redraw.push((await read())[0]!.ms);
    }
    return { first: charts.map((c) => c.ms), redraw };
  } finally {
    await browser.close();
    await server.close();
    ctx.workspace.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
