/**
 * Merge carries what the score depends on, and lists what differs as a
 * conflict the analyst resolves; JSON-LD positions count code points; foreign
 * REFI-QDA projects keep their text exactly and say what was not brought in.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAs, exportFixture, tagNewArticle, type ExportFixture } from '../helpers/exportFixture';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

const b64 = (b: Buffer | Uint8Array | string) => Buffer.from(b).toString('base64');

describe('merge: shared score settings and event groups', () => {
  let f: ExportFixture;
  let other: TestWorkspace;
  beforeEach(async () => {
    f = await exportFixture({ analyst: 'Ana Lyst' });
    other = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
  });
  afterEach(() => {
    f.w.close();
    other.close();
  });

  it('a fresh workspace takes weights, grades, factors and groups; a later difference is a conflict: keep mine or keep theirs (undoable)', async () => {
    const quotes = (await f.w.ok('export:file', { relationshipId: f.relId, format: 'annotations-jsonld' })).content;
    const first = await other.ok('export:import', { fileName: 'a.jsonld', contentBase64: b64(quotes) });
    expect(first.settingConflicts).toBe(0);
    expect(first.codeNames).toEqual([]);

    // The colleague then re-weights a code, grades an outlet, changes a factor and groups two reports.
    const codes = await f.w.ok('codebook:list', {});
    const threat = codes.find((c: { key: string }) => c.key === 'THREAT')!;
    await f.w.ok('codebook:update', { id: threat.id, weight: -3.5 });
    await f.w.ok('outlets:grade', { outlet: 'Harbour Post', grade: 'C' });
    await f.w.ok('reliability:set-factor', { grade: 'C', factor: 0.3 });
    const rows = f.w.ctx.workspace.db.prepare('SELECT id FROM annotations WHERE source_actor_id = ? ORDER BY id').all(f.actors.b) as {
      id: number;
    }[];
    await f.w.ok('events:group', { annotationIds: rows.slice(0, 2).map((r) => r.id), codeId: threat.id });
    const again = (await f.w.ok('export:file', { relationshipId: f.relId, format: 'annotations-jsonld' })).content;
    const second = await other.ok('export:import', { fileName: 'b.jsonld', contentBase64: b64(again) });
    expect(second.skipped).toEqual([]);
    expect(second.settingConflicts).toBe(3); // weight, outlet grade, grouping; the factor of C is unused here, so taken
    expect(second.settingsTaken).toEqual(['Factor of grade C: 0.3 (was 0.6).']);
    const list = await other.ok('setting-conflicts:list', {});
    expect(list.map((c: { label: string; ours: string; theirs: string }) => [c.label, c.ours, c.theirs])).toEqual([
      ['Weight of code THREAT', '-6', '-3.5'],
      ['Grade of outlet “Harbour Post”', 'ungraded', 'C'],
      [expect.stringMatching(/^Grouping of “/), 'not grouped', expect.stringMatching(/^one event of 2 passages, Threat, 2026-05-2\d$/)],
    ]);

    const rel = (await other.ok('relationships:list', {}))[0]!;
    const before = await other.ok('score:series', { relationshipId: rel.id, toDate: '2026-06-15' });
    // Keep mine for the grade; keep theirs for the weight and the grouping.
    await other.ok('setting-conflicts:resolve', { id: list[1]!.id, keep: 'ours' });
    await other.ok('setting-conflicts:resolve', { id: list[0]!.id, keep: 'theirs' });
    await other.ok('setting-conflicts:resolve', { id: list[2]!.id, keep: 'theirs' });
    expect(await other.ok('setting-conflicts:list', {})).toEqual([]);
    const otherCodes = await other.ok('codebook:list', {});
    expect(otherCodes.find((c: { key: string }) => c.key === 'THREAT')!.weight).toBe(-3.5);
    const theirs = await f.w.ok('score:series', { relationshipId: f.relId, toDate: '2026-06-15' });
    const mine = await other.ok('score:series', { relationshipId: rel.id, toDate: '2026-06-15' });
    // Their grade was not kept, so Harbour Post's passage counts 1 here and 0.3 there: the only difference.
    expect(mine.current.combined.R).not.toBeCloseTo(before.current.combined.R, 6);
    expect(mine.current.combined.A).toBeCloseTo(theirs.current.combined.A, 9);
    // Undo takes the grouping back, then the weight.
    await other.ok('history:undo', {});
    await other.ok('history:undo', {});
    expect((await other.ok('codebook:list', {})).find((c: { key: string }) => c.key === 'THREAT')!.weight).toBe(-6);
    expect((await other.ok('setting-conflicts:list', {})).length).toBe(2);
  });

  it('JSON-LD TextPositionSelector counts code points: Python slices every exact quote from the source text', async () => {
    const { text } = await exportAs(f, 'annotations-jsonld');
    // The fixture's texts are BMP-only; add a tag after an emoji so code points and UTF-16 units differ.
    await tagNewArticle(
      f,
      {
        title: 'Emoji',
        outlet: 'X',
        publishedOn: '2026-06-02',
        text: 'Flags 🇺🇸🇮🇳 and a rocket 🚀 came first. Then the envoy warned of sanctions.',
      },
      [{ quote: 'the envoy warned of sanctions', codeId: f.codes.THREAT, sourceActorId: f.actors.a, targetActorId: f.actors.b }],
    );
    const after = (await exportAs(f, 'annotations-jsonld')).text;
    expect(after).not.toBe(text);
    const dir = tempDir('parley-jsonld-');
    try {
      fs.writeFileSync(path.join(dir, 'a.jsonld'), after);
      const py = `
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
texts = {s['id']: s['parley:text'] for s in doc['parley:sources']}
n = 0
for a in doc['first']['items']:
    sel = {s['type']: s for s in a['target']['selector']}
    t = texts[a['target']['source']]
    p, q = sel['TextPositionSelector'], sel['TextQuoteSelector']
    assert t[p['start']:p['end']] == q['exact'], (p, q['exact'])
    n += 1
print(n)
`;
      const r = spawnSync('python3', ['-c', py, path.join(dir, 'a.jsonld')], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('6');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('REFI-QDA from other programs', () => {
  let w: TestWorkspace;
  beforeEach(() => {
    w = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
  });
  afterEach(() => w.close());

  it('keeps a foreign source exactly (line breaks, blank-line runs, spaces), puts selections after them on the same words, and lists the set', async () => {
    // Shaped as MAXQDA writes it: a heading, an author line, single line breaks, runs of blank lines, CR LF, double spaces.
    const text =
      'Talks resume\r\nBy A. Reporter\r\n\r\n\r\n\r\nWashington said on Monday\r\nthat  tariffs would stay.\r\n\r\n\r\n   Indented line.\r\nNew Delhi offered to cut duties 🌾 on farm goods.\r\n\r\nEnd.';
    const quotes = ['that  tariffs would stay', 'New Delhi offered to cut duties 🌾 on farm goods', 'End'];
    const cp = (s: string) => Array.from(s).length;
    const selections = quotes
      .map((q, i) => {
        const at = text.indexOf(q);
        const start = cp(text.slice(0, at));
        return `<PlainTextSelection guid="aaaaaaaa-aaaa-4aaa-8aaa-00000000000${i}" name="s${i}" startPosition="${start}" endPosition="${start + cp(q)}" creatingUser="11111111-1111-4111-8111-111111111111"><Coding guid="bbbbbbbb-bbbb-4bbb-8bbb-00000000000${i}" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="22222222-2222-4222-8222-22222222222${i % 2}"/></Coding></PlainTextSelection>`;
      })
      .join('');
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="probe" origin="MAXQDA 24">
<Users><User guid="11111111-1111-4111-8111-111111111111" name="Probe"/></Users>
<CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222220" name="Trade" isCodable="true" color="#AA3300"><Description>Trade measures</Description><Code guid="22222222-2222-4222-8222-222222222221" name="Tariffs" isCodable="true" color="#FF8800"/></Code></Codes></CodeBook>
<Sources><TextSource guid="33333333-3333-4333-8333-333333333333" name="Talks resume" plainTextPath="internal://33333333-3333-4333-8333-333333333333.txt">${selections}</TextSource></Sources>
<Sets><Set guid="44444444-4444-4444-8444-444444444444" name="Wave 1"><MemberSource targetGUID="33333333-3333-4333-8333-333333333333"/></Set></Sets>
</Project>`;
    const zip = zipSync({ 'project.qde': strToU8(qde), 'sources/33333333-3333-4333-8333-333333333333.txt': strToU8(text) });
    const s = await w.ok('export:import', { fileName: 'probe.qdpx', contentBase64: b64(zip) });
    expect(s.codeNames).toEqual(['Trade', 'Tariffs']);
    expect(s.skipped).toContain('The set “Wave 1” (1 source, 0 codes) was not brought in: Parley has no sets.');
    const stored = w.ctx.workspace.db.prepare("SELECT text FROM articles WHERE title = 'Talks resume'").get() as { text: string };
    expect(stored.text).toBe(text.replace(/\r\n/g, '\n'));
    // Without a direction the selections wait for the analyst; each is listed, on its own words.
    for (const q of quotes) expect(s.skipped.some((l: string) => l.includes(`“${q.slice(0, 60)}”`))).toBe(true);
    const codes = await w.ok('codebook:list', {});
    const trade = codes.find((c: { name: string }) => c.name === 'Trade')!;
    expect(codes.find((c: { name: string }) => c.name === 'Tariffs')).toMatchObject({ parentId: trade.id, color: '#FF8800' });
    expect(trade.description).toBe('Trade measures');
  });

  it('imports a .qdc codebook with its hierarchy, colours and descriptions', async () => {
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo"><Codes>
<Code guid="55555555-5555-4555-8555-555555555550" name="Security" isCodable="true" color="#112233"><Description>Defence and force</Description>
<Code guid="55555555-5555-4555-8555-555555555551" name="Naval posture" isCodable="true" color="#445566"><Description>Ships, drills</Description></Code></Code>
</Codes></CodeBook>`;
    const s = await w.ok('export:import', { fileName: 'book.qdc', contentBase64: b64(qdc) });
    expect(s).toMatchObject({ codesAdded: 2, codeNames: ['Security', 'Naval posture'], annotationsAdded: 0, skipped: [] });
    const codes = await w.ok('codebook:list', {});
    const sec = codes.find((c: { name: string }) => c.name === 'Security')!;
    expect(sec).toMatchObject({ color: '#112233', description: 'Defence and force', parentId: null, weight: 0 });
    expect(codes.find((c: { name: string }) => c.name === 'Naval posture')).toMatchObject({
      parentId: sec.id,
      description: 'Ships, drills',
    });
    const bad = await w.call('export:import', { fileName: 'broken.qdc', contentBase64: b64('<CodeBook><Codes><Code') });
    expect(bad.ok).toBe(false);
  });
});

describe('one entry point: the CLI import command routes exchange files to the merge reader', () => {
  it('`import` merges a .qdc and a .qdpx (naming the codes added) and imports a text file beside them', async () => {
    const cli = path.resolve(__dirname, '../../dist/main/cli.cjs');
    expect(fs.existsSync(cli), 'dist/main/cli.cjs is built by node scripts/build.mjs').toBe(true);
    const f = await exportFixture({ analyst: 'Ana Lyst' });
    const dir = tempDir('parley-cli-merge-');
    try {
      fs.writeFileSync(path.join(dir, 'colleague.qdpx'), (await exportAs(f, 'qdpx')).bytes);
      fs.writeFileSync(
        path.join(dir, 'book.qdc'),
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="55555555-5555-4555-8555-555555555550" name="Cyber" isCodable="true"/></Codes></CodeBook>',
      );
      fs.writeFileSync(path.join(dir, 'note.txt'), 'September 6, 2025\n\nIndia and the United States met in Geneva on Monday.');
      const workspace = path.join(dir, 'w.sqlite');
      const r = spawnSync(
        process.execPath,
        [cli, 'import', path.join(dir, 'colleague.qdpx'), path.join(dir, 'book.qdc'), path.join(dir, 'note.txt'), '--workspace', workspace],
        { encoding: 'utf8', env: { ...process.env, PARLEY_NO_SAMPLE: '1' } },
      );
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Annotations: 5 added');
      expect(r.stdout).toContain('Codes added (1): Cyber.');
      expect(r.stdout).toContain('1 imported, 0 not imported, of 1 file(s).');
    } finally {
      f.w.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
