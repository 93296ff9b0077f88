import { ApiError } from '../../../shared/api/errors';
import type { ImportSummary, MergeConflict } from '../../../shared/api/exchange';
import { isIsoDate } from '../../../shared/domain/dates';
import { quoteSelector } from '../../../shared/domain/anchoring';
import { clip, wordCount } from '../../../shared/domain/text';
import { present } from '../../../shared/domain/present';
import { actorIdByCode, insertActor, listRelationships } from '../../db/actors';
import { OWN_LAYER } from '../../../shared/agreement/layers';
import { deleteAnnotation, getAnnotation, insertAnnotation, listAnnotationsForArticle } from '../../db/annotations';
import { setLayer } from '../../db/layers';
import { findArticleByHash, insertArticle } from '../../db/articles';
import { insertCode, listCodes } from '../../db/codebook';
import {
  conflictIdsOf,
  deleteConflict,
  getConflict,
  insertConflict,
  listConflicts,
  originAnalysts,
  recordOrigin,
} from '../../db/mergeConflicts';
import { workspaceAnalyst } from '../../db/settings';
import { contentHash } from '../articles';
import type { AppContext } from '../context';
import { recordUndoable } from '../undo';
import type { Bundle, BundleAnnotation } from './bundle';
import { incomingLayer, recordGivenArticles, settleMergedLayers } from './mergeLayers';
import { mergeEventGroups, mergeScoreSettings, type SettingsOutcome } from './mergeSettings';
import { storableText } from './positions';
import { actorRow, annotationRow, articleRow, codeRow } from './rows';

const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Brings a colleague's articles, codes and annotations into this workspace in
 * one transaction. Articles are matched by content hash; an annotation equal
 * to one already here is a duplicate; one on the same passage and direction
 * that differs (code, note, confidence or date) is added and listed as a
 * conflict for the analyst to choose. Nothing of either side is removed.
 */
