/**
 * Near-duplicate detection (issue 15), measured on material generated here:
 * - false positives: distinct articles about the same event (the same actors,
 *   place, figures and one official quote, written from a pool of sentences),
 *   every pair of one event compared; target ≤ 1 %;
 * - recall: each article again as another format would give it (a byline, a
 *   dateline, a "Read more" line, straight quotes, words hyphenated across
 *   lines, paragraph breaks lost as in a PDF);
 * - look-up time among 100,000 saved articles (300 in a quick run), through
 *   the SQLite index an import uses. The saved articles are written straight
 *   into a workspace of the scenario's own (distinct generated reports, their
 *   fingerprints made as an import makes them), so the figure is at full size
 *   whatever size the generated workspace is, in minutes, not through an
 *   import of 100,000 pages.
 * The sets are for measuring; the rule was not tuned on them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Db } from '../../main/db/connection';
import { nearestArticle, saveFingerprint } from '../../main/db/nearDuplicates';
import type { AppContext } from '../../main/services/context';
import { NEAR_DUPLICATE_SIMILARITY, sameArticle, signatureOf } from '../../shared/text/fingerprint';
import { metric, summarize } from '../measure';

const ACTORS = [
  ['Valdoria', 'Estmark'],
  ['Kessen', 'Skarr'],
  ['the northern league', 'the coastal council'],
];
const SENTENCES = [
  '{a} and {b} met in {place} on {day} for talks that officials described as {tone}.',
  'The meeting in {place} was the first since the dispute over {topic} began.',
  'Delegates from {a} said they had brought a new offer on {topic}.',
  '{b} asked for more time to study the proposal before answering.',
  'Analysts said the talks on {topic} had little chance of a quick result.',
  'Neither side gave details of the {n} points on the agenda.',
  'A spokesman for {b} said the government would reply within {n} days.',
  'Markets in {place} rose slightly after the first reports of the meeting.',
  'Opposition leaders in {a} criticised the offer as too generous.',
  'The {topic} question has strained relations for nearly two years.',
  'Observers from three neighbouring states attended the opening session.',
  'The two ministers shook hands but did not take questions from reporters.',
  'Fishing crews and traders have waited for a deal on {topic} since the spring.',
  'Officials in {b} played down hopes of a breakthrough before the winter.',
  'A joint statement is expected once the delegations return home.',
  'Talks will continue at a lower level, according to a diplomat in {place}.',
  'The offer from {a} reportedly includes a phased reduction of fees.',
  'Critics in {b} warned that the talks could collapse over {topic}.',
  'Previous rounds in {place} ended without agreement in {n} weeks of meetings.',
  'Both governments are under pressure at home to show progress on {topic}.',
];
const TOPICS = ['harbour fees', 'the grain corridor', 'the border survey', 'fishing quotas', 'timber tariffs'];
const TONES = ['constructive', 'difficult', 'frank', 'businesslike'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** One of `perEvent` distinct reports of event `e`: its own choice and order of sentences around the event's quote. */
function report(e: number, k: number): string {
  const r = rng(e * 1_000 + k + 1);
  const [a, b] = ACTORS[e % ACTORS.length]!;
  const fill = (t: string) =>
    t
      .replaceAll('{a}', a!)
      .replaceAll('{b}', b!)
      .replaceAll('{place}', ['Kessen', 'Skarr', 'Orvik'][e % 3]!)
      .replaceAll('{day}', DAYS[e % DAYS.length]!)
      .replaceAll('{topic}', TOPICS[e % TOPICS.length]!)
      .replaceAll('{tone}', TONES[(e + k) % TONES.length]!)
      .replaceAll('{n}', String(3 + (e % 7)));
  const pool = [...SENTENCES];
  const chosen: string[] = [];
  while (chosen.length < 8) chosen.push(fill(pool.splice(Math.floor(r() * pool.length), 1)[0]!));
  const quote = `“We came to ${TOPICS[e % TOPICS.length]} with an open mind and we leave with a plan for the next round,” the minister from ${a} said.`;
  chosen.splice(1 + Math.floor(r() * 6), 0, quote);
  const paragraphs: string[] = [];
  for (let i = 0; i < chosen.length; i += 2) paragraphs.push(chosen.slice(i, i + 2).join(' '));
  return paragraphs.join('\n\n');
}

/** The same report as another format gives it back. */
function asOtherFormat(text: string, variant: number): string {
  const withFurniture = `By Staff Reporter\n\nSeptember 6, 2025\n\n${text}\n\nRead more: the talks explained`;
  switch (variant % 4) {
    case 0:
      return withFurniture;
    case 1:
      return text.replace(/[“”]/g, '"').replace(/ /g, '  ');
    case 2:
      // Words broken across lines with a hyphen, as a justified PDF prints them.
      return text.replace(/(\w{4})(\w{4,}) /g, (_, x: string, y: string) => `${x}-\n${y} `);
    default:
      return `${withFurniture.replace(/\n\n/g, ' ')}`; // paragraph breaks lost
  }
}

/**
 * `n` distinct reports saved as articles with their fingerprints, 10 to an event, in transactions of 5,000: the
 * rows an import leaves, without reading pages. The first events are the ones the scenario measures above, so
 * their copies in another format have their original among the saved articles.
 */
