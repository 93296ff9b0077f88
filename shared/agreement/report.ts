/**
 * The agreement report's figures for a set of texts and two or more coder
 * layers, computed from the passages alone (the score's sensitivity is added
 * by the main side, which reads the weights). Pure: no Node, no DOM.
 *
 * - By character (NVivo): per code and layer pair, the 2×2 table of characters
 *   over the whole text, its percent agreement and Cohen's κ; κ of several
 *   pairs is their mean.
 * - Over units (sentence, paragraph or article; by character, the characters
 *   themselves): each layer gives each unit the code covering most of it, or
 *   'none'; Krippendorff's α (nominal) over those values, overall and per code
 *   (code present or not).
 * - Unitizing α_u and cu-α over the texts laid end to end as one continuum.
 * - Direction agreement over the pairs of passages with the same code.
 */
import { present } from '../domain/present';
import { alphaFromUnits, type AlphaValue } from './alpha';
import { addTables, characterTable, cohensKappa, type CharacterTable, type Span } from './characterKappa';
import { directionAgreement, type DirectionAgreement, type DirectionPair } from './direction';
import { matchPassages, type CodedPassage } from './matching';
import { paragraphUnits, sentenceUnits } from './units';
import { unitizingAlpha, type UnitizedSpan } from './unitizing';

export type AgreementUnit = 'character' | 'sentence' | 'paragraph' | 'article';

export interface ReportText {
  id: number;
  text: string;
}

export interface ReportPassage extends CodedPassage {
  /** Index of the layer in the report's layer list. */
  layer: number;
  textId: number;
}

export interface PairFigures {
  a: number;
  b: number;
  table: CharacterTable;
  percentAgreement: number;
  kappa: number;
}

export interface CodeFigures {
  code: string;
  /** Passages of this code in each layer. */
  passages: number[];
  pairs: PairFigures[];
  percentAgreement: number;
  kappa: number;
  alpha: number | null;
  cuAlpha: number | null;
  /** Share of the (layer, unit) values that are this code. */
  share: number;
}

export interface Diagnostic {
  kind: 'few-units' | 'rare-code' | 'common-code' | 'boundaries' | 'no-variation';
  code: string | null;
  message: string;
}

export interface AgreementFigures {
  unit: AgreementUnit;
  layers: number;
  texts: number;
  characters: number;
  units: number;
  percentAgreement: number;
  kappa: number;
  alpha: number | null;
  alphaU: number | null;
  codes: CodeFigures[];
  direction: DirectionAgreement;
  /** Pairs of passages of the same code whose spans differ. */
  boundaryDifferences: number;
  samePairs: number;
  diagnostics: Diagnostic[];
}

const NONE = '∅';
/** Below this many pairable units α says little (Krippendorff asks for far more). */
const FEW_UNITS = 20;
const RARE_SHARE = 0.05;

function unitsOf(text: string, unit: AgreementUnit): Span[] {
  if (unit === 'sentence') return sentenceUnits(text);
  if (unit === 'paragraph') return paragraphUnits(text);
  return [{ start: 0, end: text.length }];
}

/** The code covering most of [u.start, u.end) among `passages` (sorted by start), or NONE. */
function valueOf(passages: readonly ReportPassage[], u: Span): string {
  const cover = new Map<string, number>();
  for (const p of passages) {
    if (p.start >= u.end) break;
    const o = Math.min(p.end, u.end) - Math.max(p.start, u.start);
    if (o > 0) cover.set(p.code, (cover.get(p.code) ?? 0) + o);
  }
  let best = NONE;
  let most = 0;
  for (const [code, n] of [...cover].sort((x, y) => (x[0] < y[0] ? -1 : 1))) if (n > most) [best, most] = [code, n];
  return best;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 1);

