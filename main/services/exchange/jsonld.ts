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
import { present } from '../../../shared/domain/present';
import type { Db } from '../../db/connection';
import type { ReportData } from '../report/data';
import { listGrades } from '../../db/reliability';
import { emptyBundle, type Bundle, type BundleAnnotation } from './bundle';
import { actorRow, annotationRow, articleRow, codeRow, eventRow } from './rows';
import { codePointLength, toCodePoints, toUtf16 } from './positions';

export const PARLEY_VOCAB = 'urn:parley:vocab#';
const CONTEXT = [
  'http://www.w3.org/ns/anno.jsonld',
  {
    parley: PARLEY_VOCAB,
    'parley:event': { '@type': '@id' },
    'parley:members': { '@type': '@id', '@container': '@list' },
  },
];

const iso = (ms: number) => new Date(ms).toISOString();
const sourceId = (hash: string) => `urn:sha256:${hash}`;

export function renderWebAnnotations(d: ReportData, db: Db): string {
  const sources = new Map<number, { id: string; hash: string }>();
  const docs: Record<string, unknown>[] = [];
  for (const q of d.quotes) {
    if (sources.has(q.articleId)) continue;
    const a = articleRow(db, q.articleId);
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
  const texts = new Map<number, string>();
  const annotationIds = new Map<number, string>();
  for (const q of d.quotes) {
    const full = annotationRow(db, q.id);
    const src = present(sources.get(q.articleId), `the source of annotation ${q.id}`);
    annotationIds.set(
      q.id,
      `urn:parley:annotation:${createHash('sha256')
        .update([src.hash, full.start, full.end, q.codeKey, q.sourceCode, q.targetCode].join('|'))
        .digest('hex')
        .slice(0, 32)}`,
    );
  }
  const idOf = (annotationId: number) => present(annotationIds.get(annotationId), `the id of annotation ${annotationId}`);
  // An event is named by its passages, so the same grouping gets the same id in every export.
  const eventMembers = new Map<number, string[]>();
  for (const q of d.quotes) if (q.eventId !== null) eventMembers.set(q.eventId, [...(eventMembers.get(q.eventId) ?? []), idOf(q.id)]);
  const eventIds = new Map(
    [...eventMembers].map(([id, members]) => [
      id,
      `urn:parley:event:${createHash('sha256')
        .update([...members].sort().join('|'))
        .digest('hex')
        .slice(0, 32)}`,
    ]),
  );
  const events = [...eventMembers].map(([id, members]) => {
    const e = eventRow(db, id);
    return {
      id: present(eventIds.get(id), `the id of event ${id}`),
      type: 'parley:Event',
      'parley:code': codeRow(db, e.codeId).key,
      'parley:sourceActor': actorRow(db, e.sourceActorId).code,
      'parley:targetActor': actorRow(db, e.targetActorId).code,
      'parley:eventDate': e.eventDate,
      'parley:members': [...members].sort(),
    };
  });
  const items = d.quotes.map((q) => {
    const full = annotationRow(db, q.id);
    const src = present(sources.get(q.articleId), `the source of annotation ${q.id}`);
    const text = texts.get(q.articleId) ?? articleRow(db, q.articleId).text;
    texts.set(q.articleId, text);
    const start = toCodePoints(text, full.start);
    const body: Record<string, unknown>[] = [
      { type: 'TextualBody', purpose: 'tagging', value: q.codeKey },
      { type: 'SpecificResource', purpose: 'classifying', source: `urn:parley:code:${encodeURIComponent(q.codeKey)}` },
    ];
    if (full.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: full.note, format: 'text/plain' });
    return {
      id: idOf(q.id),
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
          // Web Annotation positions count code points (an emoji is one), not UTF-16 units.
          { type: 'TextPositionSelector', start, end: start + codePointLength(full.exact) },
        ],
      },
      'parley:sourceActor': q.sourceCode,
      'parley:targetActor': q.targetCode,
      'parley:confidence': full.confidence,
      'parley:eventDate': full.eventDate,
      'parley:weight': q.weight,
      ...(q.eventId !== null ? { 'parley:event': eventIds.get(q.eventId) } : {}),
    };
  });
  const usedCodes = new Set([...d.quotes.map((q) => q.codeId), ...[...eventMembers.keys()].map((id) => eventRow(db, id).codeId)]);
  const outlets = new Set(docs.map((doc) => doc['parley:outlet'] as string));
  const outletGrades = d.quotes
    .filter((q, i, all) => q.grade !== null && all.findIndex((o) => o.outlet === q.outlet) === i && outlets.has(q.outlet))
    .map((q) => ({ 'parley:outlet': q.outlet, 'parley:grade': q.grade }))
    .sort((x, y) => (x['parley:outlet'] < y['parley:outlet'] ? -1 : 1));
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
        'parley:gradeFactors': listGrades(db).map((g) => ({ 'parley:grade': g.grade, 'parley:factor': g.factor })),
        'parley:outletGrades': outletGrades,
        'parley:events': events,
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
  const bundle: Bundle = emptyBundle();
  const textOf = new Map<string, string>();
  for (const s of asArray(doc['parley:sources']) as Obj[]) {
    textOf.set(str(s.id), str(s['parley:text']));
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
  for (const g of asArray(doc['parley:gradeFactors']) as Obj[])
    bundle.gradeFactors.push({ grade: str(g['parley:grade']), factor: num(g['parley:factor'], NaN) });
  for (const g of asArray(doc['parley:outletGrades']) as Obj[])
    bundle.outletGrades.push({ outlet: str(g['parley:outlet']), grade: str(g['parley:grade']) });
  for (const e of asArray(doc['parley:events']) as Obj[])
    bundle.events.push({
      key: str(e.id),
      codeKey: str(e['parley:code']),
      sourceActor: str(e['parley:sourceActor']),
      targetActor: str(e['parley:targetActor']),
      eventDate: str(e['parley:eventDate']),
    });
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
    const text = textOf.get(str(target.source)) ?? '';
    const annotation: BundleAnnotation = {
      sourceKey: str(target.source),
      start: position ? toUtf16(text, num(position.start, -1)) : -1,
      end: position ? toUtf16(text, num(position.end, -1)) : -1,
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
      eventKey: str(item['parley:event']),
    };
    bundle.annotations.push(annotation);
  }
  return bundle;
}
