import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, rowCounts, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
let w: TestWorkspace;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };
let codes: { id: number; key: string; name: string; parentId: number | null }[];
let articleId: number;
const TEXT = 'Washington warned of tariffs on Monday. New Delhi said talks would go on.';

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  rel = (await w.ok('relationships:list', {}))[0]!;
  codes = await w.ok('codebook:list', {});
  articleId = (await w.ok('articles:create', { title: 'T', publishedOn: '2026-06-01', relationshipId: rel.id, text: TEXT })).id;
});
afterEach(() => w.close());

const codeId = (key: string) => codes.find((c) => c.key === key)!.id;
const tag = (codeIdValue: number, start = 0, end = 10) =>
  w.ok('annotations:create', { articleId, start, end, codeId: codeIdValue, sourceActorId: rel.actorA.id, targetActorId: rel.actorB.id });

async function expectRefused(op: string, input: unknown, code: string, message?: RegExp) {
  const before = rowCounts(w.ctx);
  const r = await w.call(op, input);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    if (message) expect(r.error.message).toMatch(message);
  }
  expect(rowCounts(w.ctx)).toEqual(before);
}

describe('the codebook', () => {
  it('adds a subtype, renames, recolours and re-weights it, each undoable', async () => {
    const c = await w.ok('codebook:create', {
      name: 'Sanctions threat',
      color: '#aa3300',
      weight: -7,
      parentId: codeId('THREAT'),
      description: 'Threat of sanctions',
    });
    expect(c).toMatchObject({ key: 'THREAT.SANCTIONS_THREAT', parentId: codeId('THREAT'), weight: -7 });
    await w.ok('codebook:update', { id: c.id, name: 'Sanctions', color: '#bb4400', weight: -6.5 });
    expect((await w.ok('codebook:list', {})).find((x: { id: number }) => x.id === c.id)).toMatchObject({
      name: 'Sanctions',
      color: '#bb4400',
      weight: -6.5,
    });
    await w.ok('history:undo', {});
    expect((await w.ok('codebook:list', {})).find((x: { id: number }) => x.id === c.id)).toMatchObject({
      name: 'Sanctions threat',
      weight: -7,
    });
    await w.ok('history:undo', {});
    expect((await w.ok('codebook:list', {})).some((x: { id: number }) => x.id === c.id)).toBe(false);
  });

  it('refuses bad codes with a clear message and writes nothing', async () => {
    await expectRefused('codebook:create', { name: 'X', color: 'red', weight: 1 }, 'BAD_INPUT', /colour/);
    await expectRefused('codebook:create', { name: 'X', color: '#112233', weight: 11 }, 'BAD_INPUT', /between -10 and \+10/);
    await expectRefused(
      'codebook:create',
      { name: 'Generic threat', color: '#112233', weight: 1, parentId: codeId('THREAT') },
      'CONFLICT',
      /already a code named/,
    );
    await expectRefused(
      'codebook:create',
      { name: 'Deep', color: '#112233', weight: 1, parentId: codeId('THREAT.MILITARY') },
      'BAD_INPUT',
      /itself a subtype/,
    );
    await expectRefused('codebook:update', { id: codeId('OVERTURE'), parentId: codeId('THREAT') }, 'BAD_INPUT', /top-level/);
  });

  it('refuses to delete a code in use, saying how many tags would be orphaned; merging moves them and loses none', async () => {
    const c = await w.ok('codebook:create', { name: 'Ultimatum', color: '#aa0000', weight: -8, parentId: codeId('THREAT') });
    await tag(c.id, 0, 10);
    await tag(c.id, 11, 17);
    await expectRefused('codebook:delete', { id: c.id }, 'CONFLICT', /^2 tags use “Ultimatum”; deleting it would orphan them\. Merge/);
    await expectRefused('codebook:delete', { id: codeId('THREAT') }, 'BAD_INPUT', /top-level/);
    const merged = await w.ok('codebook:merge', { fromId: c.id, intoId: codeId('THREAT.MILITARY') });
    expect(merged.movedAnnotations).toBe(2);
    const tags = await w.ok('annotations:list', { articleId });
    expect(tags.map((t: { codeId: number }) => t.codeId)).toEqual([codeId('THREAT.MILITARY'), codeId('THREAT.MILITARY')]);
    expect((await w.ok('codebook:list', {})).some((x: { id: number }) => x.id === c.id)).toBe(false);
    // Undo brings the code back with its tags.
    await w.ok('history:undo', {});
    expect((await w.ok('annotations:list', { articleId })).map((t: { codeId: number }) => t.codeId)).toEqual([c.id, c.id]);
    const unused = await w.ok('codebook:create', { name: 'Unused', color: '#000000', weight: 0, parentId: null });
    await w.ok('codebook:delete', { id: unused.id });
    expect((await w.ok('codebook:list', {})).some((x: { id: number }) => x.id === unused.id)).toBe(false);
  });

  it('exports the codebook as JSON and imports it into another workspace (adding and updating, never removing)', async () => {
    await w.ok('codebook:create', { name: 'Ultimatum', color: '#aa0000', weight: -8, parentId: codeId('THREAT') });
    await w.ok('codebook:update', { id: codeId('OVERTURE.PRAISE'), weight: 3.5 });
    const file = await w.ok('codebook:export', {});
    expect(file.fileName).toBe('parley-codebook-2026-06-15.json');
    const other = openTestWorkspace({ now: NOW });
    try {
      const r = await other.ok('codebook:import', { content: file.content });
      expect(r).toEqual({ added: 1, updated: codes.length });
      const list = await other.ok('codebook:list', {});
      expect(list.find((c: { key: string }) => c.key === 'THREAT.ULTIMATUM')).toMatchObject({ weight: -8, name: 'Ultimatum' });
      expect(list.find((c: { key: string }) => c.key === 'OVERTURE.PRAISE')!.weight).toBe(3.5);
      const before = rowCounts(other.ctx);
      const bad = await other.call('codebook:import', { content: '{"format":"something else"}' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/not a Parley codebook/) } });
      const notJson = await other.call('codebook:import', { content: 'code,name' });
      expect(notJson).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not JSON/) } });
      expect(rowCounts(other.ctx)).toEqual(before);
    } finally {
      other.close();
    }
  });
});

