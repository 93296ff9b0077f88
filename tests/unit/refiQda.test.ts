import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAs, exportFixture, HOSTILE, type ExportFixture } from '../helpers/exportFixture';
import { openTestWorkspace, rowCounts, tempDir } from '../helpers/workspace';

const SCHEMAS = path.resolve(__dirname, '../fixtures/refi-qda');

function xmllint(schema: string, file: string) {
  return spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, schema), file], { encoding: 'utf8' });
}

describe('REFI-QDA exchange', () => {
  let f: ExportFixture;
  let dir: string;
  beforeEach(async () => {
    f = await exportFixture({ analyst: 'Ana Lyst' });
    dir = tempDir('parley-qda-');
  });
  afterEach(() => {
    f.w.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the .qdpx holds project.qde valid against Project-mrt2019.xsd and the source texts', async () => {
    const { bytes, fileName } = await exportAs(f, 'qdpx');
    expect(fileName).toBe('parley-usa-ind-2026-06-15.qdpx');
    const files = unzipSync(bytes);
    const qde = strFromU8(files['project.qde']!);
    fs.writeFileSync(path.join(dir, 'project.qde'), qde);
    const r = xmllint('Project-mrt2019.xsd', path.join(dir, 'project.qde'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('validates');
    const sources = Object.keys(files).filter((n) => n.startsWith('sources/'));
    expect(sources).toHaveLength(2);
    expect(sources.map((n) => strFromU8(files[n]!)).join('')).toContain(HOSTILE.rtlArabic);
    expect(qde).toContain('color="#e5484d"');
    expect((qde.match(/<PlainTextSelection /g) ?? []).length).toBe(5);
    expect((qde.match(/<Note /g) ?? []).length).toBe(4);
    expect(qde).toContain('&lt;script&gt;');
    expect(qde).not.toContain('<script');
    expect(qde).toContain('<User guid="');
    expect(qde).toContain('name="Ana Lyst"');
  });

  it('the codebook alone (.qdc) is valid against Codebook.xsd', async () => {
    const { text } = await exportAs(f, 'qdc');
    fs.writeFileSync(path.join(dir, 'c.qdc'), text);
    const r = xmllint('Codebook.xsd', path.join(dir, 'c.qdc'));
    expect(r.status, r.stderr).toBe(0);
    expect((text.match(/<Code /g) ?? []).length).toBe((await f.w.ok('codebook:list', {})).length);
  });

  it("importing the .qdpx brings a colleague's coding in: same texts, codes, notes, directions and coder", async () => {
    const { bytes } = await exportAs(f, 'qdpx');
    const before = await exportAs(f, 'annotations-jsonld');
    const other = openTestWorkspace({ now: new Date('2026-06-15T12:00:00') });
    try {
      await other.ok('export:analyst', { name: 'Ana Lyst' });
      const summary = await other.ok('export:import', { fileName: 'colleague.qdpx', contentBase64: bytes.toString('base64') });
      expect(summary).toMatchObject({ articlesAdded: 2, annotationsAdded: 5, annotationsDuplicate: 0, conflicts: 0, skipped: [] });
      const rel = (await other.ok('relationships:list', {}))[0]!;
      const after = await other.ok('export:file', { relationshipId: rel.id, format: 'annotations-jsonld' });
      expect(after.content).toBe(before.text);
    } finally {
      other.close();
    }
  });

  it('a project from another tool, without Parley directions, is imported with every gap said', async () => {
    // Shaped as QualCoder writes it: codes without Parley metadata, positions in characters.
    const text = 'Émissaires: “We will respond with force” 🚀 said the envoy.';
    const start = Array.from(text.slice(0, text.indexOf('We will'))).length;
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="colleague" origin="QualCoder">
<Users><User guid="11111111-1111-4111-8111-111111111111" name="Colleague"/></Users>
<CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="Threat" isCodable="true" color="#FF0000"/><Code guid="55555555-5555-4555-8555-555555555555" name="Menace" isCodable="true" color="#00FF00"/></Codes></CodeBook>
<Sources><TextSource guid="33333333-3333-4333-8333-333333333333" name="Envoy" plainTextPath="internal://33333333-3333-4333-8333-333333333333.txt">
<PlainTextSelection guid="44444444-4444-4444-8444-444444444444" startPosition="${start}" endPosition="${start + 'We will respond with force'.length}" creatingUser="11111111-1111-4111-8111-111111111111">
<Description>[parley source=IND target=USA]</Description>
<Coding guid="66666666-6666-4666-8666-666666666666" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="77777777-7777-4777-8777-777777777777" startPosition="0" endPosition="10">
<Coding guid="88888888-8888-4888-8888-888888888888"><CodeRef targetGUID="55555555-5555-4555-8555-555555555555"/></Coding>
</PlainTextSelection>
</TextSource></Sources></Project>`;
    fs.writeFileSync(path.join(dir, 'project.qde'), qde);
    expect(xmllint('Project-mrt2019.xsd', path.join(dir, 'project.qde')).status).toBe(0);
    const zip = zipSync({ 'project.qde': strToU8(qde), 'sources/33333333-3333-4333-8333-333333333333.txt': strToU8(text) });
    const summary = await f.w.ok('export:import', { fileName: 'qualcoder.qdpx', contentBase64: Buffer.from(zip).toString('base64') });
    expect(summary.articlesAdded).toBe(1);
    expect(summary.annotationsAdded).toBe(1);
    expect(summary.codesAdded).toBe(1); // "Threat" is matched by name to THREAT; "Menace" is new and kept
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]).toMatch(/no source and target actor/);
    const articles = await f.w.ok('articles:list', {});
    const envoy = articles.items.find((a: { title: string }) => a.title === 'Envoy')!;
    const ann = (await f.w.ok('annotations:list', { articleId: envoy.id }))[0]!;
    expect(ann.exact).toBe('We will respond with force');
    expect(ann.codeId).toBe(f.codes.THREAT);
  });

  it('an archive that would unpack to too much text is refused before inflating', async () => {
    const before = rowCounts(f.w.ctx);
    // 201 MB of zeros compresses to a few hundred kilobytes.
    const zip = zipSync({ 'project.qde': strToU8('<Project/>'), 'sources/big.txt': new Uint8Array(201_000_000) }, { level: 1 });
    expect(zip.length).toBeLessThan(2_000_000);
    const r = await f.w.call('export:import', { fileName: 'bomb.qdpx', contentBase64: Buffer.from(zip).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(rowCounts(f.w.ctx)).toEqual(before);
  });

  it('a file that is not a project is refused and nothing is written', async () => {
    const before = rowCounts(f.w.ctx);
    const r = await f.w.call('export:import', {
      fileName: 'x.qdpx',
      contentBase64: Buffer.from('PK\u0003\u0004garbage').toString('base64'),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const r2 = await f.w.call('export:import', { fileName: 'x.txt', contentBase64: Buffer.from('hello').toString('base64') });
    expect(r2).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(rowCounts(f.w.ctx)).toEqual(before);
  });
});
