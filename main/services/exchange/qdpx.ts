/**
 * REFI-QDA exchange (www.qdasoftware.org): a `.qdpx` project — a zip holding
 * `project.qde` (QDA-XML, urn:QDA-XML:project:1.0) and the plain texts under
 * `sources/` — and a `.qdc` codebook. Read by NVivo, ATLAS.ti, MAXQDA and
 * QualCoder. Positions in QDA-XML count Unicode characters (code points),
 * Parley's count UTF-16 units; they are converted both ways.
 *
 * What QDA-XML has no place for (direction, confidence, event date, weight,
 * CAMEO code) is written as a bracketed line at the start of the Description
 * of the selection or code, which other tools show as text and Parley reads back.
 */
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { Code } from '../../../shared/api/schemas';
import { present } from '../../../shared/domain/present';
import type { Db } from '../../db/connection';
import type { ReportData } from '../report/data';
import { getOutletGrade, listGrades } from '../../db/reliability';
import { OWN_LAYER } from '../../../shared/agreement/layers';
import { listAdjudicated } from '../../db/layers';
import { layeredQuotes, layerMeta, type LayeredQuote } from './qdpxLayers';
import { codePointLength, toCodePoints } from './positions';
import { actorRow, annotationRow, articleRow, codeRow, eventRow } from './rows';

/** A stable GUID made from a name, so the same thing gets the same GUID in every export. */
export function guidOf(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.charAt(16), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// XML 1.0 cannot carry most control characters at all; they are dropped.
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
export const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
/** Text content for XML, with forbidden characters dropped. */
export function xmlText(s: string): string {
  return s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const iso = (ms: number) => new Date(ms).toISOString();
export const meta = (fields: Record<string, string | number>) =>
  `[parley ${Object.entries(fields)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join(' ')}]`;

export function parseMeta(description: string): Record<string, string> | null {
  const m = /^\[parley ([^\]]*)\]/.exec(description);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const pair of (m[1] ?? '').split(' ')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}

function codeXml(codes: readonly Code[], parentId: number | null, withNoteRefs: boolean): string {
  return codes
    .filter((c) => c.parentId === parentId)
    .map((c) => {
      const description = `${meta({ key: c.key, weight: c.weight, cameo: c.cameo })}\n${c.description}`;
      return (
        `<Code guid="${guidOf('code', c.key)}" name="${xmlAttr(c.name)}" isCodable="true" color="${c.color}">` +
        `<Description>${xmlText(description)}</Description>` +
        codeXml(codes, c.id, withNoteRefs) +
        `</Code>`
      );
    })
    .join('');
}

/** The codebook alone, valid against Codebook.xsd. */
export function renderQdc(d: ReportData): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Parley"><Codes>${codeXml(d.codes, null, false)}</Codes></CodeBook>\n`
  );
}