describe('actors', () => {
  it('adds an actor with aliases, adds an alias from a word, refuses an alias of another actor, and a relationship', async () => {
    const jp = await w.ok('actors:create', { code: 'jpn', name: 'Japan', aliases: ['Japan', 'Tokyo'] });
    expect(jp).toMatchObject({ code: 'JPN', aliases: ['Japan', 'Tokyo'] });
    expect((await w.ok('actors:add-alias', { actorId: jp.id, alias: 'Kishida' })).aliases).toEqual(['Japan', 'Tokyo', 'Kishida']);
    await expectRefused('actors:add-alias', { actorId: jp.id, alias: 'new delhi' }, 'CONFLICT', /already an alias of India/);
    await expectRefused('actors:create', { code: 'USA', name: 'Another' }, 'CONFLICT', /already used by United States/);
    await expectRefused('actors:create', { code: 'U', name: 'Short' }, 'BAD_INPUT', /2 to 12 letters/);
    const r = await w.ok('relationships:create', { actorAId: jp.id, actorBId: rel.actorB.id });
    expect(r.label).toBe('Japan – India');
    await expectRefused('relationships:create', { actorAId: rel.actorB.id, actorBId: jp.id }, 'CONFLICT', /already exists/);
    await w.ok('history:undo', {}); // the relationship
    await w.ok('history:undo', {}); // the alias
    expect((await w.ok('actors:list', {})).find((a: { id: number }) => a.id === jp.id)!.aliases).toEqual(['Japan', 'Tokyo']);
    await w.ok('history:undo', {}); // the actor and its aliases
    expect((await w.ok('actors:list', {})).some((a: { id: number }) => a.id === jp.id)).toBe(false);
  });
});
