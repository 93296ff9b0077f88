/** Row identity across laptops (migration 16): the same thing made on two laptops has one uid. */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const open: TestWorkspace[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

function uids(w: TestWorkspace, table: string): string[] {
  return w.ctx.workspace.db.prepare(`SELECT uid FROM ${table} ORDER BY uid`).pluck().all() as string[];
}

describe('desk identity: uids on shared rows', () => {
  it('two fresh workspaces give their seeded codebook, actors, relationships and sample articles the same uids', () => {
    const a = openTestWorkspace({ sample: true });
    const b = openTestWorkspace({ sample: true });
    open.push(a, b);
    for (const table of ['codes', 'actors', 'actor_aliases', 'relationships', 'articles']) {
      const ua = uids(a, table);
      expect(ua.length, table).toBeGreaterThan(0);
      expect(ua.every((u) => typeof u === 'string' && u.length > 0)).toBe(true);
      expect(uids(b, table), table).toEqual(ua);
    }
    // Passages are each laptop's own: different uids.
    const pa = uids(a, 'annotations');
    expect(pa.length).toBeGreaterThan(0);
    expect(uids(b, 'annotations').some((u) => pa.includes(u))).toBe(false);
  });

  it('an article whose uid is taken by an article corrected since gets a random uid instead of failing the import', async () => {
    const w = openTestWorkspace();
    open.push(w);
    const input = { title: 'Talks resume', outlet: 'Wire', publishedOn: '2025-03-01', text: 'The United States warned India on Tuesday.' };
    const first = await w.ok('articles:create', input);
    const db = w.ctx.workspace.db;
    const firstUid = db.prepare('SELECT uid FROM articles WHERE id = ?').pluck().get(first.id) as string;
    expect(firstUid).toMatch(/^article:/);
    db.prepare("UPDATE articles SET content_hash = 'changed' WHERE id = ?").run(first.id);
    const second = await w.ok('articles:create', input);
    const secondUid = db.prepare('SELECT uid FROM articles WHERE id = ?').pluck().get(second.id) as string;
    expect(secondUid).not.toBe(firstUid);
    expect(secondUid).toMatch(/^[0-9a-f]{32}$/);
  });
});
