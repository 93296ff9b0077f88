/**
 * The round-trip law of issue 14: for random workspaces (codes, subtypes,
 * re-weights, grades and factors, event groups, deletions, emoji and
 * right-to-left text), export → merge into an empty workspace gives the same
 * score series (to 1e-9), and exporting again gives the same file up to
 * timestamps — for .qdpx, JSON-LD and the workspace file. A few cases run in
 * `npm test`; PARLEY_ROUNDTRIP_RUNS=200 runs more.
 */
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const RUNS = Number(process.env.PARLEY_ROUNDTRIP_RUNS ?? 4);
const NOW = new Date('2026-06-15T12:00:00');

const SENTENCES = [
  'Washington warned of sanctions if the talks stalled.',
  'New Delhi offered to cut duties on farm goods 🌾.',
  'השגריר אמר כי הסנקציות יוסרו.',
  'قال الوزير إن المحادثات ستستأنف.',
  'The envoy praised the 🇮🇳 delegation for its patience.',
  'भारत ने वार्ता फिर से शुरू करने की पेशकश की।',
  'Officials said troops would pull back from the border.',
];
const OUTLETS = ['Harbour Post', 'Reuters', 'द हिन्दू'];
const CODE_KEYS = ['THREAT', 'THREAT.NONFORCE', 'OVERTURE', 'CONCESSION', 'CONCESSION.VERBAL', 'NEW'];