function saveReports(db: Db, n: number, firstEvents: number): void {
  const insert = db.prepare(
    `INSERT INTO articles (title, outlet, author, url, published_on, text, word_count, content_hash, created_at_ms, updated_at_ms)
     VALUES (?, 'Bench Wire', '', '', '2025-09-06', ?, ?, ?, 0, 0)`,
  );
  for (let from = 0; from < n; from += 5_000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + 5_000); i++) {
        const e = i < firstEvents * 10 ? Math.floor(i / 10) : firstEvents + Math.floor(i / 10);
        const text = report(e, i % 10);
        const hash = createHash('sha256').update(text).digest('hex');
        const id = Number(insert.run(`Report ${i}`, text, text.split(/\s+/).length, hash).lastInsertRowid);
        saveFingerprint(db, id, signatureOf(text));
      }
    })();
  }
}

export async function run(_ctx: AppContext, opts: { log(line: string): void; quick?: boolean }): Promise<Record<string, number | string>> {
  const events = opts.quick ? 20 : 200;
  const perEvent = 10;
  const texts = Array.from({ length: events }, (_, e) => Array.from({ length: perEvent }, (_, k) => report(e, k)));
  const sigs = texts.map((reports) => reports.map(signatureOf));

  let pairs = 0;
  let falsePositives = 0;
  for (let e = 0; e < events; e++) {
    for (let i = 0; i < perEvent; i++) {
      for (let j = i + 1; j < perEvent; j++) {
        pairs++;
        if (
          sameArticle(
            sigs[e]![i]!,
            sigs[e]![j]!,
            () => texts[e]![i]!,
            () => texts[e]![j]!,
          ) !== null
        )
          falsePositives++;
      }
    }
  }
  let variants = 0;
  let found = 0;
  for (let e = 0; e < events; e++) {
    for (let i = 0; i < perEvent; i++) {
      const other = asOtherFormat(texts[e]![i]!, e + i);
      variants++;
      if (
        sameArticle(
          sigs[e]![i]!,
          signatureOf(other),
          () => texts[e]![i]!,
          () => other,
        ) !== null
      )
        found++;
    }
  }
  const fpRate = falsePositives / pairs;
  const recall = found / variants;

  // Look-ups through the index, among `saved` articles of a workspace of the scenario's own.
  // PARLEY_BENCH_NEAR_SAVED sets another size for a run on a busy machine (the figure names the size it had).
  const savedTarget = Number(process.env.PARLEY_BENCH_NEAR_SAVED) || (opts.quick ? 300 : 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-near-'));
  const w = openWorkspace(path.join(dir, 'saved.sqlite'));
  const times: number[] = [];
  let fingerprintSeconds = 0;
  let saved = 0;
  try {
    const tf = performance.now();
    saveReports(w.db, savedTarget, events);
    fingerprintSeconds = (performance.now() - tf) / 1000;
    saved = (w.db.prepare('SELECT count(*) AS n FROM article_fingerprints').get() as { n: number }).n;
    // Half the queries are a saved report again in another format (a match to confirm), half a new report (none).
    for (let q = 0; q < (opts.quick ? 50 : 500); q++) {
      const text = q % 2 === 0 ? asOtherFormat(report(q % events, q % perEvent), q) : report(events + savedTarget + q, 0);
      const sig = signatureOf(text);
      const t = performance.now();
      nearestArticle(w.db, sig, text);
      times.push(performance.now() - t);
    }
  } finally {
    w.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const lookup = summarize(times);
  opts.log(
    `nearDuplicates: ${falsePositives} false positives in ${pairs} pairs of distinct reports of one event (${(fpRate * 100).toFixed(2)} %); ` +
      `${found} of ${variants} copies in another format found (recall ${recall.toFixed(3)}); look-up among ${saved.toLocaleString('en')} articles ` +
      `median ${lookup.median.toFixed(2)} ms, p95 ${lookup.p95.toFixed(2)} ms; ${saved.toLocaleString('en')} saved and fingerprinted first in ${fingerprintSeconds.toFixed(1)} s`,
  );
  return {
    threshold: NEAR_DUPLICATE_SIMILARITY,
    ...metric(
      `near-duplicate false positives (${pairs.toLocaleString('en')} pairs of distinct reports of one event)`,
      { median: fpRate * 100, p95: fpRate * 100 },
      {
        unit: '%',
        target: '≤ 1 %',
        pass: fpRate <= 0.01,
      },
    ),
    ...metric(
      `near-duplicate recall (${variants.toLocaleString('en')} copies: byline, dateline, Read more, quotes, hyphenation, lost breaks)`,
      { median: recall, p95: recall },
      {
        unit: 'share',
        target: '≥ 0.95',
        pass: recall >= 0.95,
      },
    ),
    ...metric(`near-duplicate look-up among ${saved.toLocaleString('en')} saved articles`, lookup, { unit: 'ms' }),
    [`saving and fingerprinting ${saved.toLocaleString('en')} articles for the look-up (s)`]: Number(fingerprintSeconds.toFixed(1)),
  };
}
