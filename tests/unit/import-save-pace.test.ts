/**
 * Issue 15, point 5: how an import's save is paced (services/import/savePace.ts).
 * Chunks grow from the first 500 files to about a second's work, the
 * fingerprints are written in batches after the articles, and the log is
 * copied into the database at the end: every saved article still has its
 * fingerprint and band keys, and SQLite's checkpoint setting is as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../main/services/import';
import { ChunkPace } from '../../main/services/import/savePace';
import { fingerprintOf, saveFingerprints } from '../../main/db/nearDuplicates';
import { BANDS } from '../../shared/text/fingerprint';
import { insertNotes, note } from '../helpers/notes';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
afterEach(() => ws?.close());

const count = (sql: string) => ws.ctx.workspace.db.prepare(sql).pluck().get() as number;


describe('pacing an import’s save', () => {
  it('sizes chunks to about a second of the pace so far, from 500 to 20,000 files', () => {
    const pace = new ChunkPace();
    expect(pace.size).toBe(500);
    pace.done(500, 250); // 0.5 ms a file: a second holds 2,000
    expect(pace.size).toBe(2_000);
    pace.done(2_000, 100); // 0.05 ms a file: 20,000 in a second
    expect(pace.size).toBe(20_000);
    pace.done(20_000, 100); // faster still: capped
    expect(pace.size).toBe(20_000);
    pace.done(5_000, 20_000); // a slow disk: never fewer than the first chunk
    expect(pace.size).toBe(500);
  });

  it('saves every file of a 1,200-file import with its fingerprint and band keys, and leaves the checkpoint setting as it was', async () => {
    ws = openTestWorkspace();
    const dir = tempDir('parley-pace-');
    const files = Array.from({ length: 1_200 }, (_, i) => {
      const f = path.join(dir, `n${String(i).padStart(4, '0')}.txt`);
      fs.writeFileSync(f, note(i));
      return f;
    });
    const db = ws.ctx.workspace.db;
    const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    const job = await importPaths(ws.ctx, files);
    fs.rmSync(dir, { recursive: true });
    expect(job.items.filter((i) => i.status === 'saved')).toHaveLength(1_200);
    expect(count('SELECT count(*) FROM articles')).toBe(1_200);
    expect(count('SELECT count(*) FROM article_fingerprints')).toBe(1_200);
    // New band rows go to the small recent table (migration 25), none to the large one.
    expect(count('SELECT count(*) FROM article_bands_recent')).toBe(1_200 * BANDS);
    expect(count('SELECT count(*) FROM article_bands')).toBe(0);
    const saved = job.items.find((i) => i.fileName === 'n0007.txt')!;
    expect(Array.from(fingerprintOf(db, saved.articleId!)!)).toEqual(Array.from(saved.signature!));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    // One change set for the whole save, though it took several transactions.
    expect(count("SELECT count(*) FROM change_sets WHERE label LIKE 'Import %'")).toBe(1);
  });

  it('writes a batch of fingerprints whole, in statements of many rows and the rest one by one', () => {
    ws = openTestWorkspace();
    const db = ws.ctx.workspace.db;
    // 130 articles: two statements of 64 fingerprints and two single rows; 2,080 band keys.
    const list = insertNotes(db, 130);
    db.transaction(() => saveFingerprints(db, list))();
    expect(count('SELECT count(*) FROM article_fingerprints')).toBe(130);
    expect(count('SELECT count(*) FROM article_bands_recent')).toBe(130 * BANDS);
    for (const f of [list[0]!, list[63]!, list[64]!, list[129]!])
      expect(Array.from(fingerprintOf(db, f.articleId)!)).toEqual(Array.from(f.signature));
  });
});
