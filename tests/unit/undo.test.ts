import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, rowCounts, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let codes: { id: number; key: string; name: string }[];
let articleId: number;
const TEXT = 'Washington warned of tariffs on Monday.\n\nNew Delhi said talks would go on.';

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!;
  codes = await w.ok('codebook:list', {});
  articleId = (await w.ok('articles:create', { title: 'T', publishedOn: '2026-06-01', relationshipId: rel.id, text: TEXT })).id;
});
afterEach(() => w.close());

const codeId = (key: string) => codes.find((c) => c.key === key)!.id;
const tag = (over: Record<string, unknown> = {}) => ({
  articleId,
  start: 0,
  end: 10,
  codeId: codeId('THREAT'),
  sourceActorId: rel.actorA.id,
  targetActorId: rel.actorB.id,
  ...over,
});
const list = () => w.ok('annotations:list', { articleId });
const changeLogRows = () => (w.ctx.workspace.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('undo and redo', () => {
  it('says clearly when there is nothing to undo or redo', async () => {
    await w.ok('history:undo', {}); // the article itself
    const r = await w.call('history:undo', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'There is nothing to undo.' } });
    expect(await w.ok('history:state', {})).toMatchObject({ nextUndo: null, nextRedo: 'Add article “T”' });
    await w.ok('history:redo', {});
    const s = await w.call('history:redo', {});
    expect(s).toMatchObject({ ok: false, error: { message: 'There is nothing to redo.' } });
    expect(await w.ok('history:state', {})).toMatchObject({ nextUndo: 'Add article “T”', nextRedo: null });
  });

  it('undoes and redoes a new tag, an edit and a delete, appending to the log and never removing from it', async () => {
    const a = await w.ok('annotations:create', tag());
    await w.ok('annotations:update', { id: a.id, note: 'first note', codeId: codeId('OVERTURE') });
    await w.ok('annotations:delete', { id: a.id });
    expect(await list()).toEqual([]);
    const state = await w.ok('history:state', {});
    expect(state.nextUndo).toBe('Delete tag on “Washington”');

    let logged = changeLogRows();
    const step = await w.ok('history:undo', {});
    expect(step).toMatchObject({ kind: 'undo', label: 'Delete tag on “Washington”', articleIds: [articleId] });
    expect(changeLogRows()).toBeGreaterThan(logged);
    const restored = (await list())[0];
    expect(restored).toMatchObject({ id: a.id, note: 'first note', codeId: codeId('OVERTURE') });

    logged = changeLogRows();
    await w.ok('history:undo', {}); // the re-code and note
    expect(changeLogRows()).toBeGreaterThan(logged);
    expect((await list())[0]).toMatchObject({ id: a.id, note: '', codeId: codeId('THREAT') });
    await w.ok('history:undo', {}); // the tag itself
    expect(await list()).toEqual([]);
    expect((await w.ok('articles:get', { id: articleId })).annotationCount).toBe(0);
    expect((await w.ok('history:state', {})).nextRedo).toBe('Tag “Washington” as Threat');

    await w.ok('history:redo', {});
    expect((await list())[0]).toMatchObject({ id: a.id, codeId: codeId('THREAT') });
    await w.ok('history:redo', {});
    expect((await list())[0]).toMatchObject({ note: 'first note' });
    await w.ok('history:redo', {});
    expect(await list()).toEqual([]);
    const r = await w.call('history:redo', {});
    expect(r).toMatchObject({ ok: false, error: { message: 'There is nothing to redo.' } });
  });

  it('a new change after an undo clears what could be redone', async () => {
    await w.ok('annotations:create', tag());
    await w.ok('history:undo', {});
    expect((await w.ok('history:state', {})).nextRedo).not.toBeNull();
    await w.ok('annotations:create', tag({ start: 11, end: 17 }));
    expect(await w.ok('history:state', {})).toMatchObject({ nextRedo: null, nextUndo: 'Tag “warned” as Threat' });
  });

  it('keeps history across a restart', async () => {
    const a = await w.ok('annotations:create', tag());
    await w.ok('annotations:update', { id: a.id, note: 'kept' });
    w.ctx.workspace.close();
    const again = openTestWorkspace({ now: NOW, dir: w.dir });
    try {
      expect((await again.ok('history:state', {})).nextUndo).toBe('Change tag on “Washington”');
      await again.ok('history:undo', {});
      expect((await again.ok('annotations:list', { articleId }))[0]!.note).toBe('');
      await again.ok('history:undo', {});
      expect(await again.ok('annotations:list', { articleId })).toEqual([]);
    } finally {
      again.ctx.workspace.close();
    }
    w = openTestWorkspace({ now: NOW, dir: w.dir }); // afterEach closes and removes it
    expect((await w.ok('history:state', {})).nextRedo).toBe('Tag “Washington” as Threat');
  });

  it('refuses, writing nothing, to undo a delete whose article has been deleted since outside history', async () => {
    const a = await w.ok('annotations:create', tag());
    await w.ok('annotations:delete', { id: a.id });
    w.ctx.workspace.db.prepare('DELETE FROM articles WHERE id = ?').run(articleId); // a write history does not cover
    const before = rowCounts(w.ctx);
    const r = await w.call('history:undo', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toMatch(/cannot be undone any more/);
    }
    expect(rowCounts(w.ctx)).toEqual(before);
  });

  it('refuses to restore a tag onto text that has changed outside history', async () => {
    const a = await w.ok('annotations:create', tag());
    await w.ok('annotations:delete', { id: a.id });
    w.ctx.workspace.db.prepare("UPDATE articles SET text = 'Entirely different words here.' WHERE id = ?").run(articleId);
    const r = await w.call('history:undo', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/no longer what was tagged/) } });
    expect(await w.ok('annotations:list', { articleId })).toEqual([]);
  });

  it('undoes an article’s deletion with its tags and their origins, and redoes it', async () => {
    const a = await w.ok('annotations:create', tag());
    const b = await w.ok('annotations:create', tag({ start: 11, end: 17 }));
    const { db } = w.ctx.workspace;
    db.prepare("INSERT INTO annotation_origins (annotation_id, analyst, origin, imported_at_ms) VALUES (?, 'Ben', 'ben.qdpx', 1)").run(
      b.id,
    );
    const origins = () => db.prepare('SELECT * FROM annotation_origins ORDER BY annotation_id').all();
    const kept = origins();
    await w.ok('articles:delete', { id: articleId });
    expect(origins()).toEqual([]);
    expect((await w.ok('history:state', {})).nextUndo).toBe('Delete article “T”');
    await w.ok('history:undo', {});
    expect((await w.ok('articles:get', { id: articleId })).annotationCount).toBe(2);
    expect((await list()).map((x: { id: number }) => x.id)).toEqual([a.id, b.id]);
    expect(origins()).toEqual(kept);
    await w.ok('history:redo', {});
    expect(await w.call('articles:get', { id: articleId })).toMatchObject({ ok: false });
    expect(origins()).toEqual([]);
    await w.ok('history:undo', {});
    expect(origins()).toEqual(kept);
    expect((await w.ok('articles:get', { id: articleId })).annotationCount).toBe(2);
  });

  it('undoes and redoes adding an article, across a restart', async () => {
    const before = await w.ok('articles:get', { id: articleId });
    await w.ok('history:undo', {});
    expect(await w.call('articles:get', { id: articleId })).toMatchObject({ ok: false });
    w.ctx.workspace.close();
    w = openTestWorkspace({ now: NOW, dir: w.dir });
    expect((await w.ok('history:state', {})).nextRedo).toBe('Add article “T”');
    await w.ok('history:redo', {});
    expect(await w.ok('articles:get', { id: articleId })).toEqual(before);
  });

  it('records nothing for a refused change', async () => {
    const before = rowCounts(w.ctx);
    const r = await w.call('annotations:create', tag({ start: 5, end: 200 }));
    expect(r.ok).toBe(false);
    expect(rowCounts(w.ctx)).toEqual(before);
    expect((await w.ok('history:state', {})).recent.map((s: { label: string }) => s.label)).toEqual(['Add article “T”']);
  });
});

