/**
 * Blind double-coding: the package a second coder gets (texts, codebook,
 * actors, no tags), coded in their own Parley, merged back as their layer.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationName, OpInput, OpOutput } from '../../shared/api/contract';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

const NOW = new Date('2026-06-15T12:00:00');
const TEXTS = [
  'Washington warned of tariffs on Monday.\n\nNew Delhi said talks would go on.',
  'India offered to cut duties on almonds.',
  'The United States dropped its visa curbs.',
];
const open: TestWorkspace[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function typed(w: TestWorkspace) {
  return <K extends OperationName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> => w.ok(op, input);
}

async function setup(w: TestWorkspace, name: string) {
  const ok = typed(w);
  await ok('export:analyst', { name });
  const rel = (await ok('relationships:list', {}))[0]!;
  const codes = await ok('codebook:list', {});
  const code = (key: string) => codes.find((c) => c.key === key)!.id;
  const tag = (articleId: number, start: number, end: number, key: string) =>
    ok('annotations:create', { articleId, start, end, codeId: code(key), sourceActorId: rel.actorA.id, targetActorId: rel.actorB.id });
  return { ok, rel, tag };
}

describe('blind double-coding package', () => {
  it('carries the chosen texts, the codebook and the actors, and nothing of the coding, history or settings', async () => {
    const a = openTestWorkspace({ now: NOW });
    open.push(a);
    const { ok, rel, tag } = await setup(a, 'Asha');
    const ids: number[] = [];
    for (const [i, text] of TEXTS.entries()) ids.push((await ok('articles:create', { title: `A${i}`, publishedOn: '2026-06-01', relationshipId: rel.id, text })).id);
    await ok('articles:create', { title: 'Not chosen', publishedOn: '2026-06-01', text: 'Left out of the package.' });
    await tag(ids[0]!, 0, 39, 'THREAT');
    const threat = (await ok('codebook:list', {})).find((c) => c.key === 'THREAT')!;
    const sanction = await ok('codebook:create', { name: 'Sanction', color: '#aa0000', weight: -6, parentId: threat.id });

    const pkg = await ok('package:export', { articleIds: ids });
    expect(pkg).toMatchObject({ encoding: 'base64', mimeType: 'application/vnd.sqlite3' });
    const dir = tempDir();
    const file = path.join(dir, 'workspace.sqlite');
    fs.writeFileSync(file, Buffer.from(pkg.content, 'base64'));
    const db = new Database(file, { readonly: true });
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(count('articles')).toBe(3);
    expect(count('annotations')).toBe(0);
    expect(count('change_log') + count('change_sets') + count('settings')).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM codes WHERE key = ?').get(sanction.key) as { n: number }).n).toBe(1);
    expect(count('actors')).toBe((await ok('actors:list', {})).length);
    db.close();

    // The colleague codes it in their own Parley…
    const b = openTestWorkspace({ now: NOW, dir });
    const theirs = await setup(b, 'Priya');
    const theirArticles = (await theirs.ok('articles:list', {})).items;
    expect(theirArticles).toHaveLength(3);
    const first = theirArticles.find((x) => x.title === 'A0')!;
    await theirs.tag(first.id, 0, 39, 'THREAT');
    await theirs.tag(first.id, 41, TEXTS[0]!.length, 'OVERTURE');
    b.ctx.workspace.close(); // checkpoints the WAL into the file they send back
    const bytes = fs.readFileSync(b.file);
    fs.rmSync(dir, { recursive: true, force: true });

    // …and merging it back brings their layer, leaving the analyst's own and the score as they were.
    const before = await ok('score:evidence', { relationshipId: rel.id, date: '2026-06-10' });
    const summary = await ok('export:import', { fileName: 'priya.sqlite', contentBase64: bytes.toString('base64') });
    expect(summary).toMatchObject({ articlesAdded: 0, articlesMatched: 1, annotationsAdded: 2, conflicts: 0 });
    const layers = await ok('layers:list', {});
    expect(layers.map((l) => [l.key, l.passages])).toEqual([
      ['own', 1],
      ['coder:Priya', 2],
    ]);
    const after = await ok('score:evidence', { relationshipId: rel.id, date: '2026-06-10' });
    expect(after.items.map((e) => e.annotationId)).toEqual(before.items.map((e) => e.annotationId));
    const report = await ok('agreement:report', { unit: 'paragraph' });
    expect(report.layers.map((l) => l.label)).toEqual(['Asha', 'Priya']);
    expect(report.codes.find((c) => c.code === 'THREAT')).toMatchObject({ passages: [1, 1], kappa: 1 });
  });

  it('refuses an article that does not exist, exporting nothing', async () => {
    const a = openTestWorkspace({ now: NOW });
    open.push(a);
    const r = await a.call('package:export', { articleIds: [999] });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
