/** Domain shapes that cross the API boundary, as zod schemas with inferred types. */
import { z } from 'zod';
import { isIsoDate } from '../domain/dates';

export const MAX_ARTICLE_CHARS = 2_000_000;
export const MAX_TITLE_CHARS = 500;
export const MAX_NOTE_CHARS = 20_000;

export const Id = z.number().int().positive();
export const IsoDate = z.string().refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' });
export const HalfLifeDays = z.number().positive().max(3650);
export const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');

export const Actor = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
});
export type Actor = z.infer<typeof Actor>;

export const Relationship = z.object({
  id: Id,
  actorA: Actor,
  actorB: Actor,
  label: z.string(),
});
export type Relationship = z.infer<typeof Relationship>;

export const Code = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  parentId: Id.nullable(),
  weight: z.number(),
  color: Color,
  cameo: z.string(),
  description: z.string(),
  shortcut: z.string().nullable(),
});
export type Code = z.infer<typeof Code>;

export const ArticleSummary = z.object({
  id: Id,
  title: z.string(),
  outlet: z.string(),
  author: z.string(),
  url: z.string(),
  publishedOn: IsoDate,
  relationshipId: Id.nullable(),
  isSample: z.boolean(),
  annotationCount: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative(),
  createdAtMs: z.number().int(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Article = ArticleSummary.extend({
  text: z.string(),
  contentHash: z.string(),
});
export type Article = z.infer<typeof Article>;

export const Annotation = z.object({
  id: Id,
  articleId: Id,
  codeId: Id,
  sourceActorId: Id,
  targetActorId: Id,
  /** W3C TextPositionSelector: start inclusive, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  /** W3C TextQuoteSelector. */
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  confidence: z.number().min(0).max(1),
  eventDate: IsoDate,
  note: z.string(),
  /** The event this passage is grouped into (it then counts once, with the event's other passages). */
  eventId: Id.nullable(),
  createdAtMs: z.number().int(),
  updatedAtMs: z.number().int(),
  /** True when, after an edit of the article's text, the passage could not be found again. */
  orphaned: z.boolean(),
  /** Its coder layer: 'own' (this workspace's analyst), 'coder:<name>' (a colleague's) or 'consensus' (see shared/agreement/layers). */
  layer: z.string().optional(),
});
export type Annotation = z.infer<typeof Annotation>;

const DirectionFigures = z.object({ R: z.number(), A: z.number(), M: z.number().nullable() });
export const Figures = z.object({
  ab: DirectionFigures,
  ba: DirectionFigures,
  combined: DirectionFigures,
  asymmetry: z.number(),
  index: z.number(),
});

const DirectionSeries = z.object({
  R: z.array(z.number()),
  A: z.array(z.number()),
  M: z.array(z.number().nullable()),
});

export const ScoreSeriesResult = z.object({
  relationship: Relationship,
  halfLifeDays: z.number(),
  fromDay: z.number().int(),
  toDay: z.number().int(),
  ab: DirectionSeries,
  ba: DirectionSeries,
  combined: DirectionSeries,
  asymmetry: z.array(z.number()),
  index: z.array(z.number()),
  current: Figures,
  annotationCount: z.number().int(),
});
export type ScoreSeriesResult = z.infer<typeof ScoreSeriesResult>;

export const Evidence = z.object({
  annotationId: Id,
  articleId: Id,
  articleTitle: z.string(),
  outlet: z.string(),
  publishedOn: IsoDate,
  eventDate: IsoDate,
  codeKey: z.string(),
  codeName: z.string(),
  sourceCode: z.string(),
  targetCode: z.string(),
  exact: z.string(),
  note: z.string(),
  direction: z.enum(['ab', 'ba']),
  /** s = weight × confidence × reliability; for an event, those of its best-attested passage. */
  weight: z.number(),
  confidence: z.number(),
  reliability: z.number(),
  grade: z.string().nullable(),
  /** Set when this item is an event grouping several passages; `passages` lists them all, the counting one first. */
  eventId: Id.nullable(),
  passages: z.array(
    z.object({
      annotationId: Id,
      articleId: Id,
      articleTitle: z.string(),
      outlet: z.string(),
      publishedOn: IsoDate,
      eventDate: IsoDate,
      exact: z.string(),
      note: z.string(),
      confidence: z.number(),
      grade: z.string().nullable(),
      reliability: z.number(),
    }),
  ),
  s: z.number(),
  decay: z.number(),
  contribution: z.number(),
});
export type Evidence = z.infer<typeof Evidence>;

export const REPORT_FORMATS = ['html', 'md', 'csv', 'json'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

// score: source reliability, events, calendar buckets, reciprocity and escalation marks
export const GRADE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const Grade = z.enum(GRADE_LETTERS);
export const GradeFactor = z.object({ grade: Grade, label: z.string(), factor: z.number().min(0).max(1) });
export const OutletReliability = z.object({
  outlet: z.string(),
  articleCount: z.number().int(),
  annotationCount: z.number().int(),
  grade: Grade.nullable(),
  /** The factor r_e of the outlet's passages: its grade's, or 1 when ungraded. */
  factor: z.number(),
});
export type OutletReliability = z.infer<typeof OutletReliability>;

export const ScoreEventRecord = z.object({
  id: Id,
  sourceActorId: Id,
  targetActorId: Id,
  codeId: Id,
  eventDate: IsoDate,
  createdAtMs: z.number().int(),
  annotationIds: z.array(Id),
});

export const Bucket = z.object({
  start: IsoDate,
  end: IsoDate,
  sum: z.number(),
  count: z.number().int(),
  mean: z.number().nullable(),
  counts: z.record(z.string(), z.number().int()),
});
export type Bucket = z.infer<typeof Bucket>;

const MarkItem = z.object({
  date: IsoDate,
  sourceCode: z.string(),
  targetCode: z.string(),
  codeName: z.string(),
  annotationId: Id,
  articleId: Id,
  exact: z.string(),
});
export const ScoreMarks = z.object({
  /** How many there are; the lists hold the most recent 200, newest first. */
  reciprocationCount: z.number().int(),
  crossingCount: z.number().int(),
  reciprocations: z.array(z.object({ threat: MarkItem, answer: MarkItem, lagDays: z.number().int() })),
  crossings: z.array(
    z.object({ day: z.number().int(), date: IsoDate, threshold: z.number(), way: z.enum(['up', 'down']), value: z.number() }),
  ),
});
export type ScoreMarks = z.infer<typeof ScoreMarks>;
// coding: undo/redo history
export const ChangeSetEntry = z.object({
  id: Id,
  atMs: z.number().int(),
  kind: z.enum(['do', 'undo', 'redo']),
  label: z.string(),
  /** Who: the workspace's analyst when the change was made ('' when none was named). */
  analyst: z.string(),
  /** A colleague's change brought by the desk: listed, never this analyst's to undo. */
  fromDesk: z.boolean().optional(),
});
export type ChangeSetEntry = z.infer<typeof ChangeSetEntry>;

export const HistoryState = z.object({
  /** What Ctrl+Z would undo, and what Ctrl+Shift+Z would redo (labels), or null. */
  nextUndo: z.string().nullable(),
  nextRedo: z.string().nullable(),
  /** The latest change sets, newest first. */
  recent: z.array(ChangeSetEntry),
});
export type HistoryState = z.infer<typeof HistoryState>;

export const HistoryStep = z.object({
  kind: z.enum(['undo', 'redo']),
  label: z.string(),
  touched: z.record(z.string(), z.array(z.number().int())),
  articleIds: z.array(Id),
});
export type HistoryStep = z.infer<typeof HistoryStep>;
