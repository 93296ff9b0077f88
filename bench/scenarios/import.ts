/**
 * Import benchmark: generated news pages (navigation, ads, scripts, JSON-LD)
 * imported through the real pipeline (folder walk, HTML reader with
 * Readability and DOMPurify, duplicate checks, chunked saving with the change
 * log). Reports articles per second end to end, and the saving rate as a ratio
 * of a raw better-sqlite3 insert of the same rows in one transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../../main/db/connection';
import type { AppContext } from '../../main/services/context';
import { stagePaths, startReading } from '../../main/services/import/jobs';
import { startSaving } from '../../main/services/import/save';

const TOPICS = [
  'harbour fees',
  'grain corridor',
  'border survey',
  'fishing grounds',
  'timber tariffs',
  'pilotage',
  'ferry routes',
  'power lines',
];
const VERBS = ['proposed', 'rejected', 'welcomed', 'criticised', 'postponed', 'agreed to', 'questioned', 'announced'];

/** One page shaped like a news site's, with unique text. */
export function generatedPage(i: number): string {
  const topic = TOPICS[i % TOPICS.length]!;
  const day = String((i % 28) + 1).padStart(2, '0');
  const paragraphs = Array.from({ length: 8 }, (_, p) => {
    const verb = VERBS[(i + p) % VERBS.length]!;
    return `<p>In report ${i}, paragraph ${p}, the Valdorian delegation ${verb} a new plan on ${topic} while Estmark's ministers asked for item ${i * 13 + p} to be studied by experts before the next round of talks in Kessen.</p>`;
  }).join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Report ${i} on ${topic} | Bench Herald</title>
<meta property="og:site_name" content="Bench Herald"><meta property="og:url" content="https://bench-herald.example/${i}">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Report ${i} on ${topic}","datePublished":"2025-03-${day}T08:00:00Z","author":{"@type":"Person","name":"Desk ${i % 17}"}}</script>
<script>window.ads = [];</script></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
<div class="ad-slot"><script>loadAd()</script>Advertisement</div>
<main><article><h1>Report ${i} on ${topic}</h1><p class="byline">By Desk ${i % 17}</p>
${paragraphs}
<aside class="related"><a href="/a">Related story</a></aside></article></main>
<footer>© Bench Herald</footer><script src="/app.js"></script></body></html>`;
}

export async function run(ctx: AppContext, opts: { log(line: string): void; articles?: number }): Promise<Record<string, number>> {
  const n = opts.articles ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-import-'));
  try {
    const folder = path.join(dir, 'pages');
    fs.mkdirSync(folder);
    for (let i = 0; i < n; i++) fs.writeFileSync(path.join(folder, `page-${i}.html`), generatedPage(i));
    opts.log(`import: ${n.toLocaleString()} generated pages written`);

    const t0 = performance.now();
    const job = stagePaths(ctx, [folder]);
    startReading(job, null);
    await job.running;
    const t1 = performance.now();
    startSaving(job, []);
    await job.running;
    const t2 = performance.now();
    const saved = job.items.filter((i) => i.status === 'saved');
    if (saved.length !== n) throw new Error(`import: only ${saved.length} of ${n} pages were saved`);

    // The same rows, inserted raw in one transaction into a fresh workspace of the same schema.
    const raw = openWorkspace(path.join(dir, 'raw.sqlite'));
    const insert = raw.db.prepare(
      `INSERT INTO articles (title, outlet, author, url, published_on, text, word_count, content_hash, relationship_id, is_sample, created_at_ms, updated_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)`,
    );
    const t3 = performance.now();
    raw.db.transaction(() => {
      for (const a of saved) insert.run(a.title, a.outlet, a.author, a.url, a.publishedOn, a.text, a.wordCount, a.hash, 0, 0);
    })();
    const t4 = performance.now();
    raw.close();

    const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
    const result = {
      articles: n,
      articlesPerSecond: perSecond(n, t2 - t0),
      readPerSecond: perSecond(n, t1 - t0),
      savePerSecond: perSecond(n, t2 - t1),
      rawInsertPerSecond: perSecond(n, t4 - t3),
      dbRateRatio: Number(((t4 - t3) / (t2 - t1)).toFixed(3)),
    };
    opts.log(
      `import: ${result.articlesPerSecond} articles/s end to end (reading ${result.readPerSecond}/s, saving ${result.savePerSecond}/s); ` +
        `raw insert ${result.rawInsertPerSecond}/s; saving is ${result.dbRateRatio} of the raw rate (target ≥ 0.5)`,
    );
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