describe('who changed what and when', () => {
  it('records the workspace analyst of the moment on every change, undo and redo', async () => {
    await w.ok('annotations:create', tag());
    await w.ok('export:analyst', { name: 'Ana Lyst' });
    await w.ok('codebook:create', { name: 'Blockade', color: '#336699', weight: -7 });
    await w.ok('export:analyst', { name: 'Ben Coder' });
    await w.ok('history:undo', {});
    const recent = (await w.ok('history:state', { limit: 3 })).recent;
    expect(recent.map((s: { kind: string; label: string; analyst: string; atMs: number }) => [s.kind, s.label, s.analyst])).toEqual([
      ['undo', 'Add code “Blockade”', 'Ben Coder'],
      ['do', 'Add code “Blockade”', 'Ana Lyst'],
      ['do', 'Tag “Washington” as Threat', ''],
    ]);
    expect(recent[0]!.atMs).toBe(NOW.getTime());
  });
});

describe('the undo and redo stacks read from the end of the log', () => {
  it('agree with a plain stack model over random sequences of changes, undos, redos and restarts', async () => {
    const fc = (await import('fast-check')).default;
    const step = fc.constantFrom('do', 'do', 'undo', 'undo', 'redo', 'restart');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        let ws = openTestWorkspace({ now: NOW }); // a new workspace per run: its stacks start empty
        const undo: string[] = [];
        let redo: string[] = [];
        let n = 0;
        try {
          for (const s of steps) {
            if (s === 'do') {
              const name = `Code ${++n} ${steps.length}`;
              await ws.ok('codebook:create', { name, color: '#336699', weight: 1 });
              undo.push(`Add code “${name}”`);
              redo = [];
            } else if (s === 'restart') {
              ws.ctx.workspace.close();
              ws = openTestWorkspace({ now: NOW, dir: ws.dir });
            } else {
              const from = s === 'undo' ? undo : redo;
              const r = await ws.call(`history:${s}`, {});
              expect(r.ok).toBe(from.length > 0);
              if (from.length > 0) (s === 'undo' ? redo : undo).push(from.pop()!);
            }
            const state = await ws.ok('history:state', { limit: 1 });
            expect(state.nextUndo).toBe(undo.at(-1) ?? null);
            expect(state.nextRedo).toBe(redo.at(-1) ?? null);
          }
        } finally {
          ws.close();
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