export function mergeBundle(ctx: AppContext, bundle: Bundle, origin: string, fallbackAnalyst = ''): ImportSummary {
  const { db } = ctx.workspace;
  const nowMs = ctx.now().getTime();
  const summary: ImportSummary = {
    articlesAdded: 0,
    articlesMatched: 0,
    annotationsAdded: 0,
    annotationsDuplicate: 0,
    conflicts: 0,
    codesAdded: 0,
    codeNames: [],
    settingsTaken: [],
    settingConflicts: 0,
    events: 0,
    skipped: [...bundle.unreadable],
  };
  return recordUndoable(ctx, `Merge ${clip(origin)}`, (rec) => {
    // Codes: matched by key; new ones added parents first.
    const existingCodes = listCodes(db);
    const codeIdByKey = new Map(existingCodes.map((c) => [c.key, c.id]));
    // A code from another tool has no Parley key: one with the same name is the same code.
    for (const c of bundle.codes) {
      if (codeIdByKey.has(c.key)) continue;
      const byName = existingCodes.find((e) => e.name.toLowerCase() === c.name.toLowerCase());
      if (byName) codeIdByKey.set(c.key, byName.id);
    }
    const newCodeIds = new Set<number>();
    const pending = bundle.codes.filter((c) => !codeIdByKey.has(c.key));
    for (let pass = 0; pending.length > 0 && pass < 10; pass++) {
      for (const c of [...pending]) {
        if (c.parentKey && !codeIdByKey.has(c.parentKey) && pending.some((p) => p.key === c.parentKey)) continue;
        const parentId = c.parentKey ? (codeIdByKey.get(c.parentKey) ?? null) : null;
        const weight = Math.max(-10, Math.min(10, Number.isFinite(c.weight) ? c.weight : 0));
        // Added after the existing codebook, in the file's order.
        const id = insertCode(
          db,
          {
            key: c.key,
            name: c.name.slice(0, 200) || c.key,
            parentId,
            weight,
            color: COLOR.test(c.color) ? c.color : '#888888',
            cameo: c.cameo,
            description: c.description,
          },
          nowMs,
        );
        codeIdByKey.set(c.key, id);
        rec.created('codes', 'code', id);
        summary.codesAdded++;
        if (summary.codeNames.length < 50) summary.codeNames.push(c.name);
        newCodeIds.add(id);
        pending.splice(pending.indexOf(c), 1);
      }
    }
    for (const c of pending) summary.skipped.push(`The code “${c.name}” has a parent that is not in the file; it was not brought in.`);
    const settings: SettingsOutcome = { taken: summary.settingsTaken, conflicts: 0 };
    const scope = { db, rec, origin, nowMs, out: settings };
    mergeScoreSettings(scope, bundle, codeIdByKey, newCodeIds);
    // Actors: matched by code.
    const actorId = (code: string): number => {
      const found = actorIdByCode(db, code);
      if (found !== null) return found;
      const name = bundle.actors.find((a) => a.code.toLowerCase() === code.toLowerCase())?.name ?? code;
      const id = insertActor(db, { code, name, aliases: [] }, nowMs);
      rec.created('actors', 'actor', id);
      return id;
    };
    // Articles: matched by the hash of their normalized text.
    const articleIdByKey = new Map<string, number>();
    const relationships = listRelationships(db);
    const offsetMaps = new Map<string, (offset: number) => number>();
    for (const s of bundle.sources) {
      // Kept exactly as the file has it (selections are positions into it); only line endings become \n.
      const { text, mapOffset } = storableText(s.text);
      offsetMaps.set(s.key, mapOffset);
      if (text.length === 0) {
        summary.skipped.push(`The source “${s.title}” has no text; its codings were not brought in.`);
        continue;
      }
      const hash = contentHash(text);
      const existing = findArticleByHash(db, hash);
      if (existing) {
        articleIdByKey.set(s.key, existing.id);
        summary.articlesMatched++;
        continue;
      }
      const pair = bundle.annotations.find((a) => a.sourceKey === s.key);
      const rel = pair
        ? relationships.find((r) => {
            const codes = [r.actorA.code.toLowerCase(), r.actorB.code.toLowerCase()];
            return codes.includes(pair.sourceActor.toLowerCase()) && codes.includes(pair.targetActor.toLowerCase());
          })
        : undefined;
      const id = insertArticle(
        db,
        {
          title: (s.title || 'Untitled source').slice(0, 500),
          outlet: s.outlet,
          author: s.author,
          url: s.url,
          publishedOn: isIsoDate(s.publishedOn) ? s.publishedOn : new Date(nowMs).toISOString().slice(0, 10),
          text,
          wordCount: wordCount(text),
          contentHash: hash,
          relationshipId: rel?.id ?? null,
        },
        nowMs,
      );
      rec.created('articles', 'article', id);
      articleIdByKey.set(s.key, id);
      summary.articlesAdded++;
    }
    const ownAnalyst = workspaceAnalyst(db);
    const analysts = originAnalysts(db);
    const added = new Set<number>();
    const localIds = new Map<BundleAnnotation, number>();
    for (const a of bundle.annotations) {
      const articleId = articleIdByKey.get(a.sourceKey);
      const where = `“${a.exact.slice(0, 60)}”`;
      if (articleId === undefined) {
        summary.skipped.push(`The coding ${where} points at a source that is not in the file.`);
        continue;
      }
      const codeId = codeIdByKey.get(a.codeKey);
      if (codeId === undefined) {
        summary.skipped.push(`The coding ${where} uses the code “${a.codeKey}”, which the file does not define.`);
        continue;
      }
      if (!a.sourceActor || !a.targetActor || a.sourceActor.toLowerCase() === a.targetActor.toLowerCase()) {
        summary.skipped.push(`The coding ${where} has no source and target actor; Parley needs both to score it.`);
        continue;
      }
      const article = articleRow(db, articleId);
      const mapOffset = present(offsetMaps.get(a.sourceKey), `the offsets of source ${a.sourceKey}`);
      let start = mapOffset(a.start);
      let end = mapOffset(a.end);
      if (article.text.slice(start, end) !== a.exact) {
        // The colleague's copy may differ by whitespace normalization: find the quote.
        const at = article.text.indexOf(a.exact);
        if (a.exact.length === 0 || at < 0) {
          summary.skipped.push(`The coding ${where} does not match the text of “${article.title}”.`);
          continue;
        }
        start = at;
        end = at + a.exact.length;
      }
      const src = actorId(a.sourceActor);
      const tgt = actorId(a.targetActor);
      const eventDate = isIsoDate(a.eventDate) ? a.eventDate : article.publishedOn;
      const confidence = Math.max(0, Math.min(1, Number.isFinite(a.confidence) ? a.confidence : 1));
      const theirAnalyst = a.analyst || fallbackAnalyst;
      // Each coder's passages go into their layer (issue 16) and are matched only against that layer.
      const layer = incomingLayer(a, theirAnalyst, ownAnalyst);
      const samePassage = listAnnotationsForArticle(db, articleId).filter(
        (o) => o.start === start && o.end === end && o.sourceActorId === src && o.targetActorId === tgt && (o.layer ?? OWN_LAYER) === layer,
      );
      const identical = samePassage.find(
        (o) => o.codeId === codeId && o.note === a.note && o.confidence === confidence && o.eventDate === eventDate,
      );
      if (identical) {
        summary.annotationsDuplicate++;
        localIds.set(a, identical.id);
        continue;
      }
      const id = insertAnnotation(
        db,
        {
          articleId,
          codeId,
          sourceActorId: src,
          targetActorId: tgt,
          start,
          end,
          ...quoteSelector(article.text, start, end),
          confidence,
          eventDate,
          note: a.note,
        },
        a.createdAtMs || nowMs,
        a.updatedAtMs || a.createdAtMs || nowMs,
      );
      if (layer !== OWN_LAYER) setLayer(db, id, layer, false);
      if (theirAnalyst !== ownAnalyst) recordOrigin(db, id, theirAnalyst, origin, nowMs);
      rec.created('annotations', 'annotation', id);
      if (theirAnalyst !== ownAnalyst) rec.created('annotation_origins', 'annotation_origin', id);
      summary.annotationsAdded++;
      added.add(id);
      localIds.set(a, id);
      // A conflict is with what was here before this merge, not with the colleague's own other codes of the passage.
      const before = samePassage.filter((o) => !added.has(o.id));
      // In a colleague's layer a different code is a disagreement to adjudicate, not a merge conflict.
      const ours = layer === OWN_LAYER ? (before.find((o) => (analysts.get(o.id) ?? ownAnalyst) !== theirAnalyst) ?? before[0]) : undefined;
      if (ours) {
        const diffs: string[] = [];
        if (ours.codeId !== codeId) diffs.push('code');
        if (ours.note !== a.note) diffs.push('note');
        if (ours.confidence !== confidence) diffs.push('confidence');
        if (ours.eventDate !== eventDate) diffs.push('event date');
        const conflictId = insertConflict(db, {
          oursAnnotationId: ours.id,
          theirsAnnotationId: id,
          origin,
          reason: `Same passage and direction; differs in ${diffs.join(', ')}`,
          createdAtMs: nowMs,
        });
        rec.created('merge_conflicts', 'merge_conflict', conflictId);
        summary.conflicts++;
      }
    }
    const groups = bundle.events.flatMap((e) => {
      const codeId = codeIdByKey.get(e.codeKey);
      const members = bundle.annotations.filter((a) => a.eventKey === e.key);
      const label = `“${(members[0]?.exact ?? e.key).slice(0, 50)}” and ${members.length - 1} more, ${e.eventDate}`;
      if (codeId === undefined || !e.sourceActor || !e.targetActor || !isIsoDate(e.eventDate)) {
        summary.skipped.push(`The event ${label} lacks a known code, direction or date; its passages count one by one.`);
        return [];
      }
      const annotationIds = members.map((a) => localIds.get(a)).filter((id): id is number => id !== undefined);
      return [
        {
          label,
          touchesOurs: annotationIds.some((id) => !added.has(id)),
          codeId,
          sourceActorId: actorId(e.sourceActor),
          targetActorId: actorId(e.targetActor),
          eventDate: e.eventDate,
          annotationIds,
        },
      ];
    });
    mergeEventGroups(scope, groups, summary.skipped);
    const adjudicated = bundle.sources.filter((x) => x.adjudicated).flatMap((x) => articleIdByKey.get(x.key) ?? []);
    settleMergedLayers(db, rec, adjudicated, [...added], nowMs);
    const saw = bundle.coderSaw;
    if (saw && incomingLayer({}, saw.coder, ownAnalyst) !== OWN_LAYER)
      recordGivenArticles(
        db,
        rec,
        saw.coder,
        saw.contentHashes.flatMap((h) => findArticleByHash(db, h)?.id ?? []),
      );
    summary.events = groups.length;
    summary.settingConflicts = settings.conflicts;
    return summary;
  });
}

