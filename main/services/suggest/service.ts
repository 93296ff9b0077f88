/**
 * Assisted coding: suggestions for an article's sentences from the CAMEO
 * lexicon and the classifier trained on this workspace's answers. Nothing
 * here writes a tag except `acceptSuggestion`, which makes an ordinary tag by
 * the analyst: suggestions count in no score until accepted.
 */
import type { OpParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { Annotation, Code } from '../../../shared/api/schemas';
import type { CodeQuality, Suggestion } from '../../../shared/api/suggest';
import { getRelationship, listActors } from '../../db/actors';
import { listAnnotationsForArticle } from '../../db/annotations';
import { getArticle } from '../../db/articles';
import { getCode, listCodes } from '../../db/codebook';
import type { Db, Workspace } from '../../db/connection';
import * as repo from '../../db/suggestions';
import { clip, createAnnotation } from '../annotations';
import type { AppContext } from '../context';
import { recordUndoable } from '../undo';
import type { Model } from './classifier';
import { topLevel } from './codeMap';
import { DEFAULT_THRESHOLD, suggestSentence, type EngineConfig, type Scored } from './engine';
import { sentenceSpans } from './sentences';
import { trainInWorker } from './trainer';
import type { Counts } from './round';
import { engineConfig, trainingPayload } from './training';

interface State {
  model: Model | null;
  quality: CodeQuality[] | null;
  cfg: EngineConfig | null;
  training: Promise<void> | null;
  again: boolean;
}

const states = new WeakMap<Workspace, State>();

function state(ctx: AppContext): State {
  let s = states.get(ctx.workspace);
  if (!s) {
    s = { model: null, quality: null, cfg: null, training: null, again: false };
    states.set(ctx.workspace, s);
  }
  return s;
}

/** The engine as this workspace has it now (codebook, actors, model, thresholds), rebuilt only when one changed. */
export function suggestionConfig(ctx: AppContext): EngineConfig {
  const s = state(ctx);
  const { db } = ctx.workspace;
  // Codebook and actors change rarely; rebuilding the alias index on each call costs more than the suggestions.
  const codes = listCodes(db);
  const actors = listActors(db);
  const key = JSON.stringify([codes.map((c) => [c.id, c.cameo, c.parentId]), actors]);
  if (!s.cfg || (s.cfg as EngineConfig & { key?: string }).key !== key || s.cfg.model !== s.model) {
    s.cfg = Object.assign(engineConfig(codes, actors, s.model, repo.thresholds(db)), { key });
  }
  return s.cfg;
}

function toSuggestion(articleId: number, text: string, s: Scored): Suggestion {
  const missing = s.source.id === null ? s.source : s.target.id === null ? s.target : null;
  return {
    key: `${articleId}:${s.start}:${s.end}:${s.code.id}`,
    articleId,
    start: s.start,
    end: s.end,
    exact: text.slice(s.start, s.end),
    codeId: s.code.id,
    sourceActorId: s.source.id,
    targetActorId: s.target.id,
    newActor: missing ? { code: missing.code, name: missing.name } : null,
    confidence: Math.round(s.confidence * 1000) / 1000,
    evidence: s.evidence,
  };
}

/** The suggestions of one article's text: not where a tag already is, nor where the analyst rejected the same code. */
export function suggestArticle(ctx: AppContext, articleId: number): Suggestion[] {
  const got = suggestForArticle(ctx, articleId, 'nlp', suggestionConfig(ctx));
  if (!got) throw new ApiError('NOT_FOUND', `There is no article with id ${articleId}; it may have been deleted.`);
  return got;
}

/** As suggestArticle with a configuration made once for many articles; null for an article that is not there. */
export function suggestForArticle(ctx: AppContext, articleId: number, direction: 'nlp' | 'verb', base: EngineConfig): Suggestion[] | null {
  const { db } = ctx.workspace;
  const article = getArticle(db, articleId);
  if (!article) return null;
  const rel = article.relationshipId === null ? null : getRelationship(db, article.relationshipId);
  const ref = (a: { code: string; name: string; id: number }) => ({ code: a.code, name: a.name, id: a.id });
  const cfg: EngineConfig = { ...base, direction, ...(rel ? { pair: [ref(rel.actorA), ref(rel.actorB)] as const } : {}) };
  const tags = listAnnotationsForArticle(db, articleId);
  const rejected = repo.rejectionsForArticle(db, articleId);
  const codes = cfg.codes;
  const top = (id: number) => {
    const c = codes.find((x) => x.id === id);
    return c ? topLevel(codes, c).id : id;
  };
  const out: Suggestion[] = [];
  for (const span of sentenceSpans(article.text)) {
    if (tags.some((t) => t.start < span.end && t.end > span.start)) continue;
    const scored = suggestSentence(cfg, article.text, span.start, span.end);
    if (!scored) continue;
    if (rejected.some((r) => r.start < span.end && r.end > span.start && top(r.codeId) === scored.topId)) continue;
    out.push(toSuggestion(articleId, article.text, scored));
  }
  return out;
}

function codeLabel(db: Db, id: number): string {
  return getCode(db, id)?.name ?? 'a code';
}

/** An ordinary tag by the analyst; its history entry says it was accepted from a suggestion. */
export function acceptSuggestion(ctx: AppContext, input: OpParsedInput<'suggestions:accept'>): Annotation {
  const { db } = ctx.workspace;
  const created = createAnnotation(ctx, input, (a) => `Accept suggestion: tag “${clip(a.exact)}” as ${codeLabel(db, a.codeId)}`);
  void scheduleRetrain(ctx);
  return created;
}

export function rejectSuggestion(ctx: AppContext, input: OpParsedInput<'suggestions:reject'>): { id: number } {
  const { db } = ctx.workspace;
  const article = getArticle(db, input.articleId);
  if (!article) throw new ApiError('NOT_FOUND', `There is no article with id ${input.articleId}; it may have been deleted.`);
  if (!getCode(db, input.codeId)) throw new ApiError('NOT_FOUND', `There is no code with id ${input.codeId} in the codebook.`);
  if (input.end > article.text.length || input.start >= input.end) {
    throw new ApiError('BAD_INPUT', 'The suggestion lies outside the article text (it may have been edited). Nothing was recorded.');
  }
  const exact = article.text.slice(input.start, input.end);
  const id = recordUndoable(ctx, `Reject suggestion “${clip(exact)}” as ${codeLabel(db, input.codeId)}`, (rec) => {
    const rid = repo.insertRejection(db, { ...input, exact }, ctx.now().getTime());
    rec.created('suggestion_rejections', 'suggestion rejection', rid);
    return rid;
  });
  void scheduleRetrain(ctx);
  return { id };
}

function qualityOf(db: Db, codes: readonly Code[], measured: Map<number, Counts>): CodeQuality[] {
  const th = repo.thresholds(db);
  return codes
    .filter((c) => c.parentId === null)
    .map((c) => {
      const m = measured.get(c.id) ?? { tp: 0, fp: 0, fn: 0, support: 0 };
      return {
        codeId: c.id,
        precision: m.tp + m.fp ? m.tp / (m.tp + m.fp) : null,
        recall: m.support ? m.tp / m.support : null,
        support: m.support,
        threshold: th.get(c.id) ?? DEFAULT_THRESHOLD,
      };
    });
}

/**
 * Retrains on every answer (in the worker) and measures on the held-out
 * articles with a model trained without them. Answers arriving meanwhile
 * start one more round when this one ends.
 */
export function scheduleRetrain(ctx: AppContext): Promise<void> {
  const s = state(ctx);
  if (s.training) {
    s.again = true;
    return s.training;
  }
  const round = async () => {
    const payload = trainingPayload(ctx.workspace.db);
    const r = await trainInWorker(payload);
    s.model = r.model;
    s.quality = qualityOf(ctx.workspace.db, payload.codes, new Map(r.measured));
    s.cfg = null;
  };
  s.training = (async () => {
    try {
      do {
        s.again = false;
        await round();
      } while (s.again);
    } catch {
      // The workspace closed meanwhile, or the worker failed: the last model and measures stay.
    } finally {
      s.training = null;
    }
  })();
  return s.training;
}

export async function suggestionQuality(ctx: AppContext): Promise<{ trainedOn: number; codes: CodeQuality[] }> {
  const s = state(ctx);
  if (s.training) await s.training;
  if (!s.quality) await scheduleRetrain(ctx);
  return { trainedOn: s.model?.trainedOn ?? 0, codes: s.quality ?? qualityOf(ctx.workspace.db, listCodes(ctx.workspace.db), new Map()) };
}

export function setSuggestionThreshold(ctx: AppContext, input: OpParsedInput<'suggestions:set-threshold'>): CodeQuality {
  const { db } = ctx.workspace;
  const code = getCode(db, input.codeId);
  if (!code) throw new ApiError('NOT_FOUND', `There is no code with id ${input.codeId} in the codebook.`);
  if (code.parentId !== null)
    throw new ApiError('BAD_INPUT', 'Thresholds are set per top-level code (threat, overture, concession, or your own).');
  recordUndoable(ctx, `Suggest ${code.name} from confidence ${Math.round(input.threshold * 100)} %`, (rec) => {
    const existing = repo.thresholdRowId(db, input.codeId);
    if (existing !== null) rec.willChange('suggestion_thresholds', 'suggestion threshold', existing);
    const id = repo.upsertThreshold(db, input.codeId, input.threshold);
    if (existing === null) rec.created('suggestion_thresholds', 'suggestion threshold', id);
  });
  const s = state(ctx);
  s.cfg = null;
  const q = s.quality?.find((c) => c.codeId === input.codeId);
  if (q) q.threshold = input.threshold;
  return q ?? { codeId: input.codeId, precision: null, recall: null, support: 0, threshold: input.threshold };
}
