/**
 * Keys to tag the next sentence by keyboard (issue 13: "at most 3 keys from the last tag to the
 * next sentence's saved tag with a proposed direction"). Browser mode is started on a copy of the
 * generated workspace and opened in Debian's Chromium; an article of N sentences that name the
 * USA–IND relationship's actors is added through the Add article dialog, and sentence after
 * sentence is tagged with the keyboard only, as tests/e2e/coding-loop.spec.ts does it: `]` selects
 * the next sentence, the code's key opens the popover with the code chosen, Enter saves. Every key
 * pressed from one saved tag to the next is counted (`]` again when it did not land on the next
 * sentence). Each saved tag is then read back through the API: its source and target must be the
 * direction the popover proposed, and the one the sentence states.
 * Skipped, with a note, where Chromium or the built app is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { AppContext } from '../../main/services/context';
import { CHROMIUM } from '../../tests/support/chromium';
import { callBrowserServer as call } from '../../tests/support/remote';
import { metric, summarize } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';
import { launchChromium, startServer, stopServer } from './coldStart';

const KEYS_TARGET = 3;
const OUTLET = 'Keys Bench Wire';
/** `]` presses allowed to reach the next sentence before the scenario gives up on it. */
const MAX_NEXT = 5;
const GOODS = ['steel', 'textiles', 'rice', 'shrimp', 'almonds', 'software', 'generic drugs', 'solar panels', 'motorcycles', 'cotton'];

/** The sentences, each stating who acts on whom, and the code key an analyst would press for it. */
function sentence(i: number): { text: string; key: string; direction: string } {
  const good = GOODS[i % GOODS.length]!;
  switch (i % 4) {
    case 0:
      return { text: `Trump imposed fresh duties on Indian ${good}.`, key: '1', direction: 'USA → IND' };
    case 1:
      return { text: `"We will not bow to pressure," Modi said of the duties from Washington on ${good}.`, key: '1', direction: 'IND → USA' };
    case 2:
      return { text: `The United States offered India new talks on ${good}.`, key: '2', direction: 'USA → IND' };
    default:
      return { text: `India agreed to cut its tariffs on American ${good}.`, key: '3', direction: 'IND → USA' };
  }
}

// Page code as expressions: this file is compiled without the DOM's types.
const selection = (page: Page) => page.evaluate<string>('String(window.getSelection())');