export function describeConflicts(ctx: AppContext): MergeConflict[] {
  const { db } = ctx.workspace;
  const analysts = originAnalysts(db);
  const own = workspaceAnalyst(db);
  const side = (id: number) => {
    const a = annotationRow(db, id);
    const code = codeRow(db, a.codeId);
    return {
      annotationId: id,
      code: code.name,
      direction: `${actorRow(db, a.sourceActorId).code}→${actorRow(db, a.targetActorId).code}`,
      note: a.note,
      confidence: a.confidence,
      eventDate: a.eventDate,
      analyst: analysts.get(id) ?? own,
    };
  };
  return listConflicts(db).map((c) => {
    const ours = annotationRow(db, c.oursAnnotationId);
    return {
      id: c.id,
      reason: c.reason,
      origin: c.origin,
      articleTitle: articleRow(db, ours.articleId).title,
      exact: ours.exact,
      ours: side(c.oursAnnotationId),
      theirs: side(c.theirsAnnotationId),
    };
  });
}

const KEEP_LABEL = { ours: 'keep mine', theirs: 'keep theirs', both: 'keep both' } as const;

/** Keeps one side (or both) of a conflict, as one undoable change; the one not kept is deleted. */
export function resolveConflict(ctx: AppContext, id: number, keep: 'ours' | 'theirs' | 'both'): void {
  const { db } = ctx.workspace;
  const c = getConflict(db, id);
  if (!c) throw new ApiError('NOT_FOUND', `There is no merge conflict ${id}; it may have been resolved already.`);
  const quote = getAnnotation(db, c.oursAnnotationId)?.exact ?? '';
  recordUndoable(ctx, `Merge conflict on “${clip(quote)}”: ${KEEP_LABEL[keep]}`, (rec) => {
    const drop = keep === 'ours' ? c.theirsAnnotationId : keep === 'theirs' ? c.oursAnnotationId : null;
    rec.willChange('merge_conflicts', 'merge_conflict', id);
    deleteConflict(db, id);
    if (drop !== null) {
      // Children first: undo restores in reverse order, the tag before its origin and other conflicts.
      for (const other of conflictIdsOf(db, drop)) rec.willChange('merge_conflicts', 'merge_conflict', other);
      rec.willChange('annotation_origins', 'annotation_origin', drop);
      rec.willChange('annotations', 'annotation', drop);
      deleteAnnotation(db, drop);
    }
  });
}
