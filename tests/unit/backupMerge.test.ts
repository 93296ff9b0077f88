import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabaseFile, createBackup, dailyBackupIfDue } from '../../main/services/backup';
import { exportAs, exportFixture, type ExportFixture } from '../helpers/exportFixture';
import { openTestWorkspace, rowCounts, tempDir } from '../helpers/workspace';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});
async function fixture(opts: Parameters<typeof exportFixture>[0] = {}): Promise<ExportFixture> {
  const f = await exportFixture(opts);
  open.push(f.w);
  return f;
}

describe('backups', () => {
  it('backs up the open workspace to one checked file, and restores it in place after a preview', async () => {
    const f = await fixture();
    const b = await f.w.ok('backup:create', {});
    expect(b.kind).toBe('manual');
    expect(fs.existsSync(b.path)).toBe(true);
    expect(fs.readdirSync(path.dirname(b.path))).toEqual([b.fileName]); // one self-contained file, nothing left beside it
    const copy = new Database(b.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n).toBe(5);
    copy.close();

    // Work after the backup…
    await f.w.ok('articles:create', { title: 'Later', publishedOn: '2026-06-10', text: 'Written after the backup.' });
    const preview = await f.w.ok('backup:preview-restore', { fileName: b.fileName });
    expect(preview.current.articles).toBe(3);
    expect(preview.replacement.articles).toBe(2);
    // …is refused without confirmation…
    const refused = await f.w.call('backup:restore', { fileName: b.fileName });
    expect(refused.ok).toBe(false);
    // …and replaced with it, the replaced state saved first; the same context keeps working.
    const r = await f.w.ok('backup:restore', { fileName: b.fileName, confirm: true });
    expect(r.savedAs.kind).toBe('pre-restore');
    const info = await f.w.ok('workspace:info', {});
    expect(info.articleCount).toBe(2);
    expect(info.annotationCount).toBe(5);
    const saved = new Database(r.savedAs.path, { readonly: true });
    expect((saved.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(3);
    saved.close();
    await f.w.ok('articles:create', { title: 'After restore', publishedOn: '2026-06-10', text: 'The restored workspace takes writes.' });
    expect((await f.w.ok('workspace:info', {})).articleCount).toBe(3);
  });

  it('a restore asked for while a backup runs waits for it, and both files are whole', async () => {
    const f = await fixture();
    const b = await f.w.ok('backup:create', {});
    const [daily, restored] = await Promise.all([
      createBackup(f.w.ctx, 'daily'),
      f.w.ok('backup:restore', { fileName: b.fileName, confirm: true }),
    ]);
    expect(checkDatabaseFile(daily.path).schemaVersion).toBeGreaterThan(0);
    expect(checkDatabaseFile(restored.savedAs.path).schemaVersion).toBeGreaterThan(0);
    expect((await f.w.ok('workspace:info', {})).annotationCount).toBe(5);
  });

  it('a damaged backup is refused and the workspace is untouched', async () => {
    const f = await fixture();
    const b = await f.w.ok('backup:create', {});
    fs.writeFileSync(b.path, Buffer.alloc(8192, 7));
    const before = rowCounts(f.w.ctx);
    const r = await f.w.call('backup:restore', { fileName: b.fileName, confirm: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(rowCounts(f.w.ctx)).toEqual(before);
    expect((await f.w.call('backup:restore', { fileName: '../../etc/passwd', confirm: true })).ok).toBe(false);
  });

  it('daily backups rotate, keeping the number the analyst set', async () => {
    const f = await fixture();
    await f.w.ok('backup:settings', { keepDaily: 2 });
    let day = new Date('2026-06-15T09:00:00');
    f.w.ctx.now = () => day;
    for (const d of ['2026-06-15T09:00:00', '2026-06-15T18:00:00', '2026-06-16T09:00:00', '2026-06-17T09:00:00']) {
      day = new Date(d);
      await dailyBackupIfDue(f.w.ctx);
    }
    const list = await f.w.ok('backup:list', {});
    const daily = list.items.filter((b: { kind: string }) => b.kind === 'daily').map((b: { fileName: string }) => b.fileName);
    expect(daily).toEqual(['parley-daily-20260617-090000.sqlite', 'parley-daily-20260616-090000.sqlite']);
    expect(list.settings).toEqual({ keepDaily: 2, autoDaily: true });
  });
});

describe('merging a colleague', () => {
  // A colleague's workspace comes in as their coder layer (tests/unit/agreement-package.test.ts); one's own
  // coding from another machine (the same analyst's name) merges into one's own, with conflicts.
  it("merges one's own workspace from another machine: articles by hash, duplicates left out, conflicts kept for the analyst", async () => {
    const ours = await fixture({ analyst: 'Ana' });
    const dir = tempDir();
    const theirs = await exportFixture({ analyst: 'Ana', dir });
    // On the other machine, one note changes, a tag and a new article are added.
    const articles = (await theirs.w.ok('articles:list', {})).items;
    const first = articles.find((a: { title: string }) => a.title.includes('Talks and threats'))!;
    const anns = await theirs.w.ok('annotations:list', { articleId: first.id });
    const overture = anns.find((a: { exact: string }) => a.exact.startsWith('The ministry promised'))!;
    await theirs.w.ok('annotations:update', { id: overture.id, note: 'Ben: this is an overture, not a concession' });
    const extra = await theirs.w.ok('articles:create', {
      title: 'Ben only',
      publishedOn: '2026-06-12',
      relationshipId: theirs.relId,
      text: 'Delhi threatened to halt the talks.',
    });
    await theirs.w.ok('annotations:create', {
      articleId: extra.id,
      start: 0,
      end: 33,
      codeId: theirs.codes.THREAT!,
      sourceActorId: theirs.actors.b,
      targetActorId: theirs.actors.a,
    });
    const theirFile = theirs.w.file;
    theirs.w.ctx.workspace.close();

    const before = (await ours.w.ok('workspace:info', {})).annotationCount;
    const summary = await ours.w.ok('export:import', {
      fileName: 'ben.sqlite',
      contentBase64: fs.readFileSync(theirFile).toString('base64'),
    });
    expect(summary).toMatchObject({
      articlesAdded: 1,
      articlesMatched: 2,
      annotationsAdded: 2,
      annotationsDuplicate: 4,
      conflicts: 1,
      skipped: [],
    });
    expect((await ours.w.ok('workspace:info', {})).annotationCount).toBe(before + 2);

    const conflicts = await ours.w.ok('export:conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.reason).toMatch(/note/);
    expect(conflicts[0]!.ours.analyst).toBe('Ana');
    expect(conflicts[0]!.theirs.analyst).toBe('Ana');
    expect(conflicts[0]!.theirs.note).toBe('Ben: this is an overture, not a concession');

    // Who coded what shows in the CSV.
    const csv = (await exportAs(ours, 'quotes-csv')).text;
    expect(csv).toContain('"Ana"');

    const resolved = await ours.w.ok('export:resolve-conflict', { id: conflicts[0]!.id, keep: 'theirs' });
    expect(resolved.remaining).toBe(0);
    const kept = await ours.w.ok('annotations:list', { articleId: ours.articleIds[0]! });
    expect(kept.filter((a: { exact: string }) => a.exact.startsWith('The ministry promised')).map((a: { note: string }) => a.note)).toEqual(
      ['Ben: this is an overture, not a concession'],
    );
    // Choosing is one undoable change: undo brings the dropped tag and the conflict back, redo drops it again.
    const state = await ours.w.ok('history:state', { limit: 5 });
    expect(state.nextUndo).toMatch(/^Merge conflict on “The ministry promised.*: keep theirs$/);
    const notes = async () =>
      (await ours.w.ok('annotations:list', { articleId: ours.articleIds[0] }))
        .filter((a: { exact: string }) => a.exact.startsWith('The ministry promised'))
        .map((a: { note: string }) => a.note)
        .sort();
    const both = [...(await notes()), conflicts[0].ours.note].sort();
    await ours.w.ok('history:undo', {});
    expect(await notes()).toEqual(both);
    expect(await ours.w.ok('export:conflicts', {})).toHaveLength(1);
    await ours.w.ok('history:redo', {});
    expect(await notes()).toEqual(['Ben: this is an overture, not a concession']);
    expect(await ours.w.ok('export:conflicts', {})).toHaveLength(0);
    // The merge itself is one undoable change set, named after the file.
    expect(state.recent.map((s: { label: string }) => s.label)).toContain('Merge ben.sqlite');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("merges a colleague's JSON-LD export the same way", async () => {
    const ours = await fixture({ analyst: 'Ana' });
    const theirs = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
    open.push(theirs);
    const json = (await exportAs(ours, 'annotations-jsonld')).bytes;
    // Into an empty workspace first, then back into ours: all duplicates.
    await theirs.ok('export:import', { fileName: 'a.jsonld', contentBase64: json.toString('base64') });
    const back = await ours.w.ok('export:import', { fileName: 'a.jsonld', contentBase64: json.toString('base64') });
    expect(back).toMatchObject({ annotationsAdded: 0, annotationsDuplicate: 5, conflicts: 0 });
  });

  it('a colleague who gives one passage two codes is not in conflict with themself', async () => {
    const ours = await fixture({ analyst: 'Ana' });
    const doc = JSON.parse((await exportAs(ours, 'annotations-jsonld')).text);
    const item = structuredClone(doc.first.items[0]);
    item.id = 'urn:parley:annotation:second-code';
    item.body[0].value = 'THREAT.GENERIC';
    item.body[1].source = 'urn:parley:code:THREAT.GENERIC';
    doc.first.items.push(item);
    doc['parley:codebook'].push({
      'parley:key': 'THREAT.GENERIC',
      'parley:name': 'Generic threat',
      'parley:parent': 'THREAT',
      'parley:weight': -4.4,
    });
    const fresh = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
    open.push(fresh);
    const s = await fresh.ok('export:import', { fileName: 'b.jsonld', contentBase64: Buffer.from(JSON.stringify(doc)).toString('base64') });
    expect(s).toMatchObject({ annotationsAdded: 6, conflicts: 0 });
    // Into ours, the second code on that passage differs from our tag: one conflict, both kept.
    const back = await ours.w.ok('export:import', {
      fileName: 'b.jsonld',
      contentBase64: Buffer.from(JSON.stringify(doc)).toString('base64'),
    });
    expect(back).toMatchObject({ annotationsAdded: 1, annotationsDuplicate: 5, conflicts: 1 });
  });
});
