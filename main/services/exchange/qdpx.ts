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
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ApiError } from '../../../shared/api/errors';
import type { Code } from '../../../shared/api/schemas';
import { getAnnotation } from '../../db/annotations';
import { getArticle } from '../../db/articles';
import type { Db } from '../../db/connection';
import type { ReportData } from '../report/data';
import type { Bundle } from './bundle';

/** A stable GUID made from a name, so the same thing gets the same GUID in every export. */
export function guidOf(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
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

const codePoints = (s: string) => Array.from(s).length;
/** UTF-16 offset of the code-point offset `cp` in `text`. */
function utf16Offset(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

const iso = (ms: number) => new Date(ms).toISOString();
const meta = (fields: Record<string, string | number>) =>
  `[parley ${Object.entries(fields)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join(' ')}]`;

function parseMeta(description: string): Record<string, string> | null {
  const m = /^\[parley ([^\]]*)\]/.exec(description);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const pair of m[1]!.split(' ')) {
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
  const analysts = [...new Set(d.quotes.map((q) => q.analyst || 'Parley analyst'))];
  const userGuid = (name: string) => guidOf('user', name || 'Parley analyst');
  const byArticle = new Map<number, typeof d.quotes>();
  for (const q of d.quotes) {
    if (!byArticle.has(q.articleId)) byArticle.set(q.articleId, []);
    byArticle.get(q.articleId)!.push(q);
  }
  const notes: string[] = [];
  const sources: string[] = [];
  for (const [articleId, quotes] of byArticle) {
    const a = getArticle(db, articleId)!;
    const sourceGuid = guidOf('source', a.contentHash);
    files[`sources/${sourceGuid}.txt`] = strToU8(a.text);
    const selections = quotes
      .map((q) => {
        const full = getAnnotation(db, q.id)!;
        const selGuid = guidOf('selection', a.contentHash, full.start, full.end, q.codeKey, q.sourceCode, q.targetCode);
        const user = userGuid(q.analyst);
        let noteRef = '';
        if (full.note) {
          const noteGuid = guidOf('note', selGuid);
          notes.push(
            `<Note guid="${noteGuid}" name="${xmlAttr(`Note on “${full.exact.slice(0, 40)}”`)}" creatingUser="${user}" creationDateTime="${iso(full.updatedAtMs)}">` +
              `<PlainTextContent>${xmlText(full.note)}</PlainTextContent></Note>`,
          );
          noteRef = `<NoteRef targetGUID="${noteGuid}"/>`;
        }
        const description = meta({ source: q.sourceCode, target: q.targetCode, confidence: full.confidence, event: full.eventDate });
        const start = codePoints(a.text.slice(0, full.start));
        const end = start + codePoints(full.exact);
        return (
          `<PlainTextSelection guid="${selGuid}" name="${xmlAttr(full.exact.slice(0, 80))}" startPosition="${start}" endPosition="${end}" creatingUser="${user}" creationDateTime="${iso(full.createdAtMs)}" modifiedDateTime="${iso(full.updatedAtMs)}">` +
          `<Description>${xmlText(description)}</Description>` +
          `<Coding guid="${guidOf('coding', selGuid)}" creatingUser="${user}" creationDateTime="${iso(full.createdAtMs)}"><CodeRef targetGUID="${guidOf('code', q.codeKey)}"/></Coding>` +
          noteRef +
          `</PlainTextSelection>`
        );
      })
      .join('');
    const description = meta({ outlet: a.outlet, author: a.author, url: a.url, published: a.publishedOn });
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
    `<Description>${xmlText(`Relationship ${d.relationship.label}, ${d.fromDate} to ${d.toDate}. Exported by Parley.`)}</Description>` +
    `</Project>\n`;
  files['project.qde'] = strToU8(project);
  return zipSync(files, { level: 6, mtime: new Date(d.generatedAtMs) });
}

const MAX_UNZIPPED_BYTES = 200_000_000;

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v === undefined ? [] : [v as Node]);
const attr = (n: Node, name: string): string => (typeof n[`@_${name}`] === 'string' ? (n[`@_${name}`] as string) : '');
const textOf = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string'
      ? ((v as Node)['#text'] as string)
      : '';

/** Reads a .qdpx archive (from Parley or another QDA tool) into a merge bundle. */
export function readQdpx(bytes: Uint8Array, fallbackAnalyst = ''): Bundle {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    // Only the project file and plain-text sources are read; sizes are checked before inflating (no zip bomb).
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted = /\.qde$/i.test(f.name) || /\.txt$/i.test(f.name);
        if (!wanted) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) {
          throw new ApiError(
            'TOO_LARGE',
            `The archive unpacks to more than ${MAX_UNZIPPED_BYTES / 1e6} MB of text; Parley does not open it. Nothing was changed.`,
          );
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      'BAD_INPUT',
      `The file is not a readable .qdpx archive (${(err as Error).message}). Export the project again as REFI-QDA (.qdpx).`,
    );
  }
  const qdeName = Object.keys(files).find((n) => n.toLowerCase().endsWith('.qde'));
  if (!qdeName) throw new ApiError('BAD_INPUT', 'The archive holds no project.qde; it is not a REFI-QDA project.');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ['User', 'Code', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note'].includes(name),
  });
  let doc: Node;
  try {
    doc = parser.parse(strFromU8(files[qdeName]!)) as Node;
  } catch (err) {
    throw new ApiError('BAD_INPUT', `project.qde is not well-formed XML (${(err as Error).message}).`);
  }
  const project = doc.Project as Node | undefined;
  if (!project) throw new ApiError('BAD_INPUT', 'project.qde has no <Project> element; it is not a REFI-QDA project.');
  const bundle: Bundle = { sources: [], codes: [], actors: [], annotations: [], unreadable: [] };
  const users = new Map(list((project.Users as Node | undefined)?.User).map((u) => [attr(u, 'guid').toLowerCase(), attr(u, 'name')]));
  const codeKeyByGuid = new Map<string, string>();
  const walk = (codes: Node[], parentKey: string | null) => {
    for (const c of codes) {
      const description = textOf(c.Description);
      const m = parseMeta(description);
      const key = m?.key || attr(c, 'name');
      codeKeyByGuid.set(attr(c, 'guid').toLowerCase(), key);
      bundle.codes.push({
        key,
        name: attr(c, 'name'),
        parentKey,
        weight: m?.weight !== undefined ? Number(m.weight) : 0,
        color: attr(c, 'color').length === 7 ? attr(c, 'color') : '#888888',
        cameo: m?.cameo ?? '',
        description: m ? description.replace(/^\[parley [^\]]*\]\n?/, '') : description,
      });
      walk(list(c.Code), key);
    }
  };
  walk(list(((project.CodeBook as Node | undefined)?.Codes as Node | undefined)?.Code), null);
  const notes = new Map(
    list((project.Notes as Node | undefined)?.Note).map((n) => [attr(n, 'guid').toLowerCase(), textOf(n.PlainTextContent)]),
  );
  for (const s of list((project.Sources as Node | undefined)?.TextSource)) {
    const guid = attr(s, 'guid');
    const path = attr(s, 'plainTextPath');
    let text = textOf(s.PlainTextContent);
    if (!text && path) {
      const inArchive = path.replace(/^internal:\/\//, '');
      const file = files[`sources/${inArchive}`] ?? files[inArchive];
      if (file) text = strFromU8(file);
    }
    if (!text) {
      bundle.unreadable.push(`The source “${attr(s, 'name')}” has no text in the archive (only external files); it was not brought in.`);
      continue;
    }
    const m = parseMeta(textOf(s.Description)) ?? {};
    bundle.sources.push({
      key: guid,
      title: attr(s, 'name') || 'Untitled source',
      outlet: m.outlet ?? '',
      author: m.author ?? '',
      url: m.url ?? '',
      publishedOn: m.published ?? (attr(s, 'creationDateTime').slice(0, 10) || ''),
      text,
    });
    const selections = list(s.PlainTextSelection);
    for (const sel of selections) {
      const sm = parseMeta(textOf(sel.Description)) ?? {};
      const startCp = Number(attr(sel, 'startPosition'));
      const endCp = Number(attr(sel, 'endPosition'));
      const start = utf16Offset(text, startCp);
      const end = utf16Offset(text, endCp);
      const note = list(sel.NoteRef)
        .map((r) => notes.get(attr(r, 'targetGUID').toLowerCase()) ?? '')
        .filter(Boolean)
        .join('\n\n');
      for (const coding of list(sel.Coding)) {
        const codeRef = coding.CodeRef as Node | undefined;
        const codeKey = codeRef ? codeKeyByGuid.get(attr(codeRef, 'targetGUID').toLowerCase()) : undefined;
        if (!codeKey) {
          bundle.unreadable.push(`A coding in “${attr(s, 'name')}” refers to a code that is not in the codebook.`);
          continue;
        }
        const creator = users.get((attr(coding, 'creatingUser') || attr(sel, 'creatingUser')).toLowerCase()) ?? fallbackAnalyst;
        const created = Date.parse(attr(coding, 'creationDateTime') || attr(sel, 'creationDateTime'));
        const modified = Date.parse(attr(sel, 'modifiedDateTime'));
        bundle.annotations.push({
          sourceKey: guid,
          start,
          end,
          exact: text.slice(start, end),
          codeKey,
          sourceActor: sm.source ?? '',
          targetActor: sm.target ?? '',
          confidence: sm.confidence !== undefined ? Number(sm.confidence) : 1,
          eventDate: sm.event ?? '',
          note,
          analyst: creator,
          createdAtMs: Number.isFinite(created) ? created : 0,
          updatedAtMs: Number.isFinite(modified) ? modified : Number.isFinite(created) ? created : 0,
        });
      }
    }
  }
  return bundle;
}
