import { afterEach, describe, expect, it } from 'vitest';
import { exportFixture, type ExportFixture } from '../helpers/exportFixture';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

describe('backup:diff (the restore preview, item by item)', () => {
  it('lists the articles and tags added, removed and changed since the backup', async () => {
    const f: ExportFixture = await exportFixture();
    open.push(f.w);
    const b = await f.w.ok('backup:create', {});
    const same = await f.w.ok('backup:diff', { fileName: b.fileName });
    for (const side of Object.values(same) as { count: number }[]) expect(side.count).toBe(0);

    // After the backup: one article added with a tag, the second article deleted (with its tag), the first one's text edited.
    const later = await f.w.ok('articles:create', { title: 'Written later', publishedOn: '2026-06-10', text: 'Delhi warned of retaliation.' });
    await f.w.ok('annotations:create', {
      articleId: later.id,
      start: 0,
      end: 'Delhi warned of retaliation'.length,
      codeId: f.codes['THREAT']!,
      sourceActorId: f.actors.b,
      targetActorId: f.actors.a,
    });
    await f.w.ok('articles:delete', { id: f.articleIds[1]! });
    const first = await f.w.ok('articles:get', { id: f.articleIds[0]! });
    await f.w.ok('articles:update-text', { id: first.id, text: `${first.text}\n\nA paragraph added later.` });

    const d = await f.w.ok('backup:diff', { fileName: b.fileName });
    expect(d.articlesAdded).toEqual({ count: 1, items: [{ id: later.id, title: 'Written later', publishedOn: '2026-06-10' }] });
    expect(d.articlesRemoved).toEqual({ count: 1, items: [{ id: f.articleIds[1], title: 'Duty offer', publishedOn: '2026-06-01' }] });
    expect(d.articlesChanged.items.map((a: { id: number }) => a.id)).toEqual([first.id]);
    expect(d.tagsAdded.count).toBe(1);
    expect(d.tagsAdded.items[0]).toMatchObject({ articleTitle: 'Written later', codeName: 'Threat', exact: 'Delhi warned of retaliation' });
    expect(d.tagsRemoved.count).toBe(1);
    expect(d.tagsRemoved.items[0]).toMatchObject({ articleTitle: 'Duty offer', exact: 'India offered to cut duties on farm goods' });

    // The lists are capped; the counts stay whole.
    const capped = await f.w.ok('backup:diff', { fileName: b.fileName, limit: 1 });
    expect(capped.tagsAdded).toMatchObject({ count: 1 });
    expect((await f.w.call('backup:diff', { fileName: 'parley-manual-20990101-000000.sqlite' })).ok).toBe(false);
  });
});
