/**
 * Hostile input: every API operation gets 10,000 random and malformed
 * payloads through the real dispatcher. Each answer must be an envelope; a
 * refusal must carry a typed error (never INTERNAL, which would mean an
 * unhandled failure) and write nothing; a success must match the contract's
 * output schema. The process staying alive is the rest of the proof.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES } from '../../shared/api/contract';
import { ERROR_CODES } from '../../shared/api/errors';
import { recordFigures } from '../helpers/figures';
import { openTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const CASES_PER_OPERATION = 10_000;
const VALID_CAP = 300;

// fsync is not what is under test here: keep the workspace in memory-backed storage when there is one.
const dir = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/parley-fuzz-') : fs.mkdtempSync(path.join(os.tmpdir(), 'parley-fuzz-'));
let w: TestWorkspace;
const tally: Record<string, { ok: number; validRun: number; refused: Record<string, number> }> = {};

beforeAll(() => {
  w = openTestWorkspace({ sample: true, dir, now: new Date('2026-06-15T12:00:00') });
});
afterAll(() => {
  w.close();
  recordFigures('api-fuzz', { casesPerOperation: CASES_PER_OPERATION, operations: OPERATION_NAMES.length, tally });
});

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x.example")',
    '\u202eevil',
    '../../etc/passwd',
    'null',
    '__proto__',
    '2026-06-01',
    '2999-01-01',
    '2026-02-30',
    'USA',
    'x'.repeat(600),
  ),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -0),
  hostileString,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

/** Objects with the operation's own field names (so parsing gets past the first check) and hostile values. */
function nearValid(op: (typeof OPERATION_NAMES)[number]): fc.Arbitrary<unknown> {
  const shape = (contract[op].input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = Object.keys(shape);
  if (keys.length === 0) return fc.constant({});
  return fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), anyValue, { maxKeys: keys.length + 2 });
}

const small = (max: number) => fc.integer({ min: 0, max });
const date = fc.constantFrom('2026-06-01', '2026-05-20', '2026-06-15', '2026-06-16', '2026-06-17', '1999-12-31');
/** Valid values for each operation's fields, so that mutated payloads reach the handlers and the database. */
const VALID_FIELDS: Partial<Record<(typeof OPERATION_NAMES)[number], Record<string, fc.Arbitrary<unknown>>>> = {
  'articles:get': { id: small(12) },
  'articles:delete': { id: small(12) },
  'articles:create': {
    title: fc.oneof(fc.string({ minLength: 1 }), hostileString),
    publishedOn: date,
    text: fc.oneof(fc.string(), fc.lorem({ maxCount: 30 }), hostileString),
    outlet: hostileString,
    url: fc.oneof(fc.webUrl(), hostileString),
    relationshipId: fc.oneof(small(5), fc.constant(null)),
  },
  'annotations:list': { articleId: small(12) },
  'annotations:create': {
    articleId: small(12),
    start: small(400),
    end: small(400),
    codeId: small(20),
    sourceActorId: small(8),
    targetActorId: small(8),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    eventDate: date,
    note: hostileString,
  },
  'annotations:update': {
    id: small(40),
    codeId: small(20),
    sourceActorId: small(8),
    targetActorId: small(8),
    eventDate: date,
    note: hostileString,
  },
  'annotations:delete': { id: small(40) },
  'score:series': {
    relationshipId: small(5),
    halfLifeDays: fc.oneof(fc.constantFrom(7, 30, 90), fc.double({ min: 0.01, max: 3650, noNaN: true })),
    fromDate: date,
    toDate: date,
  },
  'score:evidence': { relationshipId: small(5), date, halfLifeDays: fc.constantFrom(7, 30, 90), limit: small(600) },
  'report:export': {
    relationshipId: small(5),
    format: fc.constantFrom('html', 'md', 'csv', 'json', 'pdf'),
    halfLifeDays: fc.constantFrom(7, 30),
  },
};

/** A valid payload with some fields left out or replaced by hostile values. */
function mutated(op: (typeof OPERATION_NAMES)[number]): fc.Arbitrary<unknown> {
  const fields = VALID_FIELDS[op];
  if (!fields) return nearValid(op);
  const entries = Object.entries(fields).map(
    ([k, valid]) => [k, fc.option(fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: anyValue, weight: 1 }), { freq: 5 })] as const,
  );
  return fc.record(Object.fromEntries(entries)).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)));
}

// Destructive operations last, so that the others still find articles and tags to work on.
const DESTRUCTIVE: readonly string[] = ['annotations:delete', 'articles:delete', 'sample:remove'];
const ORDER = [
  ...OPERATION_NAMES.filter((op) => !DESTRUCTIVE.includes(op)),
  ...DESTRUCTIVE.filter((op): op is (typeof OPERATION_NAMES)[number] => (OPERATION_NAMES as readonly string[]).includes(op)),
];

describe('every operation under random and malformed payloads', () => {
  for (const op of ORDER) {
    it(`${op}: ${CASES_PER_OPERATION.toLocaleString('en')} cases, typed errors, nothing written on refusal`, async () => {
      const db = w.ctx.workspace.db;
      const totalChanges = db.prepare('SELECT total_changes()').pluck();
      const counts: { ok: number; validRun: number; refused: Record<string, number> } = (tally[op] = { ok: 0, validRun: 0, refused: {} });
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), nearValid(op), mutated(op), mutated(op), mutated(op)), async (payload) => {
          // Payloads the schema accepts do real work (a backup, a PDF); the first VALID_CAP of them are run,
          // and fast-check draws other (hostile) cases in place of the rest, so every operation still gets
          // CASES_PER_OPERATION cases.
          const valid = contract[op].input.safeParse(payload).success;
          fc.pre(!valid || counts.validRun < VALID_CAP);
          if (valid) counts.validRun++;
          const before = totalChanges.get();
          const r = await w.call(op, payload);
          if (r.ok) {
            counts.ok++;
            return;
          }
          counts.refused[r.error.code] = (counts.refused[r.error.code] ?? 0) + 1;
          expect(ERROR_CODES).toContain(r.error.code);
          expect(r.error.code).not.toBe('INTERNAL');
          expect(r.error.message.length).toBeGreaterThan(10);
          expect(totalChanges.get()).toBe(before);
        }),
        { numRuns: CASES_PER_OPERATION, seed: 7, maxSkipsPerRun: 1000 },
      );
    }, 300_000);
  }
});