export function agreementFigures(texts: readonly ReportText[], layerCount: number, passages: readonly ReportPassage[], unit: AgreementUnit): AgreementFigures {
  if (layerCount < 2) throw new RangeError('Agreement needs at least two coder layers.');
  const codes = [...new Set(passages.map((p) => p.code))].sort();
  const byText = new Map<number, ReportPassage[][]>();
  for (const t of texts) byText.set(t.id, Array.from({ length: layerCount }, () => []));
  for (const p of passages) {
    const layers = byText.get(p.textId);
    if (!layers) continue;
    const list = layers[p.layer];
    if (!list) throw new RangeError(`A passage of text ${p.textId} is in layer ${p.layer}; there are ${layerCount} layers.`);
    list.push(p);
  }
  for (const layers of byText.values()) for (const list of layers) list.sort((x, y) => x.start - y.start || x.end - y.end);

  const pairIndex: [number, number][] = [];
  for (let a = 0; a < layerCount; a++) for (let b = a + 1; b < layerCount; b++) pairIndex.push([a, b]);
  const empty = (): CharacterTable => ({ both: 0, onlyA: 0, onlyB: 0, neither: 0 });
  const tables = new Map(codes.map((c) => [c, pairIndex.map(empty)]));
  const anyTables = pairIndex.map(empty);
  const unitValues: AlphaValue[][] = [];
  const spans: UnitizedSpan[] = [];
  const directionPairs: DirectionPair[] = [];
  let boundaryDifferences = 0;
  let samePairs = 0;
  let offset = 0;
  let characters = 0;

  for (const t of texts) {
    const layers = present(byText.get(t.id), `the layers of text ${t.id}`);
    const layer = (l: number) => present(layers[l], `layer ${l}`);
    const length = t.text.length;
    characters += length;
    pairIndex.forEach(([a, b], k) => {
      for (const code of codes) {
        const of = (l: number) => layer(l).filter((p) => p.code === code);
        const table = characterTable(length, of(a), of(b));
        const list = present(tables.get(code), `the tables of code ${code}`);
        list[k] = addTables(list[k] ?? empty(), table);
      }
      anyTables[k] = addTables(anyTables[k] ?? empty(), characterTable(length, layer(a), layer(b)));
      for (const m of matchPassages(layer(a), layer(b))) {
        if (!m.a || !m.b || m.a.code !== m.b.code) continue;
        samePairs++;
        if (m.a.start !== m.b.start || m.a.end !== m.b.end) boundaryDifferences++;
        directionPairs.push({ a: { source: m.a.source, target: m.a.target }, b: { source: m.b.source, target: m.b.target } });
      }
    });
    if (unit !== 'character') {
      for (const u of unitsOf(t.text, unit)) unitValues.push(layers.map((list) => valueOf(list, u)));
    }
    layers.forEach((list, l) => {
      for (const p of list) spans.push({ coder: l, category: p.code, start: offset + p.start, end: offset + p.end });
    });
    offset += length;
  }

  const unitizing = characters > 0 ? unitizingAlpha({ begin: 0, length: characters, coders: layerCount, spans }) : null;
  const cu = new Map((unitizing?.categories ?? []).map((c) => [c.category, c.alpha]));
  const overallKappa = anyTables.map(cohensKappa);
  const codeFigures: CodeFigures[] = codes.map((code) => {
    const list = present(tables.get(code), `the tables of code ${code}`);
    const pairs = pairIndex.map(([a, b], k) => {
      const table = list[k] ?? empty();
      return { a, b, table, ...cohensKappa(table) };
    });
    const { alpha, share } = unit === 'character' ? characterAlpha(pairs.map((p) => p.table)) : unitAlpha(unitValues, code);
    return {
      code,
      passages: Array.from({ length: layerCount }, (_, l) => passages.filter((p) => p.layer === l && p.code === code).length),
      pairs,
      percentAgreement: mean(pairs.map((p) => p.percentAgreement)),
      kappa: mean(pairs.map((p) => p.kappa)),
      alpha,
      cuAlpha: cu.get(code) ?? null,
      share,
    };
  });
  const overallAlpha =
    unit === 'character' ? characterAlpha(anyTables).alpha : alphaFromUnits(unitValues, 'nominal').alpha;
  const units = unit === 'character' ? characters : unitValues.length;
  const figures: AgreementFigures = {
    unit,
    layers: layerCount,
    texts: texts.length,
    characters,
    units,
    percentAgreement: mean(overallKappa.map((k) => k.percentAgreement)),
    kappa: mean(overallKappa.map((k) => k.kappa)),
    alpha: overallAlpha,
    alphaU: unitizing?.alpha ?? null,
    codes: codeFigures,
    direction: directionAgreement(directionPairs),
    boundaryDifferences,
    samePairs,
    diagnostics: [],
  };
  figures.diagnostics = diagnose(figures);
  return figures;
}

/** Per-code α over units: each value is "this code" or "not this code". */
function unitAlpha(values: readonly AlphaValue[][], code: string): { alpha: number | null; share: number } {
  let hits = 0;
  let all = 0;
  const binary = values.map((row) =>
    row.map((v) => {
      all++;
      if (v === code) hits++;
      return v === code ? 1 : 0;
    }),
  );
  return { alpha: alphaFromUnits(binary, 'nominal').alpha, share: all ? hits / all : 0 };
}

/**
 * α over characters, coded or not, from the pairs' 2×2 tables (each character
 * is a unit with one value per layer). Exact for two layers; for more, the
 * pairs' coincidences are pooled, an approximation named in docs/agreement.md.
 */
function characterAlpha(tables: readonly CharacterTable[]): { alpha: number | null; share: number } {
  let o11 = 0;
  let o00 = 0;
  let o01 = 0;
  for (const t of tables) {
    o11 += 2 * t.both;
    o00 += 2 * t.neither;
    o01 += t.onlyA + t.onlyB;
  }
  const n1 = o11 + o01;
  const n0 = o00 + o01;
  const n = n0 + n1;
  const share = n ? n1 / n : 0;
  if (n0 === 0 || n1 === 0) return { alpha: null, share };
  return { alpha: 1 - ((n - 1) * 2 * o01) / (2 * n0 * n1), share };
}

function diagnose(f: AgreementFigures): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (f.unit !== 'character' && f.units < FEW_UNITS) {
    out.push({
      kind: 'few-units',
      code: null,
      message: `Only ${f.units} ${f.unit}s were compared: α from fewer than ${FEW_UNITS} units says little. Add articles.`,
    });
  }
  for (const c of f.codes) {
    if (c.share < RARE_SHARE) {
      out.push({ kind: 'rare-code', code: c.code, message: `“${c.code}” is almost never used (${pct(c.share)} of the values): its α rests on a handful of units.` });
    } else if (c.share > 1 - RARE_SHARE) {
      out.push({ kind: 'common-code', code: c.code, message: `“${c.code}” is almost always used (${pct(c.share)} of the values): chance agreement is high and α is fragile.` });
    }
  }
  if (f.samePairs > 0 && f.boundaryDifferences > 0) {
    out.push({
      kind: 'boundaries',
      code: null,
      message: `${f.boundaryDifferences} of ${f.samePairs} passages tagged alike by two coders have different boundaries: unitizing α_u counts that, unit α does not.`,
    });
  }
  if (f.alpha === null) out.push({ kind: 'no-variation', code: null, message: 'Every unit got the same value from every coder: α is undefined.' });
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
