/**
 * One truth, every format (issue 14): with two reports grouped as one event,
 * an outlet graded and a code re-weighted, the events CSV, the quotes CSV and
 * the briefs carry the figures the score uses, and a few lines of Python
 * rebuild R from the events CSV for any day.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAs, exportFixture, tagNewArticle, type ExportFixture } from '../helpers/exportFixture';
import { tempDir } from '../helpers/workspace';

describe('exports computed from the score’s own evidence', () => {
  let f: ExportFixture;
  let dir: string;
  let eventId: number;
  beforeAll(async () => {
    f = await exportFixture({ analyst: 'Ana Lyst' });
    dir = tempDir('parley-truth-');
    // Two reports of one US→IND threat, published on one day, grouped; the outlet of one graded B; THREAT re-weighted.
    const note = 'Source: https://example.com/report and www.example.org, mail desk@example.com, **bold** _x_ ~~gone~~';
    const threat = { codeId: f.codes.THREAT, sourceActorId: f.actors.a, targetActorId: f.actors.b, note };
    const [t1] = await tagNewArticle(
      f,
      {
        title: 'Steel',
        outlet: 'Wire',
        publishedOn: '2026-06-01',
        text: 'Washington threatened new tariffs on steel. A second report said the same.',
      },
      [{ quote: 'Washington threatened new tariffs on steel', confidence: 0.9, ...threat }],
    );
    const [t2] = await tagNewArticle(
      f,
      {
        title: 'Steel 2',
        outlet: '=Outlet',
        publishedOn: '2026-06-01',
        text: 'Officials in Washington threatened tariffs on Indian steel. 🇮🇳',
      },
      [{ quote: 'Officials in Washington threatened tariffs on Indian steel', confidence: 0.8, ...threat }],
    );
    eventId = (await f.w.ok('events:group', { annotationIds: [t1!, t2!] })).id;
    await f.w.ok('outlets:grade', { outlet: 'Wire', grade: 'B' });
    await f.w.ok('codebook:update', { id: f.codes.THREAT!, weight: -2.2 });
  });
  afterAll(() => {
    f.w.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('events CSV: the grouped event is one row with its report count, and Python rebuilds R for every day', async () => {
    const csv = (await exportAs(f, 'events-csv', { halfLifeDays: 14 })).bytes;
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    const grouped = rows.filter((r) => r.event_id === `e${eventId}`);
    expect(grouped).toHaveLength(1);
    // The event counts with its best report: 0.8 × 1 (=Outlet, ungraded) beats 0.9 × 0.8 (Wire, graded B) = 0.72.
    expect(grouped[0]).toMatchObject({
      event_date: '2026-06-01',
      report_count: '2',
      weight: '-2.2',
      confidence: '0.8',
      reliability: '1',
      score: '-1.76',
    });
    fs.writeFileSync(path.join(dir, 'events.csv'), csv);
    const series = await f.w.ok('score:series', {
      relationshipId: f.relId,
      halfLifeDays: 14,
      fromDate: '2026-05-01',
      toDate: '2026-06-15',
    });
    const days = series.combined.R.map((_: number, i: number) => new Date(Date.UTC(2026, 4, 1 + i)).toISOString().slice(0, 10));
    const py = `
import csv, sys, datetime
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
d = lambda s: datetime.date.fromisoformat(s)
for day in sys.argv[2:]:
    T = d(day)
    R = sum(float(r['score']) * 2 ** (-(T - d(r['event_date'])).days / 14) for r in rows if d(r['event_date']) <= T)
    print(repr(R))
`;
    const r = spawnSync('python3', ['-c', py, path.join(dir, 'events.csv'), ...days], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const fromPython = r.stdout.trim().split('\n').map(Number);
    expect(fromPython).toHaveLength(days.length);
    fromPython.forEach((v, i) => expect(Math.abs(v - series.combined.R[i]!), days[i]).toBeLessThan(1e-6));
  });

  it('quotes CSV: event id, grade and factor per passage, numbers rounded for people', async () => {
    const text = (await exportAs(f, 'quotes-csv')).bytes;
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const grouped = rows.filter((r) => r.event_id === `e${eventId}`);
    expect(grouped.map((r) => [r.grade, r.reliability, r.score]).sort()).toEqual([
      ['', '1', '-1.76'],
      ['B', '0.8', '-1.76'],
    ]);
    expect(text.toString()).not.toMatch(/\d\.\d{5,}/);
    // Counting each event once: the sum over distinct event ids equals the sum over the events CSV.
    const once = new Map(rows.map((r) => [r.event_id || `a${r.annotation_id}`, Number(r.score)]));
    const events = parse((await exportAs(f, 'events-csv')).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect([...once.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(
      events.reduce((a, r) => a + Number(r.score), 0),
      3,
    );
  });

  it('the briefs show w × c × r × decay with the grade named, and mark grouped reports as one event', async () => {
    const md = (await exportAs(f, 'brief-md', { halfLifeDays: 14 })).text;
    expect(md).toContain(
      'Counts w -2.20 × c 0.80 × r 1.00 (ungraded) × decay 0.500 = -0.88 on 2026-06-15 · grouped: one event of 2 reports, counted once',
    );
    const html = (await exportAs(f, 'brief-html', { halfLifeDays: 14 })).text;
    expect(html).toContain('w -2.20 × c 0.80 × r 1.00 (ungraded) × decay 0.500 = -0.88');
    expect(html).toContain('grouped: one event of 2 reports, counted once');
  });

  it('Markdown forms no link, autolink or markup from a note under CommonMark and GFM-style linkify', async () => {
    const text = (await exportAs(f, 'brief-md')).text;
    for (const renderer of [
      new MarkdownIt('commonmark'),
      new MarkdownIt({ linkify: true }),
      new MarkdownIt({ linkify: true, html: true }),
    ]) {
      // The word joiner the brief puts after each @ (so that GitHub's reader forms no address) is invisible.
      const html = renderer.render(text).replace(/\u2060/g, '');
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
      // Only the citations' own links (the articles' URLs) are links.
      expect(
        links.every((l) => l === 'https://news.example/a?b=1&amp;c=2'),
        links.join(' '),
      ).toBe(true);
      expect(html).not.toMatch(/<(em|s|del|img|script)[ >]/); // (strong is the brief's own: code names)
      expect(html).toContain('https://example.com/report and www.example.org, mail desk@example.com, **bold** _x_ ~~gone~~');
    }
  });
});