const spec = fc.record({
  articles: fc.array(
    fc.record({
      sentences: fc.uniqueArray(fc.nat(SENTENCES.length - 1), { minLength: 2, maxLength: 5 }),
      outlet: fc.nat(OUTLETS.length - 1),
      day: fc.nat(40),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  tags: fc.array(
    fc.record({
      article: fc.nat(10),
      sentence: fc.nat(10),
      code: fc.nat(CODE_KEYS.length - 1),
      ba: fc.boolean(),
      confidence: fc.constantFrom(1, 0.8, 0.5),
      dayShift: fc.nat(5),
    }),
    { minLength: 2, maxLength: 7 },
  ),
  reweight: fc.array(fc.record({ code: fc.nat(CODE_KEYS.length - 1), weight: fc.integer({ min: -100, max: 100 }) }), { maxLength: 2 }),
  grades: fc.array(fc.record({ outlet: fc.nat(OUTLETS.length - 1), grade: fc.constantFrom('A', 'B', 'C', 'F') }), { maxLength: 2 }),
  factor: fc.option(fc.record({ grade: fc.constantFrom('B', 'C'), factor: fc.constantFrom(0.7, 0.25) }), { nil: undefined }),
  group: fc.boolean(),
  deleteOne: fc.option(fc.nat(10), { nil: undefined }),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

async function build(s: Spec): Promise<{ w: TestWorkspace; relId: number }> {
  const w = openTestWorkspace({ now: NOW });
  await w.ok('export:analyst', { name: 'Ana Lyst' });
  const rel = (await w.ok('relationships:list', {}))[0]!;
  let codes = await w.ok('codebook:list', {});
  const threat = codes.find((c: { key: string }) => c.key === 'THREAT')!;
  await w.ok('codebook:create', {
    name: 'Naval drill',
    color: '#123456',
    weight: -6.6,
    parentId: threat.id,
    description: 'A show of force 🚢',
  });
  codes = await w.ok('codebook:list', {});
  const codeId = (i: number) =>
    codes.find((c: { key: string }) => (CODE_KEYS[i] === 'NEW' ? c.key.startsWith('THREAT.NAVAL') : c.key === CODE_KEYS[i]))!.id;
  const articles = [];
  for (const [i, a] of s.articles.entries()) {
    const parts = a.sentences.map((k) => SENTENCES[k]!);
    const text = parts.join('\n\n');
    const day = String(1 + (a.day % 28)).padStart(2, '0');
    const created = await w.ok('articles:create', {
      title: `Dispatch ${i} ✈️`,
      outlet: OUTLETS[a.outlet],
      url: '',
      publishedOn: `2026-0${4 + Math.floor(a.day / 28)}-${day}`,
      relationshipId: rel.id,
      text,
    });
    const stored = (await w.ok('articles:get', { id: created.id })).text as string;
    articles.push({ id: created.id, parts, text: stored, publishedOn: created.publishedOn as string });
  }
  const ids: { id: number; direction: boolean; codeId: number }[] = [];
  const used = new Set<string>();
  for (const t of s.tags) {
    const a = articles[t.article % articles.length]!;
    const sentence = a.parts[t.sentence % a.parts.length]!;
    const start = a.text.indexOf(sentence);
    const key = `${a.id}:${start}:${t.ba}`;
    if (used.has(key)) continue;
    used.add(key);
    const [src, tgt] = t.ba ? [rel.actorB.id, rel.actorA.id] : [rel.actorA.id, rel.actorB.id];
    const eventDay = String(1 + ((Number(a.publishedOn.slice(8)) + t.dayShift) % 28)).padStart(2, '0');
    const created = await w.ok('annotations:create', {
      articleId: a.id,
      start,
      end: start + sentence.length,
      codeId: codeId(t.code),
      sourceActorId: src,
      targetActorId: tgt,
      confidence: t.confidence,
      eventDate: `${a.publishedOn.slice(0, 8)}${eventDay}`,
      note: t.code % 2 ? 'See https://example.com/x and **this** 🙂' : '',
    });
    ids.push({ id: created.id, direction: t.ba, codeId: codeId(t.code) });
  }
  for (const r of s.reweight) await w.ok('codebook:update', { id: codeId(r.code), weight: r.weight / 10 });
  const outlets = s.articles.map((a) => OUTLETS[a.outlet]!);
  for (const g of s.grades) await w.ok('outlets:grade', { outlet: outlets[g.outlet % outlets.length]!, grade: g.grade });
  if (s.factor) await w.ok('reliability:set-factor', s.factor);
  if (s.group) {
    const same = ids.filter((x) => x.direction === ids[0]!.direction).slice(0, 3);
    if (same.length >= 2) await w.ok('events:group', { annotationIds: same.map((x) => x.id), codeId: same[0]!.codeId });
  }
  if (s.deleteOne !== undefined && ids.length > 2) await w.ok('annotations:delete', { id: ids[s.deleteOne % ids.length]!.id });
  return { w, relId: rel.id };
}

type Format = 'qdpx' | 'annotations-jsonld' | 'workspace';

async function exportBytes(w: TestWorkspace, relId: number, format: Format): Promise<Buffer> {
  if (format === 'workspace') {
    const b = await w.ok('backup:create', {});
    return fs.readFileSync(b.path);
  }
  const r = await w.ok('export:file', { relationshipId: relId, format });
  return r.encoding === 'base64' ? Buffer.from(r.content, 'base64') : Buffer.from(r.content, 'utf8');
}

/** The file's content with export timestamps taken out (what "the same file up to timestamps" compares). */
function comparable(format: Format, bytes: Buffer): unknown {
  if (format === 'annotations-jsonld') {
    const doc = JSON.parse(bytes.toString('utf8'));
    delete doc.generated;
    return doc;
  }
  const files = unzipSync(bytes);
  return Object.fromEntries(
    Object.entries(files).map(([name, data]) => [name, strFromU8(data).replace(/ (creation|modified)DateTime="[^"]*"/g, '')]),
  );
}

async function series(w: TestWorkspace, relId: number) {
  return w.ok('score:series', { relationshipId: relId, fromDate: '2026-03-01', toDate: '2026-06-15', halfLifeDays: 14 });
}

function expectSameSeries(a: any, b: any) {
  for (const part of ['ab', 'ba', 'combined'] as const)
    for (const fig of ['R', 'A'] as const) {
      const x = a[part][fig] as number[];
      const y = b[part][fig] as number[];
      expect(y.length).toBe(x.length);
      x.forEach((v, i) => expect(Math.abs(v - y[i]!), `${part}.${fig}[${i}]`).toBeLessThan(1e-9));
    }
}

describe('exchange round trip: export → merge into an empty workspace → the same score and the same file', () => {
  for (const format of ['qdpx', 'annotations-jsonld', 'workspace'] as const) {
    it(`${format}`, async () => {
      await fc.assert(
        fc.asyncProperty(spec, async (s) => {
          const { w, relId } = await build(s);
          const fresh = openTestWorkspace({ now: NOW });
          try {
            const bytes = await exportBytes(w, relId, format);
            const summary = await fresh.ok('export:import', { fileName: `colleague.${format}`, contentBase64: bytes.toString('base64') });
            expect(summary.skipped).toEqual([]);
            expect(summary.settingConflicts).toBe(0);
            const freshRel = (await fresh.ok('relationships:list', {}))[0]!;
            expectSameSeries(await series(w, relId), await series(fresh, freshRel.id));
            // Export again: a workspace file is compared through its JSON-LD (row ids and SQLite pages differ by nature).
            const againFormat = format === 'workspace' ? 'annotations-jsonld' : format;
            const original = comparable(againFormat, await exportBytes(w, relId, againFormat));
            const again = comparable(againFormat, await exportBytes(fresh, freshRel.id, againFormat));
            expect(again).toEqual(original);
          } finally {
            fresh.close();
            w.close();
          }
        }),
        { numRuns: RUNS, seed: 14 },
      );
    }, 120_000);
  }
});
