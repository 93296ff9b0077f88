/**
 * The analysts' codebook: add, rename, recolour, re-weight, re-parent, merge
 * and delete codes, and share the codebook as JSON. No action here ever loses
 * an annotation: a code in use is only removed by merging it into another.
 * Every change is one undoable change set.
 */
import { z } from 'zod';
import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { Color, type Code } from '../../shared/api/schemas';
import { present } from '../../shared/domain/present';
import * as repo from '../db/codebook';
import type { Db } from '../db/connection';
import { recodeAnnotation } from '../db/annotations';
import type { AppContext } from './context';
import { recordUndoable, type ChangeRecorder } from './undo';

const TOP_LEVEL_KEYS = new Set(['THREAT', 'OVERTURE', 'CONCESSION']);

function requireCode(db: Db, id: number, role = 'code'): Code {
  const c = repo.getCode(db, id);
  if (!c) throw new ApiError('NOT_FOUND', `There is no ${role} with id ${id} in the codebook; it may have been deleted.`);
  return c;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase()
      .slice(0, 40) || 'CODE'
  );
}

function uniqueKey(db: Db, base: string): string {
  let key = base;
  for (let i = 2; repo.getCodeByKey(db, key); i++) key = `${base}_${i}`;
  return key;
}

/** A parent must be a top-level code, so the codebook stays two levels deep (code, subtype). */
function checkParent(db: Db, parentId: number | null, self: Code | null): void {
  if (parentId === null) return;
  const parent = requireCode(db, parentId, 'parent code');
  if (parent.parentId !== null) {
    throw new ApiError('BAD_INPUT', `“${parent.name}” is itself a subtype; a subtype can only be placed under a top-level code.`);
  }
  if (self) {
    if (parent.id === self.id) throw new ApiError('BAD_INPUT', 'A code cannot be its own parent.');
    if (TOP_LEVEL_KEYS.has(self.key)) throw new ApiError('BAD_INPUT', `“${self.name}” is one of the three top-level codes and stays one.`);
    if (repo.childCodeIds(db, self.id).length > 0) {
      throw new ApiError('BAD_INPUT', `“${self.name}” has subtypes of its own; move them first, then make it a subtype.`);
    }
  }
}

function checkName(db: Db, name: string, parentId: number | null, exceptId: number): void {
  if (repo.codeNameTaken(db, name, parentId, exceptId)) {
    throw new ApiError(
      'CONFLICT',
      `There is already a code named “${name}” ${parentId === null ? 'at the top level' : 'under that parent'}. Pick another name.`,
    );
  }
}

export function createCode(ctx: AppContext, input: OpParsedInput<'codebook:create'>): Code {
  const { db } = ctx.workspace;
  return recordUndoable(ctx, `Add code “${input.name}”`, (rec) => {
    checkParent(db, input.parentId, null);
    checkName(db, input.name, input.parentId, 0);
    const parent = input.parentId === null ? null : requireCode(db, input.parentId, 'parent code');
    const key = uniqueKey(db, parent ? `${parent.key}.${slug(input.name)}` : `USER.${slug(input.name)}`);
    const id = repo.insertCode(db, { ...input, key }, ctx.now().getTime());
    rec.created('codes', 'code', id);
    return requireCode(db, id);
  });
}

export function updateCode(ctx: AppContext, input: OpParsedInput<'codebook:update'>): Code {
  const { db } = ctx.workspace;
  const before = requireCode(db, input.id);
  const what =
    input.name !== undefined && input.name !== before.name
      ? `Rename code “${before.name}” to “${input.name}”`
      : input.weight !== undefined && input.weight !== before.weight
        ? `Re-weight code “${before.name}” to ${input.weight}`
        : input.color !== undefined && input.color !== before.color
          ? `Recolour code “${before.name}”`
          : `Change code “${before.name}”`;
  return recordUndoable(ctx, what, (rec) => {
    const next = {
      name: input.name ?? before.name,
      parentId: input.parentId === undefined ? before.parentId : input.parentId,
      weight: input.weight ?? before.weight,
      color: input.color ?? before.color,
      description: input.description ?? before.description,
    };
    if (next.parentId !== before.parentId) checkParent(db, next.parentId, before);
    checkName(db, next.name, next.parentId, before.id);
    rec.willChange('codes', 'code', before.id);
    repo.updateCodeRow(db, before.id, next, ctx.now().getTime());
    return requireCode(db, before.id);
  });
}

function moveAnnotations(db: Db, rec: ChangeRecorder, fromId: number, intoId: number, nowMs: number): number {
  const ids = repo.annotationIdsWithCode(db, fromId);
  for (const id of ids) {
    rec.willChange('annotations', 'annotation', id);
    recodeAnnotation(db, id, intoId, nowMs);
  }
  return ids.length;
}

export function mergeCodes(ctx: AppContext, input: OpParsedInput<'codebook:merge'>): OpOutput<'codebook:merge'> {
  const { db } = ctx.workspace;
  const from = requireCode(db, input.fromId);
  const into = requireCode(db, input.intoId);
  if (from.id === into.id) throw new ApiError('BAD_INPUT', 'Pick two different codes to merge.');
  if (TOP_LEVEL_KEYS.has(from.key)) {
    throw new ApiError(
      'BAD_INPUT',
      `“${from.name}” is one of the three top-level codes and cannot be merged away. Merge the other code into it instead.`,
    );
  }
  if (repo.childCodeIds(db, from.id).length > 0) {
    throw new ApiError('BAD_INPUT', `“${from.name}” has subtypes; merge or move them first, then merge “${from.name}”.`);
  }
  const moving = repo.annotationIdsWithCode(db, from.id).length;
  return recordUndoable(ctx, `Merge code “${from.name}” into “${into.name}” (${moving} tag${moving === 1 ? '' : 's'} moved)`, (rec) => {
    const moved = moveAnnotations(db, rec, from.id, into.id, ctx.now().getTime());
    rec.willChange('codes', 'code', from.id);
    repo.deleteCodeRow(db, from.id);
    return { into: requireCode(db, into.id), movedAnnotations: moved };
  });
}

