/** The actors registry (name, short code, aliases) and relationships; every change is undoable. */
import type { OpParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Actor, Relationship } from '../../shared/api/schemas';
import * as repo from '../db/actors';
import type { Db } from '../db/connection';
import type { AppContext } from './context';
import { recordUndoable } from './undo';
import { present } from '../../shared/domain/present';

function requireActor(db: Db, id: number): Actor {
  const a = repo.getActor(db, id);
  if (!a) throw new ApiError('NOT_FOUND', `There is no actor with id ${id}; it may have been deleted.`);
  return a;
}

function checkCode(db: Db, code: string, exceptId: number): void {
  const owner = repo.actorIdByCode(db, code);
  if (owner !== null && owner !== exceptId) {
    throw new ApiError('CONFLICT', `The short code ${code} is already used by ${requireActor(db, owner).name}. Pick another code.`);
  }
}

function checkAlias(db: Db, alias: string, actorId: number): void {
  const owner = repo.aliasOwner(db, alias);
  if (!owner) return;
  const name = requireActor(db, owner.actorId).name;
  throw new ApiError(
    'CONFLICT',
    owner.actorId === actorId
      ? `“${alias}” is already an alias of ${name}.`
      : `“${alias}” is already an alias of ${name}; an alias names one actor only.`,
  );
}

export function createActor(ctx: AppContext, input: OpParsedInput<'actors:create'>): Actor {
  const { db } = ctx.workspace;
  return recordUndoable(ctx, `Add actor ${input.name} (${input.code})`, (rec) => {
    checkCode(db, input.code, 0);
    const aliases = [...new Set(input.aliases)];
    for (const alias of aliases) checkAlias(db, alias, 0);
    const id = repo.insertActor(db, { code: input.code, name: input.name, aliases: [] }, ctx.now().getTime());
    rec.created('actors', 'actor', id);
    for (const alias of aliases) rec.created('actor_aliases', 'alias', repo.insertAlias(db, id, alias));
    return requireActor(db, id);
  });
}

export function updateActor(ctx: AppContext, input: OpParsedInput<'actors:update'>): Actor {
  const { db } = ctx.workspace;
  const before = requireActor(db, input.id);
  return recordUndoable(ctx, `Change actor ${before.name}`, (rec) => {
    const next = { code: input.code ?? before.code, name: input.name ?? before.name };
    checkCode(db, next.code, before.id);
    rec.willChange('actors', 'actor', before.id);
    repo.updateActorRow(db, before.id, next);
    return requireActor(db, before.id);
  });
}

export function addAlias(ctx: AppContext, input: OpParsedInput<'actors:add-alias'>): Actor {
  const { db } = ctx.workspace;
  const actor = requireActor(db, input.actorId);
  return recordUndoable(ctx, `Add alias “${input.alias}” to ${actor.name}`, (rec) => {
    checkAlias(db, input.alias, actor.id);
    rec.created('actor_aliases', 'alias', repo.insertAlias(db, actor.id, input.alias));
    return requireActor(db, actor.id);
  });
}

export function removeAlias(ctx: AppContext, input: OpParsedInput<'actors:remove-alias'>): Actor {
  const { db } = ctx.workspace;
  const actor = requireActor(db, input.actorId);
  const id = repo.aliasId(db, actor.id, input.alias);
  if (id === null) throw new ApiError('NOT_FOUND', `“${input.alias}” is not an alias of ${actor.name}.`);
  return recordUndoable(ctx, `Remove alias “${input.alias}” from ${actor.name}`, (rec) => {
    rec.willChange('actor_aliases', 'alias', id);
    repo.deleteAliasRow(db, id);
    return requireActor(db, actor.id);
  });
}

export function createRelationship(ctx: AppContext, input: OpParsedInput<'relationships:create'>): Relationship {
  const { db } = ctx.workspace;
  const a = requireActor(db, input.actorAId);
  const b = requireActor(db, input.actorBId);
  if (a.id === b.id) throw new ApiError('BAD_INPUT', 'A relationship is between two different actors.');
  if (repo.relationshipIdFor(db, a.id, b.id) !== null)
    throw new ApiError('CONFLICT', `The relationship ${a.name} – ${b.name} already exists.`);
  return recordUndoable(ctx, `Add relationship ${a.name} – ${b.name}`, (rec) => {
    const id = repo.insertRelationship(db, a.id, b.id, ctx.now().getTime());
    rec.created('relationships', 'relationship', id);
    return present(repo.getRelationship(db, id), `relationship ${id}, just added`);
  });
}
