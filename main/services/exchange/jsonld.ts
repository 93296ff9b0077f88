/**
 * Annotations as a W3C Web Annotation collection (JSON-LD). Each annotation
 * targets its article (identified by the SHA-256 of its normalized text) with
 * a TextQuoteSelector and a TextPositionSelector; the code is a tagging body,
 * the note a commenting body. Parley's own fields (direction, confidence,
 * event date, the source texts and codebook) use the `parley:` vocabulary so
 * that another Parley can merge the file back in.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { getAnnotation } from '../../db/annotations';
import { getArticle } from '../../db/articles';
import type { Db } from '../../db/connection';
import type { ReportData } from '../report/data';
import type { Bundle, BundleAnnotation } from './bundle';

export const PARLEY_VOCAB = 'urn:parley:vocab#';
const CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { parley: PARLEY_VOCAB }];

const iso = (ms: number) => new Date(ms).toISOString();
const sourceId = (hash: string) => `urn:sha256:${hash}`;

export function renderWebAnnotations(d: ReportData, db: Db): string {
  const sources = new Map<number, { id: string; hash: string }>();
  const docs: Record<string, unknown>[] = [];
  for (const q of d.quotes) {
    if (sources.has(q.articleId)) continue;
    const a = getArticle(db, q.articleId)!;
    sources.set(a.id, { id: sourceId(a.contentHash), hash: a.contentHash });
    docs.push({
      id: sourceId(a.contentHash),
      type: 'Text',
      format: 'text/plain',
      'parley:title': a.title,
      'parley:outlet': a.outlet,
      'parley:author': a.author,
      'parley:url': a.url,
      'parley:publishedOn': a.publishedOn,
      'parley:text': a.text,
    });
  }
  const items = d.quotes.map((q) => {
    const full = getAnnotation(db, q.id)!;
    const src = sources.get(q.articleId)!;
    const id = createHash('sha256')
      .update([src.hash, full.start, full.end, q.codeKey, q.sourceCode, q.targetCode].join('|'))
      .digest('hex')
      .slice(0, 32);
    const body: Record<string, unknown>[] = [
      { type: 'TextualBody', purpose: 'tagging', value: q.codeKey },
      { type: 'SpecificResource', purpose: 'classifying', source: `urn:parley:code:${encodeURIComponent(q.codeKey)}` },
    ];
    if (full.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: full.note, format: 'text/plain' });
    return {
      id: `urn:parley:annotation:${id}`,
      type: 'Annotation',
      motivation: 'tagging',
      created: iso(full.createdAtMs),
      modified: iso(full.updatedAtMs),
      ...(q.analyst ? { creator: { type: 'Person', name: q.analyst } } : {}),
      body,
      target: {
        source: src.id,
        selector: [
          { type: 'TextQuoteSelector', exact: full.exact, prefix: full.prefix, suffix: full.suffix },
          { type: 'TextPositionSelector', start: full.start, end: full.end },
        ],
      },
      'parley:sourceActor': q.sourceCode,
      'parley:targetActor': q.targetCode,
      'parley:confidence': full.confidence,
      'parley:eventDate': full.eventDate,
      'parley:weight': q.weight,
    };
  });
  const usedCodes = new Set(d.quotes.map((q) => q.codeId));
  const codeKeyById = new Map(d.codes.map((c) => [c.id, c.key]));
  const codebook = d.codes
    .filter((c) => usedCodes.has(c.id) || d.codes.some((k) => k.parentId === c.id && usedCodes.has(k.id)))
    .map((c) => ({
      id: `urn:parley:code:${encodeURIComponent(c.key)}`,
      'parley:key': c.key,
      'parley:name': c.name,
      'parley:parent': c.parentId === null ? null : codeKeyById.get(c.parentId),
      'parley:weight': c.weight,
      'parley:color': c.color,
      'parley:cameo': c.cameo,
      'parley:description': c.description,
    }));
  const rel = d.relationship;
  return (
    JSON.stringify(
      {
        '@context': CONTEXT,
        id: `urn:parley:collection:${rel.actorA.code}-${rel.actorB.code}:${d.fromDate}:${d.toDate}`,
        type: 'AnnotationCollection',
        label: `Parley annotations: ${rel.label}, ${d.fromDate} to ${d.toDate}`,
        generated: iso(d.generatedAtMs),
        generator: { type: 'Software', name: 'Parley' },
        total: items.length,
        'parley:actors': [rel.actorA, rel.actorB].map((a) => ({ code: a.code, name: a.name })),
        'parley:codebook': codebook,
        'parley:sources': docs,
        first: { type: 'AnnotationPage', startIndex: 0, items },
      },
      null,
      2,
    ) + '\n'
  );
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
type Obj = Record<string, unknown>;

/** Reads a Web Annotation collection written by Parley (or shaped like it) into a merge bundle. */
export function readWebAnnotations(json: string): Bundle {
  let doc: Obj;
  try {
    doc = JSON.parse(json) as Obj;
  } catch (err) {
    throw new ApiError('BAD_INPUT', `The file is not valid JSON (${(err as Error).message}). Choose a Parley JSON-LD export.`);
  }
  if (!doc || typeof doc !== 'object' || doc.type !== 'AnnotationCollection') {
    throw new ApiError('BAD_INPUT', 'The JSON file is not a Web Annotation collection. Choose a file exported as “Annotations (JSON-LD)”.');
  }
  const bundle: Bundle = { sources: [], codes: [], actors: [], annotations: [], unreadable: [] };
  for (const s of asArray(doc['parley:sources']) as Obj[]) {
    bundle.sources.push({
      key: str(s.id),
      title: str(s['parley:title'], 'Untitled source'),
      outlet: str(s['parley:outlet']),
      author: str(s['parley:author']),
      url: str(s['parley:url']),
      publishedOn: str(s['parley:publishedOn']),
      text: str(s['parley:text']),
    });
  }
  for (const c of asArray(doc['parley:codebook']) as Obj[]) {
    bundle.codes.push({
      key: str(c['parley:key']),
      name: str(c['parley:name']),
      parentKey: typeof c['parley:parent'] === 'string' ? c['parley:parent'] : null,
      weight: num(c['parley:weight'], 0),
      color: str(c['parley:color'], '#888888'),
      cameo: str(c['parley:cameo']),
      description: str(c['parley:description']),
    });
  }
  for (const a of asArray(doc['parley:actors']) as Obj[]) bundle.actors.push({ code: str(a.code), name: str(a.name) });
  const page = (doc.first ?? {}) as Obj;
  for (const item of asArray(page.items) as Obj[]) {
    const target = (item.target ?? {}) as Obj;
    const selectors = asArray(target.selector) as Obj[];
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    const position = selectors.find((s) => s.type === 'TextPositionSelector');
    const bodies = asArray(item.body) as Obj[];
    const tag = bodies.find((b) => b.purpose === 'tagging');
    const note = bodies.find((b) => b.purpose === 'commenting');
    if (!quote || !tag) {
      bundle.unreadable.push(`The annotation ${str(item.id, '(no id)')} has no quote or no tag and was not brought in.`);
      continue;
    }
    const created = Date.parse(str(item.created));
    const modified = Date.parse(str(item.modified));
    const annotation: BundleAnnotation = {
      sourceKey: str(target.source),
      start: num(position?.start, -1),
      end: num(position?.end, -1),
      exact: str(quote.exact),
      codeKey: str(tag.value),
      sourceActor: str(item['parley:sourceActor']),
      targetActor: str(item['parley:targetActor']),
      confidence: num(item['parley:confidence'], 1),
      eventDate: str(item['parley:eventDate']),
      note: str(note?.value),
      analyst: str(((item.creator ?? {}) as Obj).name),
      createdAtMs: Number.isFinite(created) ? created : 0,
      updatedAtMs: Number.isFinite(modified) ? modified : 0,
    };
    bundle.annotations.push(annotation);
  }
  return bundle;
}