export function deleteCode(ctx: AppContext, id: number): void {
  const { db } = ctx.workspace;
  const code = requireCode(db, id);
  if (TOP_LEVEL_KEYS.has(code.key))
    throw new ApiError('BAD_INPUT', `“${code.name}” is one of the three top-level codes and cannot be deleted.`);
  const children = repo.childCodeIds(db, id).length;
  if (children > 0) {
    throw new ApiError(
      'CONFLICT',
      `“${code.name}” has ${children} subtype${children === 1 ? '' : 's'}. Delete or move them first. Nothing was deleted.`,
    );
  }
  const used = repo.annotationIdsWithCode(db, id).length;
  if (used > 0) {
    throw new ApiError(
      'CONFLICT',
      `${used} tag${used === 1 ? '' : 's'} use${used === 1 ? 's' : ''} “${code.name}”; deleting it would orphan ${used === 1 ? 'it' : 'them'}. ` +
        `Merge “${code.name}” into another code (its tags move there), or re-code them first. Nothing was deleted.`,
    );
  }
  recordUndoable(ctx, `Delete code “${code.name}”`, (rec) => {
    rec.willChange('codes', 'code', id);
    repo.deleteCodeRow(db, id);
  });
}

// ── JSON exchange ───────────────────────────────────────────────────────────

export const CODEBOOK_FORMAT = 'parley-codebook';
const ExchangedCode = z.object({
  key: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  parentKey: z.string().nullable(),
  weight: z.number().min(-10).max(10),
  color: Color,
  description: z.string().max(2000).default(''),
  cameo: z.string().max(20).default(''),
});
const CodebookFile = z.object({ format: z.literal(CODEBOOK_FORMAT), version: z.literal(1), codes: z.array(ExchangedCode).max(2000) });

export function exportCodebook(ctx: AppContext): OpOutput<'codebook:export'> {
  const codes = repo.listCodes(ctx.workspace.db);
  const keyOf = new Map(codes.map((c) => [c.id, c.key]));
  const file = {
    format: CODEBOOK_FORMAT,
    version: 1,
    codes: codes.map((c) => ({
      key: c.key,
      name: c.name,
      parentKey: c.parentId === null ? null : present(keyOf.get(c.parentId), `the parent of code ${c.key}`),
      weight: c.weight,
      color: c.color,
      description: c.description,
      cameo: c.cameo,
    })),
  };
  return {
    fileName: `parley-codebook-${ctx.now().toISOString().slice(0, 10)}.json`,
    mimeType: 'application/json',
    content: `${JSON.stringify(file, null, 2)}\n`,
  };
}

/** Adds the file's new codes and updates those with the same key; never removes a code. */
export function importCodebook(ctx: AppContext, input: OpParsedInput<'codebook:import'>): OpOutput<'codebook:import'> {
  const { db } = ctx.workspace;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.content);
  } catch {
    throw new ApiError('BAD_INPUT', 'This file is not JSON. Pick a codebook exported from Parley (a .json file). Nothing was imported.');
  }
  const file = CodebookFile.safeParse(parsed);
  if (!file.success) {
    const issue = file.error.issues[0];
    throw new ApiError(
      'BAD_INPUT',
      `This is not a Parley codebook file (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'not readable'}). Nothing was imported.`,
    );
  }
  const codes = file.data.codes;
  const keys = new Set(codes.map((c) => c.key));
  // Parents first, so that every subtype finds its parent.
  const ordered = [...codes.filter((c) => c.parentKey === null), ...codes.filter((c) => c.parentKey !== null)];
  return recordUndoable(ctx, `Import codebook (${codes.length} codes)`, (rec) => {
    let added = 0;
    let updated = 0;
    const nowMs = ctx.now().getTime();
    for (const c of ordered) {
      let parentId: number | null = null;
      if (c.parentKey !== null) {
        const parent = repo.getCodeByKey(db, c.parentKey);
        if (!parent) {
          throw new ApiError(
            'BAD_INPUT',
            `The code “${c.name}” names a parent “${c.parentKey}” that is ${keys.has(c.parentKey) ? 'not a top-level code' : 'neither in the file nor in this codebook'}. Nothing was imported.`,
          );
        }
        if (parent.parentId !== null)
          throw new ApiError('BAD_INPUT', `The code “${c.name}” is placed under a subtype (“${parent.name}”). Nothing was imported.`);
        parentId = parent.id;
      }
      const existing = repo.getCodeByKey(db, c.key);
      if (existing) {
        if ((existing.parentId === null) !== (parentId === null) && TOP_LEVEL_KEYS.has(existing.key)) {
          throw new ApiError(
            'BAD_INPUT',
            `The file makes “${existing.name}” a subtype; it is one of the three top-level codes. Nothing was imported.`,
          );
        }
        rec.willChange('codes', 'code', existing.id);
        repo.updateCodeRow(
          db,
          existing.id,
          { name: c.name, parentId, weight: c.weight, color: c.color, description: c.description },
          nowMs,
        );
        updated++;
      } else {
        const id = repo.insertCode(
          db,
          { key: c.key, name: c.name, parentId, weight: c.weight, color: c.color, description: c.description, cameo: c.cameo },
          nowMs,
        );
        rec.created('codes', 'code', id);
        added++;
      }
    }
    return { added, updated };
  });
}