/** The project file and the source texts of the brief's selection. */
export function renderQdpx(d: ReportData, db: Db): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const all = layeredQuotes(d, db);
  const analysts = [...new Set(all.map((q) => q.user))];
  const userGuid = (name: string) => guidOf('user', name);
  const adjudicated = new Set(listAdjudicated(db));
  const byArticle = new Map<number, LayeredQuote[]>();
  for (const q of all) {
    const quotes = byArticle.get(q.articleId);
    if (quotes) quotes.push(q);
    else byArticle.set(q.articleId, [q]);
  }
  // An event is named by its passages' selections, so the same grouping gets the same GUID in every export.
  // Another layer's passage of the same span and code is another selection: its layer is part of its name.
  const layerPart = (q: LayeredQuote) => (q.layer === OWN_LAYER ? [] : [q.layer]);
  const selectionKey = (q: LayeredQuote) => {
    const full = annotationRow(db, q.id);
    return [articleRow(db, q.articleId).contentHash, full.start, full.end, q.codeKey, q.sourceCode, q.targetCode, ...layerPart(q)].join('|');
  };
  const eventMembers = new Map<number, string[]>();
  for (const q of all) if (q.eventId !== null) eventMembers.set(q.eventId, [...(eventMembers.get(q.eventId) ?? []), selectionKey(q)]);
  const eventGuid = (id: number) => guidOf('event', ...[...present(eventMembers.get(id), `the passages of event ${id}`)].sort());
  const projectMeta = [
    meta(Object.fromEntries(listGrades(db).map((g) => [`factor-${g.grade}`, g.factor]))),
    ...[...eventMembers.keys()].map((id) => {
      const e = eventRow(db, id);
      return meta({
        group: eventGuid(id),
        code: codeRow(db, e.codeId).key,
        source: actorRow(db, e.sourceActorId).code,
        target: actorRow(db, e.targetActorId).code,
        date: e.eventDate,
      });
    }),
  ].sort();
  const notes: string[] = [];
  const sources: string[] = [];
  for (const [articleId, quotes] of byArticle) {
    const a = articleRow(db, articleId);
    const sourceGuid = guidOf('source', a.contentHash);
    files[`sources/${sourceGuid}.txt`] = strToU8(a.text);
    const selections = quotes
      .map((q) => {
        const full = annotationRow(db, q.id);
        const selGuid = guidOf('selection', a.contentHash, full.start, full.end, q.codeKey, q.sourceCode, q.targetCode, ...layerPart(q));
        const user = userGuid(q.user);
        let noteRef = '';
        if (full.note) {
          const noteGuid = guidOf('note', selGuid);
          notes.push(
            `<Note guid="${noteGuid}" name="${xmlAttr(`Note on “${full.exact.slice(0, 40)}”`)}" creatingUser="${user}" creationDateTime="${iso(full.updatedAtMs)}">` +
              `<PlainTextContent>${xmlText(full.note)}</PlainTextContent></Note>`,
          );
          noteRef = `<NoteRef targetGUID="${noteGuid}"/>`;
        }
        const description = meta({
          source: q.sourceCode,
          target: q.targetCode,
          confidence: full.confidence,
          event: full.eventDate,
          ...(q.eventId !== null ? { group: eventGuid(q.eventId) } : {}),
          ...layerMeta(q.layer),
        });
        const start = toCodePoints(a.text, full.start);
        const end = start + codePointLength(full.exact);
        return (
          `<PlainTextSelection guid="${selGuid}" name="${xmlAttr(full.exact.slice(0, 80))}" startPosition="${start}" endPosition="${end}" creatingUser="${user}" creationDateTime="${iso(full.createdAtMs)}" modifiedDateTime="${iso(full.updatedAtMs)}">` +
          `<Description>${xmlText(description)}</Description>` +
          `<Coding guid="${guidOf('coding', selGuid)}" creatingUser="${user}" creationDateTime="${iso(full.createdAtMs)}"><CodeRef targetGUID="${guidOf('code', q.codeKey)}"/></Coding>` +
          noteRef +
          `</PlainTextSelection>`
        );
      })
      .join('');
    const grade = getOutletGrade(db, a.outlet);
    const description = meta({
      outlet: a.outlet,
      author: a.author,
      url: a.url,
      published: a.publishedOn,
      ...(grade ? { grade } : {}),
      ...(adjudicated.has(articleId) ? { adjudicated: 1 } : {}),
    });
    sources.push(
      `<TextSource guid="${sourceGuid}" name="${xmlAttr(a.title)}" plainTextPath="internal://${sourceGuid}.txt" creationDateTime="${iso(a.createdAtMs)}">` +
        `<Description>${xmlText(description)}</Description>${selections}</TextSource>`,
    );
  }
  const project =
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<Project xmlns="urn:QDA-XML:project:1.0" name="${xmlAttr(`Parley: ${d.relationship.label}`)}" origin="Parley" creationDateTime="${iso(d.generatedAtMs)}">` +
    `<Users>${analysts.map((n) => `<User guid="${userGuid(n)}" name="${xmlAttr(n)}"/>`).join('')}</Users>` +
    `<CodeBook><Codes>${codeXml(d.codes, null, true)}</Codes></CodeBook>` +
    (sources.length ? `<Sources>${sources.join('')}</Sources>` : '') +
    (notes.length ? `<Notes>${notes.join('')}</Notes>` : '') +
    `<Description>${xmlText(`Relationship ${d.relationship.label}, ${d.fromDate} to ${d.toDate}. Exported by Parley.\n${projectMeta.join('\n')}`)}</Description>` +
    `</Project>\n`;
  files['project.qde'] = strToU8(project);
  return zipSync(files, { level: 6, mtime: new Date(d.generatedAtMs) });
}
