import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

const SERVER = fileURLToPath(new URL('../../dist/main/server.cjs', import.meta.url));

export interface Workbench {
  url: string;
  dir: string;
  workspace: string;
  /** Every request the page made to anywhere but the app's own 127.0.0.1 origin. */
  offsite: string[];
}

export function startServer(workspace: string, args: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const child = spawn(process.execPath, [SERVER, '--workspace', workspace, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Parley browser mode: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  let stuck = false;
  const timer = setTimeout(() => {
    stuck = true;
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
  if (stuck) throw new Error('the browser-mode server did not stop within 10 s of SIGTERM (Ctrl+C)');
}

export const test = base.extend<{ sample: boolean; workbench: Workbench }>({
  sample: [false, { option: true }],
  workbench: async ({ page, sample }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
    const workspace = path.join(dir, 'workspace.sqlite');
    const { child, url } = await startServer(workspace, sample ? [] : ['--no-sample']);
    const origin = new URL(url).origin;
    const offsite: string[] = [];
    page.context().on('request', (req) => {
      const u = req.url();
      if (!u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:')) offsite.push(u);
    });
    await use({ url, dir, workspace, offsite });
    expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
    await stopServer(child);
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** Drags the mouse across `phrase` inside the article text, as an analyst selects it. */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  const box = await page.evaluate((needle) => {
    for (const p of document.querySelectorAll<HTMLElement>('.article-body [data-start]')) {
      const node = p.firstChild as Text | null;
      const at = node?.data.indexOf(needle) ?? -1;
      if (node && at >= 0) {
        const r = document.createRange();
        r.setStart(node, at);
        r.setEnd(node, at + 1);
        const first = r.getBoundingClientRect();
        r.setStart(node, at + needle.length - 1);
        r.setEnd(node, at + needle.length);
        const last = r.getBoundingClientRect();
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
    }
    return null;
  }, phrase);
  if (!box) throw new Error(`"${phrase}" is not in the article`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** The text under each painted highlight, by highlight name. */
export function paintedHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    CSS.highlights.forEach((h, name) => {
      out[name] = [...h].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      });
    });
    return out;
  });
}

export async function addArticle(page: Page, a: { title: string; outlet: string; date: string; text: string }): Promise<void> {
  await page.getByRole('button', { name: 'Add article' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an article' });
  await dialog.getByLabel('Title').fill(a.title);
  await dialog.getByLabel('Outlet').fill(a.outlet);
  await dialog.getByLabel('Published').fill(a.date);
  await dialog.getByLabel('Text').fill(a.text);
  await dialog.getByRole('button', { name: 'Save article' }).click();
}

export interface MainThreadFigures {
  /** Tasks over 50 ms on the renderer's main thread (the browser's own 'longtask' entries). */
  longTasks: { startMs: number; durationMs: number }[];
  /** The latest a 10 ms timer ran past its time: the longest the thread was kept busy, also under 50 ms. */
  worstTimerLateMs: number;
}

/**
 * Starts watching the page's main thread: a PerformanceObserver for 'longtask'
 * and a 10 ms timer whose lateness measures the longest block. `stop()` returns what was seen.
 */
export async function watchMainThread(page: Page): Promise<{ stop(): Promise<MainThreadFigures> }> {
  await page.evaluate(() => {
    const w = window as unknown as { __parleyWatch?: { tasks: { startMs: number; durationMs: number }[]; late: number; stop(): void } };
    const tasks: { startMs: number; durationMs: number }[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ startMs: Math.round(e.startTime), durationMs: Math.round(e.duration) });
    });
    observer.observe({ type: 'longtask' });
    let timer = 0;
    let last = performance.now();
    const watch = { tasks, late: 0, stop: () => (observer.disconnect(), clearTimeout(timer)) };
    const tick = () => {
      const now = performance.now();
      watch.late = Math.max(watch.late, now - last - 10);
      last = now;
      timer = window.setTimeout(tick, 10);
    };
    timer = window.setTimeout(tick, 10);
    w.__parleyWatch = watch;
  });
  return {
    stop: () =>
      page.evaluate(() => {
        const w = window as unknown as { __parleyWatch: { tasks: { startMs: number; durationMs: number }[]; late: number; stop(): void } };
        w.__parleyWatch.stop();
        return { longTasks: w.__parleyWatch.tasks, worstTimerLateMs: Math.round(w.__parleyWatch.late) };
      }),
  };
}

/**
 * Real files from disk, ready to be dropped on the window as the analyst drops a folder. They are
 * picked into a spare input the test adds (Chromium builds its file list there, outside what is
 * measured); the returned function drops them on the app.
 */
export async function filesToDrop(page: Page, paths: string | string[]): Promise<() => Promise<void>> {
  await page.evaluate(
    (dir) => {
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
    const input = document.getElementById('e2e-spare-input') as HTMLInputElement;
    const data = new DataTransfer();
    for (const f of input.files ?? []) data.items.add(f);
    input.remove();
    (window as unknown as { __parleyDrop: DataTransfer }).__parleyDrop = data;
  });
  return () =>
    page.evaluate(() => {
      const data = (window as unknown as { __parleyDrop: DataTransfer }).__parleyDrop;
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
}
