/**
 * Watching Parley while it works, shared by the end-to-end tests (tests/e2e/fixtures.ts) and the
 * benchmark (bench/scenarios/importUi.ts): the renderer's main thread (long tasks and a 10 ms
 * timer), files dropped on the window as an analyst drops them, and a cheap API call polled from
 * outside the page.
 *
 * This module is compiled under the benchmark's Node settings too (no DOM library): the code that
 * runs in the page reaches the browser's globals through `PageScope`, declared below.
 */
import type { Page } from '@playwright/test';
import { callBrowserServer } from './remote';

export interface MainThreadFigures {
  /** Tasks over 50 ms on the renderer's main thread (the browser's own 'longtask' entries). */
  longTasks: { startMs: number; durationMs: number }[];
  /** The latest a 10 ms timer ran past its time: the longest the thread was kept busy, also under 50 ms. */
  worstTimerLateMs: number;
}

interface Watch {
  tasks: { startMs: number; durationMs: number }[];
  late: number;
  stop(): void;
}

/** An element, as far as the code below uses one. */
interface PageElement {
  id: string;
  type: string;
  multiple: boolean;
  hidden: boolean;
  files: Iterable<unknown> | null;
  setAttribute(name: string, value: string): void;
  remove(): void;
  dispatchEvent(event: unknown): boolean;
}

/** The browser globals the in-page code uses (typed here, not from the DOM library). */
interface PageScope {
  document: {
    body: { append(node: PageElement): void };
    createElement(tag: 'input'): PageElement;
    getElementById(id: string): PageElement | null;
    querySelector(selector: string): PageElement | null;
  };
  PerformanceObserver: new (cb: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => {
    observe(options: { type: string }): void;
    disconnect(): void;
  };
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  __parleyWatch?: Watch;
  __parleyDrop?: unknown;
}

/**
 * Starts watching the page's main thread: a PerformanceObserver for 'longtask'
 * and a 10 ms timer whose lateness measures the longest block. `stop()` returns what was seen.
 */
export async function watchMainThread(page: Page): Promise<{ stop(): Promise<MainThreadFigures> }> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageScope;
    const tasks: Watch['tasks'] = [];
    const observer = new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ startMs: Math.round(e.startTime), durationMs: Math.round(e.duration) });
    });
    observer.observe({ type: 'longtask' });
    let timer = 0;
    let last = performance.now();
    const watch: Watch = { tasks, late: 0, stop: () => (observer.disconnect(), w.clearTimeout(timer)) };
    const tick = () => {
      const now = performance.now();
      watch.late = Math.max(watch.late, now - last - 10);
      last = now;
      timer = w.setTimeout(tick, 10);
    };
    timer = w.setTimeout(tick, 10);
    w.__parleyWatch = watch;
  });
  return {
    stop: () =>
      page.evaluate(() => {
        const watch = (globalThis as unknown as PageScope).__parleyWatch!;
        watch.stop();
        return { longTasks: watch.tasks, worstTimerLateMs: Math.round(watch.late) };
      }),
  };
}

/** The longest of the long tasks seen, 0 when there were none. */
export function longestTaskMs(figures: MainThreadFigures): number {
  return Math.max(0, ...figures.longTasks.map((t) => t.durationMs));
}

/**
 * Real files from disk, ready to be dropped on the window as the analyst drops a folder. They are
 * picked into a spare input added to the page (Chromium builds its file list there, outside what is
 * measured); the returned function drops them on the app.
 */
export async function filesToDrop(page: Page, paths: string | string[]): Promise<() => Promise<void>> {
  await page.evaluate(
    (dir) => {
      const { document } = globalThis as unknown as PageScope;
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.id = 'e2e-spare-input';
      input.hidden = true;
      if (dir) input.setAttribute('webkitdirectory', '');
      document.body.append(input);
    },
    typeof paths === 'string',
  );
  await page.locator('#e2e-spare-input').setInputFiles(paths);
  await page.evaluate(() => {
    const w = globalThis as unknown as PageScope;
    const input = w.document.getElementById('e2e-spare-input')!;
    const data = new w.DataTransfer();
    for (const f of input.files ?? []) data.items.add(f);
    input.remove();
    w.__parleyDrop = data;
  });
  return async () => {
    await page.evaluate(() => {
      const w = globalThis as unknown as PageScope;
      w.document
        .querySelector('main')!
        .dispatchEvent(new w.DragEvent('drop', { dataTransfer: w.__parleyDrop, bubbles: true, cancelable: true }));
    });
  };
}

/**
 * Calls `op` (a cheap one: workspace:info) on a browser-mode server one request after another,
 * 20 ms apart, from outside the page, until `stop()`, which returns each call's latency in ms.
 */
export function pollServer(url: string, op = 'workspace:info'): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t = performance.now();
      // A connection the server closed as idle while it was blocked is dropped; the retry counts in the latency.
      for (let attempt = 1; ; attempt++) {
        try {
          await callBrowserServer(url, op);
          break;
        } catch (err) {
          if (attempt === 3) throw err;
        }
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // An error surfaces from stop(); until then it must not be an unhandled rejection.
  poller.catch(() => {});
  return {
    stop: async () => {
      polling = false;
      await poller;
      return latencies;
    },
  };
}

/**
 * Waits until the text of the first element matching `selector` matches `pattern` (or, with no
 * pattern, until such an element exists), checked in the page every `polling` ms. A plain check:
 * Playwright's locators compute accessible names inside the page, which would be measured too.
 */
export async function waitInPage(page: Page, selector: string, pattern: RegExp | null, timeout: number, polling = 250): Promise<void> {
  await page.waitForFunction(
    ([sel, source]) => {
      const element = (
        globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
      ).document.querySelector(sel!);
      return source === null ? element !== null : new RegExp(source).test(element?.textContent ?? '');
    },
    [selector, pattern?.source ?? null] as const,
    { polling, timeout },
  );
}
