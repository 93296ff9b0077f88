/**
 * The importer's look-ups of an existing article by URL must use the partial
 * index articles_url: a full scan cost ~3 s a page in a workspace of 100,000
 * articles, which made importing 10,000 pages into it take hours.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { BY_URL_SQL, lookAlike } from '../../main/db/importLookups';
import { openTestWorkspace } from '../helpers/workspace';

describe('import look-ups', () => {
  it('finds an article with the same URL through the index, not by scanning the table', () => {
    const ws = openTestWorkspace({ sample: true });
    onTestFinished(() => ws.close());
    const db = ws.ctx.workspace.db;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${BY_URL_SQL}`).all('https://x.example/', 'h') as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX articles_url\b/);
    expect(plan.join(' | ')).not.toMatch(/\bSCAN articles\b/);

    const existing = db.prepare(`SELECT id, url, title FROM articles WHERE url <> '' ORDER BY id LIMIT 1`).get() as
      { id: number; url: string; title: string } | undefined;
    expect(existing).toBeDefined();
    expect(lookAlike(db, existing!.url, 'Another title altogether', 'another-hash')).toMatchObject({ id: existing!.id, by: 'url' });
  });
});