interface Actor {
  id: number;
  code: string;
}

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const name = 'keys per tag, by keyboard';
  if (!fs.existsSync(CHROMIUM)) return { [name]: `skipped: no Chromium at ${CHROMIUM}` };
  // The bench bundle lives in dist-bench/, the built app in dist/ beside it.
  if (!fs.existsSync(path.resolve(__dirname, '..', 'dist', 'renderer', 'index.html'))) return { [name]: 'skipped: the renderer is not built (npm run build)' };
  const n = opts.quick ? 10 : 25;
  const sentences = Array.from({ length: n }, (_, i) => sentence(i));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-keys-'));
  // A copy, so the tags added here change no other scenario's figures.
  const copy = path.join(dir, 'workspace.sqlite');
  // The online backup goes page by page, leaving the event loop free.
  await ctx.workspace.db.backup(copy);
  const browser = await launchChromium();
  const started = startServer(copy);
  try {
    const url = await started.url;
    const rels = (await call(url, 'relationships:list')) as { id: number; actorA: Actor; actorB: Actor }[];
    const rel = rels.find((r) => [r.actorA.code, r.actorB.code].sort().join() === 'IND,USA');
    if (!rel) throw new Error('keysPerTag: the workspace has no USA–IND relationship');
    const codeOf = new Map([rel.actorA, rel.actorB].map((a) => [a.id, a.code]));

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.getByRole('button', { name: 'Add article' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an article' });
    await dialog.getByLabel('Title').fill('Duties, talks and tariffs');
    await dialog.getByLabel('Outlet').fill(OUTLET);
    await dialog.getByLabel('Published').fill(new Date().toISOString().slice(0, 10));
    await dialog.getByLabel('Relationship').selectOption(String(rel.id));
    await dialog.getByLabel('Text').fill(sentences.map((s) => s.text).join(' '));
    await dialog.getByRole('button', { name: 'Save article' }).click();
    const body = page.getByRole('document', { name: 'Article text' });
    await body.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('[aria-label="Article text"][data-sentences="nlp"]').waitFor({ timeout: 30_000 });
    await body.focus();

    const popover = page.getByRole('dialog', { name: 'Tag passage' });
    const tags = page.getByRole('region', { name: 'Tags in this article' });
    const keysPerTag: number[] = [];
    const proposed: string[] = [];
    const t0 = performance.now();
    for (const s of sentences) {
      let keys = 0;
      const press = async (k: string) => {
        keys++;
        await page.keyboard.press(k);
      };
      // `]` until the next sentence is selected; a press that lands elsewhere is counted too.
      for (;;) {
        await press(']');
        const landed = await page
          .waitForFunction(`String(window.getSelection()) === ${JSON.stringify(s.text)}`, null, { timeout: 5_000 })
          .then(() => true)
          .catch(() => false);
        if (landed) break;
        if (keys >= MAX_NEXT) throw new Error(`keysPerTag: ${keys} presses of ] did not select “${s.text}” (selected “${await selection(page)}”)`);
      }
      await press(s.key);
      await popover.waitFor({ state: 'visible', timeout: 30_000 });
      proposed.push(((await popover.getByLabel('Direction').textContent()) ?? '').trim());
      await press('Enter');
      await popover.waitFor({ state: 'hidden', timeout: 30_000 });
      await tags.getByText(`“${s.text}”`).first().waitFor({ state: 'visible', timeout: 30_000 });
      keysPerTag.push(keys);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (opts.resultsDir) await page.screenshot({ path: path.join(opts.resultsDir, 'keys-per-tag-done.png') });

    // Read every tag back through the API, from the one article of this outlet.
    const { items } = (await call(url, 'articles:list', { outlet: OUTLET })) as { items: { id: number }[] };
    if (items.length !== 1) throw new Error(`keysPerTag: ${items.length} articles of ${OUTLET} in the library, not the one added`);
    const article = items[0]!;
    const saved = (await call(url, 'annotations:list', { articleId: article.id })) as {
      exact: string;
      sourceActorId: number;
      targetActorId: number;
    }[];
    let asProposed = 0;
    let asStated = 0;
    for (const [i, s] of sentences.entries()) {
      const tag = saved.find((a) => a.exact === s.text);
      if (!tag) throw new Error(`keysPerTag: no tag saved on “${s.text}”`);
      const direction = `${codeOf.get(tag.sourceActorId) ?? tag.sourceActorId} → ${codeOf.get(tag.targetActorId) ?? tag.targetActorId}`;
      if (direction === proposed[i]) asProposed++;
      if (direction === s.direction) asStated++;
    }

    const k = summarize(keysPerTag);
    const nth = keysPerTag[n - 1]!;
    opts.log(
      `  ${n} sentences tagged by keyboard in ${seconds.toFixed(1)} s: keys per tag ${keysPerTag.join(' ')} (median ${k.median}, max ${k.max}); ` +
        `saved with the proposed direction ${asProposed}/${n}, with the sentence's own direction ${asStated}/${n}`,
    );
    return {
      ...metric(name, k, {
        unit: 'keys',
        target: `≤ ${KEYS_TARGET} from the last saved tag to the next`,
        pass: k.max <= KEYS_TARGET && asProposed === n,
        note: `${n} sentences; p95 column is the 95th percentile, max ${k.max}`,
      }),
      'keys per tag, most': k.max,
      [`keys for sentence ${n}`]: nth,
      'tags saved with the proposed direction': `${asProposed} of ${n}`,
      "tags saved with the sentence's own direction": `${asStated} of ${n}`,
    };
  } finally {
    await browser.close();
    await stopServer(started.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
