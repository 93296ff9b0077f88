/**
 * The input schemas of the API contract (./contract.ts): what the renderer may
 * send for articles, annotations, the codebook, actors and the score, with the
 * messages an analyst sees when a field is refused.
 */
import { z } from 'zod';
import { Color, HalfLifeDays, Id, IsoDate, MAX_NOTE_CHARS, MAX_TITLE_CHARS } from './schemas';

export const Empty = z.object({}).strict();
// coding: a piece of a search snippet; `match` marks the words that matched.
export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export const ByIdInput = z.object({ id: Id }).strict();

export const shortText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is longer than ${max.toLocaleString('en')} characters`);

export const ArticleCreateInput = z
  .object({
    title: shortText('The title', MAX_TITLE_CHARS).min(1, 'The title is empty'),
    outlet: shortText('The outlet', 200).default(''),
    author: shortText('The author', 300).default(''),
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((u) => u === '' || /^https?:\/\/\S+$/i.test(u), 'The URL must start with http:// or https://')
      .default(''),
    publishedOn: IsoDate,
    relationshipId: Id.nullable().default(null),
    // The size limit is checked in the handler so that it can say how large the text was.
    text: z.string(),
  })
  .strict();
export type ArticleCreateInput = z.input<typeof ArticleCreateInput>;

export const ArticleListInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
    sort: z.enum(['date-desc', 'date-asc', 'title', 'outlet', 'tags-desc']).default('date-desc'),
    relationshipId: Id.optional(),
    // coding: library filters
    /** Articles with at least one tag of this code (or of one of its subtypes). */
    codeId: Id.optional(),
    /** Articles with at least one tag whose source or target is this actor. */
    actorId: Id.optional(),
    outlet: z.string().max(200).optional(),
    fromDate: IsoDate.optional(),
    toDate: IsoDate.optional(),
    /** The coder layer whose tags are counted and filtered on (own, consensus, coder:<name>); the analyst's own when absent. */
    layer: z.string().min(1).max(220).optional(),
  })
  .strict();

export const AnnotationCreateInput = z
  .object({
    articleId: Id,
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    /** The text the analyst saw selected; refused if the article no longer holds it there. */
    exact: z.string().optional(),
    codeId: Id,
    sourceActorId: Id,
    targetActorId: Id,
    confidence: z.number().min(0).max(1).default(1),
    eventDate: IsoDate.optional(),
    note: z.string().max(MAX_NOTE_CHARS, `The note is longer than ${MAX_NOTE_CHARS} characters`).default(''),
  })
  .strict();
export type AnnotationCreateInput = z.input<typeof AnnotationCreateInput>;

export const AnnotationUpdateInput = z
  .object({
    id: Id,
    codeId: Id.optional(),
    sourceActorId: Id.optional(),
    targetActorId: Id.optional(),
    confidence: z.number().min(0).max(1).optional(),
    eventDate: IsoDate.optional(),
    note: z.string().max(MAX_NOTE_CHARS).optional(),
    // coding: adjust the boundaries of a tag, or place an orphaned one by hand.
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().positive().optional(),
    exact: z.string().optional(),
  })
  .strict();
export type AnnotationUpdateInput = z.input<typeof AnnotationUpdateInput>;

// coding: codebook and actors
const CodeFields = {
  name: shortText('The name', 200).min(1, 'The name is empty'),
  color: Color,
  description: shortText('The description', 2000),
  weight: z.number().min(-10, 'The weight must be between -10 and +10').max(10, 'The weight must be between -10 and +10'),
  parentId: Id.nullable(),
};
export const CodeCreateInput = z
  .object({ ...CodeFields, description: CodeFields.description.default(''), parentId: Id.nullable().default(null) })
  .strict();
export const CodeUpdateInput = z
  .object({
    id: Id,
    name: CodeFields.name.optional(),
    color: Color.optional(),
    description: CodeFields.description.optional(),
    weight: CodeFields.weight.optional(),
    parentId: Id.nullable().optional(),
  })
  .strict();
export const ActorCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,12}$/, 'The short code is 2 to 12 letters or digits, like USA or IND');
export const AliasText = shortText('The alias', 200).min(1, 'The alias is empty');

export const ScoreInput = z
  .object({
    relationshipId: Id,
    halfLifeDays: HalfLifeDays.default(30),
    /** Defaults: from the first event of the relationship (or 90 days ago) to today. */
    fromDate: IsoDate.optional(),
    toDate: IsoDate.optional(),
  })
  .strict();
