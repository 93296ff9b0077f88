/**
 * Operations of coder layers, the agreement report and adjudication (issue 16),
 * spread into the contract with one line.
 */
import { z } from 'zod';
import { ExportedFile } from './exchange';
import { HalfLifeDays, Id, IsoDate } from './schemas';

const LayerKey = z.string().min(1).max(220);
export const AgreementUnit = z.enum(['character', 'sentence', 'paragraph', 'article']);

export const Layer = z.object({
  key: LayerKey,
  label: z.string(),
  passages: z.number().int(),
  articles: z.number().int(),
});
export type Layer = z.infer<typeof Layer>;

const Table = z.object({ both: z.number(), onlyA: z.number(), onlyB: z.number(), neither: z.number() });
const Nullable = z.number().nullable();

export const AgreementReport = z.object({
  unit: AgreementUnit,
  layers: z.array(Layer),
  articleIds: z.array(Id),
  characters: z.number().int(),
  units: z.number().int(),
  percentAgreement: z.number(),
  kappa: z.number(),
  alpha: Nullable,
  alphaU: Nullable,
  codes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      passages: z.array(z.number().int()),
      pairs: z.array(z.object({ a: z.number().int(), b: z.number().int(), table: Table, percentAgreement: z.number(), kappa: z.number() })),
      percentAgreement: z.number(),
      kappa: z.number(),
      alpha: Nullable,
      cuAlpha: Nullable,
      share: z.number(),
    }),
  ),
  direction: z.object({ pairs: z.number().int(), agreed: z.number().int(), percent: Nullable, alpha: Nullable }),
  boundaryDifferences: z.number().int(),
  samePairs: z.number().int(),
  diagnostics: z.array(z.object({ kind: z.string(), code: z.string().nullable(), message: z.string() })),
  /** The score's sensitivity: each layer's M over the period, and the largest difference between two of them. */
  sensitivity: z
    .object({
      relationshipId: Id,
      label: z.string(),
      fromDate: IsoDate,
      toDate: IsoDate,
      series: z.array(z.object({ key: LayerKey, label: z.string(), M: z.array(Nullable) })),
      largest: z.object({ difference: z.number(), date: IsoDate, a: LayerKey, b: LayerKey }).nullable(),
    })
    .nullable(),
});
export type AgreementReport = z.infer<typeof AgreementReport>;

export const AgreementInput = z
  .object({
    /** Two or more layers; the analyst's own and every colleague's when absent. */
    layers: z.array(LayerKey).min(2).max(20).optional(),
    /** The articles compared; when absent, every article a colleague's layer among them has passages in. */
    articleIds: z.array(Id).min(1).max(100_000).optional(),
    unit: AgreementUnit.default('sentence'),
    /** The relationship whose score sensitivity is shown; the first one when absent. */
    relationshipId: Id.optional(),
    halfLifeDays: HalfLifeDays.default(30),
  })
  .strict();

export const DisagreementKind = z.enum(['only-a', 'only-b', 'other-code', 'other-direction', 'overlap']);
const SidePassage = z.object({
  id: Id,
  start: z.number().int(),
  end: z.number().int(),
  exact: z.string(),
  codeId: Id,
  codeName: z.string(),
  sourceActorId: Id,
  targetActorId: Id,
});
export const Disagreement = z.object({
  articleId: Id,
  articleTitle: z.string(),
  kind: DisagreementKind,
  a: SidePassage.nullable(),
  b: SidePassage.nullable(),
});
export type Disagreement = z.infer<typeof Disagreement>;

const AdjudicationPair = z.object({ layerA: LayerKey.default('own'), layerB: LayerKey, articleIds: z.array(Id).min(1).max(100_000).optional() }).strict();

export const agreementOperations = {
  /** A blind double-coding package: the articles, codebook and actors, no tags (a Parley workspace file). */
  'package:export': { input: z.object({ articleIds: z.array(Id).min(1).max(100_000) }).strict(), output: ExportedFile },
  'layers:list': { input: z.object({}).strict(), output: z.array(Layer) },
  'agreement:report': { input: AgreementInput, output: AgreementReport },
  'agreement:csv': { input: AgreementInput, output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }) },
  /** Disagreements still to settle between two layers (what the consensus already settled is left out). */
  'adjudication:list': { input: AdjudicationPair, output: z.object({ items: z.array(Disagreement), settled: z.number().int() }) },
  /**
   * Settles one disagreement into the consensus layer: take A's passage, B's, both, neither, or an edited
   * passage (A's or B's with another code or direction). One undoable change.
   */
  'adjudication:settle': {
    input: z
      .object({
        layerA: LayerKey.default('own'),
        layerB: LayerKey,
        articleId: Id,
        aId: Id.nullable(),
        bId: Id.nullable(),
        decision: z.enum(['take-a', 'take-b', 'both', 'neither', 'edit']),
        edit: z.object({ from: z.enum(['a', 'b']), codeId: Id, sourceActorId: Id, targetActorId: Id }).strict().optional(),
      })
      .strict(),
    output: z.object({ created: z.array(Id), articleAdjudicated: z.boolean() }),
  },
} as const;
