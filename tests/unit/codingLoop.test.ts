import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignCodeKeys } from '../../shared/domain/codeKeys';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let codes: { id: number; key: string; name: string; parentId: number | null; shortcut: string | null }[];
const TEXT = 'Washington warned of tariffs on Monday.\n\nNew Delhi said talks would go on.';

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!;
  codes = await w.ok('codebook:list', {});
});
afterEach(() => w.close());

const threat = () => codes.find((c) => c.key === 'THREAT')!.id;
async function article(title: string, tags: number) {
  const a = await w.ok('articles:create', { title, publishedOn: '2026-06-01', relationshipId: rel.id, text: `${title}. ${TEXT}` });
  for (let i = 0; i < tags; i++) {
    await w.ok('annotations:create', {
      articleId: a.id,
      start: 0,
      end: 4 + i,
      codeId: threat(),
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    });
  }
  return a.id;
}
const count = (table: string) => (w.ctx.workspace.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('deleting articles', () => {
  it('deletes several with their tags in one step that undo brings back whole, and redo again', async () => {
    const a = await article('Alpha', 2);
    const b = await article('Beta', 1);
    const keep = await article('Gamma', 1);
    const tagsBefore = await w.ok('annotations:list', { articleId: a });
    expect(await w.ok('articles:delete-many', { ids: [a, b] })).toEqual({ deletedArticles: 2, deletedAnnotations: 3 });
    expect(await w.call('articles:get', { id: a })).toMatchObject({ ok: false });
    expect(count('annotations')).toBe(1);
    expect((await w.ok('history:state', {})).nextUndo).toBe('Delete 2 articles (3 tags)');
    await w.ok('history:undo', {});
    expect((await w.ok('articles:get', { id: a })).annotationCount).toBe(2);
    expect(await w.ok('annotations:list', { articleId: a })).toEqual(tagsBefore);
    expect(count('annotations')).toBe(4);
    await w.ok('history:redo', {});
    expect(await w.call('articles:get', { id: b })).toMatchObject({ ok: false });
    expect(count('annotations')).toBe(1);
    expect((await w.ok('articles:get', { id: keep })).annotationCount).toBe(1);
  });

  it('refuses an unknown article and deletes nothing', async () => {
    const a = await article('Alpha', 1);
    const r = await w.call('articles:delete-many', { ids: [a, 999_999] });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await w.ok('articles:get', { id: a })).annotationCount).toBe(1);
  });
});

describe('editing an article’s details', () => {
  it('changes title, outlet, author, date and URL, undoably and in the history', async () => {
    const a = await article('Alpha', 0);
    const edited = await w.ok('articles:update-meta', {
      id: a,
      title: 'Alpha, corrected',
      outlet: 'Wire',
      author: 'R. Rao',
      publishedOn: '2026-05-30',
      url: 'https://example.org/a',
    });
    expect(edited).toMatchObject({
      title: 'Alpha, corrected',
      outlet: 'Wire',
      author: 'R. Rao',
      publishedOn: '2026-05-30',
      url: 'https://example.org/a',
    });
    expect((await w.ok('history:state', {})).nextUndo).toBe('Edit details of “Alpha”');
    await w.ok('history:undo', {});
    expect(await w.ok('articles:get', { id: a })).toMatchObject({ title: 'Alpha', outlet: '', publishedOn: '2026-06-01' });
  });

  it('refuses a future date and a bad URL, changing nothing', async () => {
    const a = await article('Alpha', 0);
    expect(await w.call('articles:update-meta', { id: a, publishedOn: '2027-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await w.call('articles:update-meta', { id: a, url: 'ftp://x' })).toMatchObject({ ok: false });
    expect(await w.ok('articles:get', { id: a })).toMatchObject({ publishedOn: '2026-06-01', url: '' });
  });
});

describe('code keys', () => {
  it('keeps set keys, hands out the next free ones to the most used codes first', () => {
    const list = [
      { id: 1, parentId: null, shortcut: '1' },
      { id: 2, parentId: null, shortcut: '2' },
      { id: 3, parentId: 1, shortcut: null },
      { id: 4, parentId: null, shortcut: null },
    ];
    expect([...assignCodeKeys(list)]).toEqual([
      [1, '1'],
      [2, '2'],
      [4, '3'],
      [3, '4'],
    ]);
    expect(assignCodeKeys(list, new Map([[3, 5]])).get(3)).toBe('3');
    const many = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, parentId: null, shortcut: null }));
    const keys = assignCodeKeys(many, new Map([[300, 9]]));
    expect(keys.get(300)).toBe('1');
    expect(new Set(keys.values()).size).toBe(keys.size);
    expect([...keys.values()].some((k) => ['a', 'b', 'c', 'n', 'r', 's', 't'].includes(k))).toBe(false);
  });

  it('sets a key, taking it from the code that had it, undoably', async () => {
    const overture = codes.find((c) => c.key === 'OVERTURE')!;
    await w.ok('codebook:set-key', { id: threat(), key: '2' });
    const after = await w.ok('codebook:list', {});
    expect(after.find((c: { id: number }) => c.id === threat())!.shortcut).toBe('2');
    expect(after.find((c: { id: number }) => c.id === overture.id)!.shortcut).toBeNull();
    await w.ok('history:undo', {});
    expect((await w.ok('codebook:list', {})).find((c: { id: number }) => c.id === overture.id)!.shortcut).toBe('2');
    expect(await w.call('codebook:set-key', { id: threat(), key: 's' })).toMatchObject({ ok: false });
  });
});

describe('tags outside every relationship', () => {
  it('lists tags whose pair is no relationship, and counts usage per code', async () => {
    const actors = await w.ok('actors:list', {});
    const rus = actors.find((a: { code: string }) => a.code === 'RUS')!.id;
    const a = await article('Alpha', 1);
    const outside = await w.ok('annotations:create', {
      articleId: a,
      start: 0,
      end: 5,
      codeId: threat(),
      sourceActorId: rel.actorA.id,
      targetActorId: rus,
    });
    const listed = await w.ok('annotations:outside-relationships', {});
    expect(listed.map((t: { id: number }) => t.id)).toEqual([outside.id]);
    expect(listed[0]).toMatchObject({ articleTitle: 'Alpha', sourceActorId: rel.actorA.id, targetActorId: rus });
    expect(await w.ok('codebook:usage', {})).toEqual([{ codeId: threat(), tags: 2 }]);
  });
});
