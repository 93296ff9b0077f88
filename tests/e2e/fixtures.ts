import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

const SERVER = fileURLToPath(new URL('../../dist/main/server.cjs', import.meta.url));

export interface Workbench {
  url: string;
  dir: string;
  workspace: string;
  /** Every request the page made to anywhere but the app's own 127.0.0.1 origin. */
  offsite: string[];
}

/** `env` adds to this process's environment (e.g. PARLEY_DESK_INTERVAL_MS), for this server only. */
export function startServer(
  workspace: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string }> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const child = spawn(process.execPath, [SERVER, '--workspace', workspace, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
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

/** Where the phrase's first and last letters are on screen, or null while the open article does not show it. */
function phraseBox(page: Page, phrase: string) {
  return page.evaluate((needle) => {
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
}

/**
 * Drags the mouse across `phrase` inside the article text, as an analyst selects it, once the article shows it (it
 * may still be opening, or re-rendering after a tag).
 */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  // The poll keeps the box it found: the phrase is measured once it is there, not looked up a second time.
  const seen: { box: Awaited<ReturnType<typeof phraseBox>> } = { box: null };
  await expect
    .poll(async () => (seen.box = await phraseBox(page, phrase)), { message: `"${phrase}" is not in the article` })
    .not.toBeNull();
  const { box } = seen;
  if (!box) throw new Error(`"${phrase}" is not in the article`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/**
 * The text of every painted CSS highlight, by highlight name. Suggestions (underlined proposals, not tags)
 * are left out unless asked for, so that "no tag is painted" reads as it says.
 */
export function paintedHighlights(page: Page, opts: { suggestions?: boolean } = {}): Promise<Record<string, string[]>> {
  return page.evaluate((withSuggestions) => {
    const out: Record<string, string[]> = {};
    CSS.highlights.forEach((h, name) => {
      if (!withSuggestions && name.startsWith('parley-suggestion')) return;
      out[name] = [...h].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      });
    });
    return out;
  }, opts.suggestions ?? false);
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

/**
 * The plotting area of a uPlot chart, once it is laid out. uPlot builds its overlay again when the series change
 * (a new tag redraws the chart), so a box read at that moment is null: this waits until a box with a size is there.
 */
export async function chartArea(chart: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const over = chart.locator('.u-over');
  let box: { x: number; y: number; width: number; height: number } | null = null;
  await expect
    .poll(
      async () => {
        box = await over.boundingBox();
        return box !== null && box.width > 0 && box.height > 0;
      },
      { message: 'the chart was never laid out' },
    )
    .toBe(true);
  return box!;
}

export { filesToDrop, longestTaskMs, pollServer, waitInPage, watchMainThread, type MainThreadFigures } from '../support/pageWatch';
