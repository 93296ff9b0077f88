/**
 * Issue 15, point 5: the near-duplicate index's two band tables (migration 25).
 * New band rows go into a small recent table; once it holds more than a
 * quarter as many rows as the large one (and more than 5,000 articles' worth),
 * the next import moves them over in slices before it reads. A look-up finds
 * an article whichever table its rows are in, and while a move is half done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveRecentBands, nearestArticle, recentBandsDue, saveFingerprints } from '../../main/db/nearDuplicates';
import { importPaths, jobStatus } from '../../main/services/import';
import { BANDS, signatureOf } from '../../shared/text/fingerprint';
import { insertNotes } from '../helpers/notes';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
afterEach(() => ws?.close());

const count = (sql: string) => ws.ctx.workspace.db.prepare(sql).pluck().get() as number;
const RECENT = 'SELECT count(*) FROM article_bands_recent';
const LARGE = 'SELECT count(*) FROM article_bands';

/** `n` saved articles with their fingerprints, as an import leaves them (bands in the recent table). */
function savedNotes(n: number): { id: number; text: string }[] {
  const db = ws.ctx.workspace.db;
  return db.transaction(() => {
    const saved = insertNotes(db, n);
    saveFingerprints(db, saved);
    return saved.map((a) => ({ id: a.articleId, text: a.text }));
  })();
}

/** A text whose words follow no note's (notes share shifted runs of words with one another). */
const unlike = `September 6, 2025\n\nFresh report. ${Array.from({ length: 60 }, (_, w) => `z${(w * w * 7919 + 13) % 1000003}`).join(' ')}.`;

/** The same text with a byline and a "Read more" line: the same article. */
const copyOf = (text: string) => `By Staff Reporter\n\n${text}\n\nRead more`;

describe('the recent band table', () => {
  it('is not due while small, and is due past 5,000 articles’ rows when the large table is empty', () => {
    ws = openTestWorkspace();
    savedNotes(4_000);
    expect(count(RECENT)).toBe(4_000 * BANDS);
    expect(recentBandsDue(ws.ctx.workspace.db)).toBe(false);
    ws.close();
    ws = openTestWorkspace();
    savedNotes(5_001);
    expect(recentBandsDue(ws.ctx.workspace.db)).toBe(true);
  });

  it('moves in slices that keep every row, and a look-up finds each article before, during and after', () => {
    ws = openTestWorkspace();
    const db = ws.ctx.workspace.db;
    const saved = savedNotes(600);
    const probe = [saved[0]!, saved[299]!, saved[599]!];
    const found = () => probe.map((a) => nearestArticle(db, signatureOf(copyOf(a.text)), copyOf(a.text))?.id ?? null);
    expect(found()).toEqual(probe.map((a) => a.id));
    const total = 600 * BANDS;
    const first = moveRecentBands(db, 1_000);
    expect(first).toBeGreaterThanOrEqual(1_000);
    expect(first).toBeLessThan(1_100); // a key shared by several articles is moved whole
    expect(count(LARGE)).toBe(first);
    expect(count(RECENT)).toBe(total - first);
    // The lowest keys went first: every key left in the recent table is above every key moved.
    expect(count('SELECT max(band_key) FROM article_bands')).toBeLessThan(count('SELECT min(band_key) FROM article_bands_recent'));
    expect(found()).toEqual(probe.map((a) => a.id));
    // An article deleted before its rows are moved: they are left behind, not moved.
    const gone = saved[598]!;
    db.prepare('DELETE FROM articles WHERE id = ?').run(gone.id);
    const goneInRecent = count(`SELECT count(*) FROM article_bands_recent WHERE article_id = ${gone.id}`);
    expect(goneInRecent).toBeGreaterThan(0);
    let slices = 1;
    while (moveRecentBands(db, 1_000) > 0) slices++;
    expect(slices).toBeGreaterThanOrEqual(Math.floor(total / 1_100));
    expect(count(RECENT)).toBe(0);
    expect(count(LARGE)).toBe(total - goneInRecent);
    expect(count(`SELECT count(*) FROM article_bands WHERE article_id = ${gone.id}`)).toBe(BANDS - goneInRecent);
    expect(found()).toEqual(probe.map((a) => a.id));
    // Distinct notes stay distinct in either table.
    expect(nearestArticle(db, signatureOf(unlike), unlike)).toBeNull();
  });

  it('an import moves the recent rows when due, before it reads, and then finds a copy of a moved article', async () => {
    ws = openTestWorkspace();
    const saved = savedNotes(5_200);
    expect(recentBandsDue(ws.ctx.workspace.db)).toBe(true);
    const dir = tempDir('parley-recent-bands-');
    fs.writeFileSync(path.join(dir, 'copy.txt'), copyOf(saved[4_321]!.text));
    fs.writeFileSync(path.join(dir, 'new.txt'), unlike);
    const job = await importPaths(ws.ctx, [dir]);
    fs.rmSync(dir, { recursive: true });
    const items = jobStatus(job, true).items!;
    expect(items.find((i) => i.fileName.endsWith('copy.txt'))).toMatchObject({
      status: 'skipped',
      existing: expect.objectContaining({ id: saved[4_321]!.id }),
    });
    expect(items.find((i) => i.fileName.endsWith('new.txt'))).toMatchObject({ status: 'saved' });
    expect(count(LARGE)).toBe(5_200 * BANDS);
    // Only the new article's rows are recent.
    expect(count(RECENT)).toBe(BANDS);
    expect(recentBandsDue(ws.ctx.workspace.db)).toBe(false);
  });
});
