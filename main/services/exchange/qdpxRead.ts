/**
 * Reading REFI-QDA: a .qdpx project from Parley or another QDA program (NVivo,
 * ATLAS.ti, MAXQDA, QualCoder) and a .qdc codebook, into a merge bundle.
 * Parley's own data rides in `[parley …]` lines of the Descriptions (see
 * qdpx.ts); what another program's project has and Parley cannot hold (sets,
 * external or non-text sources) is listed, never dropped silently.
 */
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { ApiError } from '../../../shared/api/errors';
import { emptyBundle, type Bundle } from './bundle';
import { toUtf16 } from './positions';
import { parseMeta } from './qdpx';

const MAX_UNZIPPED_BYTES = 200_000_000;
const ARRAYS = ['User', 'Code', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note', 'Set', 'MemberSource', 'MemberCode'];
const SOURCE_KINDS = ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource'];

/** Every `[parley …]` line of a description (the project's holds grade factors and event groups). */
function metaLines(description: string): Record<string, string>[] {
  return description.split('\n').flatMap((line) => {
    const m = parseMeta(line);
    return m ? [m] : [];
  });
}

function readCodes(bundle: Bundle, codes: Node[], parentKey: string | null, keyByGuid: Map<string, string>): void {
  for (const c of codes) {
    const description = textOf(c.Description);
    const m = parseMeta(description);
    const key = m?.key || attr(c, 'name');
    keyByGuid.set(attr(c, 'guid').toLowerCase(), key);
    bundle.codes.push({
      key,
      name: attr(c, 'name'),
      parentKey,
      // Another program's code has no Goldstein weight: NaN says so (a new code gets 0, an existing one keeps its own).
      weight: m?.weight !== undefined ? Number(m.weight) : NaN,
      color: /^#[0-9a-f]{6}$/i.test(attr(c, 'color')) ? attr(c, 'color') : '#888888',
      cameo: m?.cameo ?? '',
      description: m ? description.replace(/^\[parley [^\]]*\]\n?/, '') : description,
    });
    readCodes(bundle, list(c.Code), key, keyByGuid);
  }
}

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ARRAYS.includes(name),
  });
}

/** A REFI-QDA codebook (.qdc): its codes with their hierarchy, colours and descriptions. */
export function readQdc(xml: string): Bundle {
  let doc: Node;
  try {
    doc = parser().parse(xml) as Node;
  } catch (err) {
    throw new ApiError('BAD_INPUT', `The codebook is not well-formed XML (${(err as Error).message}). Nothing was changed.`);
  }
  const book = doc.CodeBook as Node | undefined;
  if (!book)
    throw new ApiError('BAD_INPUT', 'The file has no <CodeBook> element; it is not a REFI-QDA codebook (.qdc). Nothing was changed.');
  const bundle = emptyBundle();
  readCodes(bundle, list((book.Codes as Node | undefined)?.Code), null, new Map());
  if (bundle.codes.length === 0) bundle.unreadable.push('The codebook holds no code.');
  return bundle;
}

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
  const qde = qdeName === undefined ? undefined : files[qdeName];
  if (!qde) throw new ApiError('BAD_INPUT', 'The archive holds no project.qde; it is not a REFI-QDA project.');
  const xml = parser();
  let doc: Node;
  try {
    doc = xml.parse(strFromU8(qde)) as Node;
  } catch (err) {
    throw new ApiError('BAD_INPUT', `project.qde is not well-formed XML (${(err as Error).message}).`);
  }
  const project = doc.Project as Node | undefined;
  if (!project) throw new ApiError('BAD_INPUT', 'project.qde has no <Project> element; it is not a REFI-QDA project.');
  const bundle: Bundle = emptyBundle();
  const users = new Map(list((project.Users as Node | undefined)?.User).map((u) => [attr(u, 'guid').toLowerCase(), attr(u, 'name')]));
  const codeKeyByGuid = new Map<string, string>();
  readCodes(bundle, list(((project.CodeBook as Node | undefined)?.Codes as Node | undefined)?.Code), null, codeKeyByGuid);
  for (const m of metaLines(textOf(project.Description))) {
    for (const [k, v] of Object.entries(m)) if (k.startsWith('factor-')) bundle.gradeFactors.push({ grade: k.slice(7), factor: Number(v) });
    if (m.group)
      bundle.events.push({
        key: m.group,
        codeKey: m.code ?? '',
        sourceActor: m.source ?? '',
        targetActor: m.target ?? '',
        eventDate: m.date ?? '',
      });
  }
  for (const set of list((project.Sets as Node | undefined)?.Set)) {
    const n = list(set.MemberSource).length;
    const c = list(set.MemberCode).length;
    bundle.unreadable.push(
      `The set “${attr(set, 'name')}” (${n} source${n === 1 ? '' : 's'}, ${c} code${c === 1 ? '' : 's'}) was not brought in: Parley has no sets.`,
    );
  }
  const sourcesNode = (project.Sources as Node | undefined) ?? {};
  for (const kind of SOURCE_KINDS)
    for (const other of list(sourcesNode[kind]))
      bundle.unreadable.push(
        `The source “${attr(other, 'name')}” is not text (${kind.replace('Source', '')}); Parley reads text sources only.`,
      );
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
      ...(m.adjudicated === '1' ? { adjudicated: true } : {}),
    });
    if (m.grade && m.outlet) bundle.outletGrades.push({ outlet: m.outlet, grade: m.grade });
    const selections = list(s.PlainTextSelection);
    for (const sel of selections) {
      const sm = parseMeta(textOf(sel.Description)) ?? {};
      const startCp = Number(attr(sel, 'startPosition'));
      const endCp = Number(attr(sel, 'endPosition'));
      const start = toUtf16(text, startCp);
      const end = toUtf16(text, endCp);
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
          eventKey: sm.group ?? '',
          ...(sm.layer === 'coder' || sm.layer === 'consensus' ? { layerHint: sm.layer } : {}),
        });
      }
    }
  }
  return bundle;
}
