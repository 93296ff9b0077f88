/**
 * REFI-QDA carries the coder layers (issue 16): the .qdpx names each coder a
 * User and each coding its creatingUser (the analyst, the colleague, the
 * consensus), validates against the REFI-QDA schema, and reading it back
 * restores the layers, the adjudicated article and the score. Real SQLite
 * workspaces, real xmllint.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSENSUS_LAYER, coderLayer } from '../../shared/agreement/layers';
import { setLayer } from '../../main/db/layers';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../helpers/workspace';

const SCHEMA = path.resolve(__dirname, '../fixtures/refi-qda/Project-mrt2019.xsd');
const NOW = new Date('2026-06-15T12:00:00');
const S1 = 'Washington warned New Delhi of tariffs.';
const S2 = 'New Delhi offered talks.';
const S3 = 'Washington eased visa rules.';
const TEXT = `${S1} ${S2}\n\n${S3}`;
const PRIYA = coderLayer('Priya');

let w: TestWorkspace;
let others: TestWorkspace[];
let dir: string;
let rel: { id: number; actorA: { id: number }; actorB: { id: number } };

beforeEach(async () => {
  w = openTestWorkspace({ now: NOW });
  others = [];
  dir = tempDir('parley-qdpx-layers-');
  await w.ok('export:analyst', { name: 'Asha' });
  rel = (await w.ok('relationships:list', {}))[0]!;
  const codes: { id: number; key: string }[] = await w.ok('codebook:list', {});
  const codeId = (key: string) => codes.find((c) => c.key === key)!.id;
  const articleId = (await w.ok('articles:create', { title: 'Talks', publishedOn: '2026-06-01', relationshipId: rel.id, text: TEXT })).id;
  const tag = async (sentence: string, code: string) => {
    const start = TEXT.indexOf(sentence);
    const a = {
      articleId,
      start,
      end: start + sentence.length,
      codeId: codeId(code),
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
    };
    return (await w.ok('annotations:create', a)).id as number;
  };
  // Priya's layer first (a passage of one's own with the same tag would be refused while still one's own).
  for (const [s, code] of [
    [S1, 'THREAT'],
    [S2, 'CONCESSION'],
    [S3, 'CONCESSION'],
  ] as const)
    setLayer(w.ctx.workspace.db, await tag(s, code), PRIYA, false);
  await tag(S1, 'THREAT');
  await tag(S2, 'OVERTURE');
  // Adjudicate sentence 2: take Priya's concession. The agreed threat comes along into the consensus.
  const list = await w.ok('adjudication:list', { layerB: PRIYA });
  const other = list.items.find((i) => i.kind === 'other-code')!;
  await w.ok('adjudication:settle', { layerB: PRIYA, articleId, aId: other.a!.id, bId: other.b!.id, decision: 'take-b' });
});
afterEach(() => {
  for (const o of others) o.close();
  w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function qdpx(ws: TestWorkspace): Promise<Buffer> {
  const relId = (await ws.ok('relationships:list', {}))[0]!.id;
  const r = await ws.ok('export:file', { relationshipId: relId, format: 'qdpx', fromDate: '2026-05-01' });
  return Buffer.from(r.content, 'base64');
}
const layerCounts = async (ws: TestWorkspace) =>
  Object.fromEntries((await ws.ok('layers:list', {})).map((l: { key: string; passages: number }) => [l.key, l.passages]));
const M = async (ws: TestWorkspace) => {
  const relId = (await ws.ok('relationships:list', {}))[0]!.id;
  return (await ws.ok('score:series', { relationshipId: relId, fromDate: '2026-06-01', toDate: '2026-06-01' })).combined.M[0];
};
async function readInto(name: string | null, bytes: Buffer): Promise<TestWorkspace> {
  const fresh = openTestWorkspace({ now: NOW });
  others.push(fresh);
  if (name) await fresh.ok('export:analyst', { name });
  const summary = await fresh.ok('export:import', { fileName: 'asha.qdpx', contentBase64: bytes.toString('base64') });
  expect(summary.skipped).toEqual([]);
  return fresh;
}

describe('.qdpx with coder layers', () => {
  it('names each coder a User and each coding its creatingUser, valid against the REFI-QDA schema', async () => {
    expect(await layerCounts(w)).toEqual({ own: 2, [PRIYA]: 3, [CONSENSUS_LAYER]: 2 });
    const qde = strFromU8(unzipSync(await qdpx(w))['project.qde']!);
    const file = path.join(dir, 'project.qde');
    fs.writeFileSync(file, qde);
    const lint = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    expect(lint.stderr).toContain('validates');
    const users = new Map([...qde.matchAll(/<User guid="([^"]+)" name="([^"]+)"\/>/g)].map((m) => [m[1]!, m[2]!]));
    expect([...users.values()].sort()).toEqual(['Asha', 'Consensus', 'Priya']);
    const byUser: Record<string, number> = {};
    for (const m of qde.matchAll(/<Coding guid="[^"]+" creatingUser="([^"]+)"/g))
      byUser[users.get(m[1]!)!] = (byUser[users.get(m[1]!)!] ?? 0) + 1;
    expect(byUser).toEqual({ Asha: 2, Priya: 3, Consensus: 2 });
    // Seven selections, each GUID once, though three pairs share a span and code across layers.
    const guids = [...qde.matchAll(/<PlainTextSelection guid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(guids).size).toBe(7);
    expect(qde).toContain('adjudicated=1');
  });

  it('reading it back restores the layers, the adjudicated article and the score, and exports the same file', async () => {
    const bytes = await qdpx(w);
    const fresh = await readInto(null, bytes);
    expect(await layerCounts(fresh)).toEqual({ own: 2, [PRIYA]: 3, [CONSENSUS_LAYER]: 2 });
    // The consensus (threat −6, concession +5) is what the score reads, as in Asha's workspace.
    expect(await M(w)).toBeCloseTo(-0.5, 12);
    expect(await M(fresh)).toBeCloseTo(-0.5, 12);
    const report = await fresh.ok('agreement:report', { unit: 'sentence' });
    expect(report.layers.map((l: { key: string }) => l.key)).toEqual(['own', PRIYA]);
    const strip = (b: Buffer) =>
      Object.fromEntries(
        Object.entries(unzipSync(b)).map(([n, d]) => [n, strFromU8(d).replace(/ (creation|modified)DateTime="[^"]*"/g, '')]),
      );
    expect(strip(await qdpx(fresh))).toEqual(strip(bytes));
    // Read again into the same workspace: every passage is a duplicate, nothing moves.
    const again = await fresh.ok('export:import', { fileName: 'asha.qdpx', contentBase64: bytes.toString('base64') });
    expect(again).toMatchObject({ annotationsAdded: 0, annotationsDuplicate: 7, conflicts: 0 });
  });

  it('into Priya’s own workspace, her coding is her own layer and Asha’s is Asha’s', async () => {
    const priya = await readInto('Priya', await qdpx(w));
    expect(await layerCounts(priya)).toEqual({ own: 3, [coderLayer('Asha')]: 2, [CONSENSUS_LAYER]: 2 });
    expect(await M(priya)).toBeCloseTo(-0.5, 12);
  });
});
