import { layerColumns, OWN_LAYER } from '../../../shared/agreement/layers';
import { foreignContentHashes, readForeignWorkspace } from '../../db/foreign';
import { openReadonly } from '../../db/files';
import { checkDatabaseFile } from '../backup';
import type { Bundle } from './bundle';

/**
 * Reads a colleague's workspace (opened read-only, never changed) into a merge
 * bundle: the articles that carry annotations, the codebook, the actors, and
 * every annotation with its coder (the colleague's own analyst unless the
 * annotation came to them from someone else).
 */
export function readWorkspaceFile(file: string, fallbackAnalyst = ''): Bundle {
  checkDatabaseFile(file);
  const db = openReadonly(file);
  try {
    const their = readForeignWorkspace(db);
    const theirAnalyst = their.analyst || fallbackAnalyst;
    const keyOf = new Map(their.codes.map((c) => [c.id, c.key]));
    const actorCode = new Map(their.actors.map((a) => [a.id, a.code]));
    // What a passage and an event both say, by key and actor code rather than by their ids.
    const coded = (x: { codeId: number; sourceActorId: number; targetActorId: number; eventDate: string }) => ({
      codeKey: keyOf.get(x.codeId) ?? '',
      sourceActor: actorCode.get(x.sourceActorId) ?? '',
      targetActor: actorCode.get(x.targetActorId) ?? '',
      eventDate: x.eventDate,
    });
    return {
      sources: their.articles.map((a) => ({
        key: String(a.id),
        title: a.title,
        outlet: a.outlet,
        author: a.author,
        url: a.url,
        publishedOn: a.publishedOn,
        text: a.text,
      })),
      codes: their.codes.map((c) => ({
        key: c.key,
        name: c.name,
        parentKey: c.parentId === null ? null : (keyOf.get(c.parentId) ?? null),
        weight: c.weight,
        color: c.color,
        cameo: c.cameo,
        description: c.description,
      })),
      actors: their.actors.map((a) => ({ code: a.code, name: a.name })),
      annotations: their.annotations.map((a) => ({
        sourceKey: String(a.articleId),
        start: a.start,
        end: a.end,
        exact: a.exact,
        ...coded(a),
        confidence: a.confidence,
        note: a.note,
        // Their coder layer ('' for their own coding and the consensus: then who first coded it, else them).
        analyst: layerColumns(a.layer ?? OWN_LAYER)?.coder || (their.origins.get(a.id) ?? theirAnalyst),
        createdAtMs: a.createdAtMs,
        updatedAtMs: a.updatedAtMs,
        eventKey: a.eventId ? String(a.eventId) : '',
      })),
      events: their.events.map((e) => ({ key: String(e.id), ...coded(e) })),
      gradeFactors: their.gradeFactors,
      outletGrades: their.outletGrades,
      unreadable: [],
      // Every article they had, so that one they read and left untagged still counts as coded by them.
      ...(theirAnalyst
        ? {
            coderSaw: {
              coder: theirAnalyst,
              contentHashes: foreignContentHashes(db),
            },
          }
        : {}),
    };
  } finally {
    db.close();
  }
}
