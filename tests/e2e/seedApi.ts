import { callBrowserServer } from '../support/remote';

/** A date `n` days before today in the analyst's calendar, YYYY-MM-DD. */
export function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface Seeded {
  relationships: { id: number; label: string; actorA: { id: number; code: string }; actorB: { id: number; code: string } }[];
  codes: Record<string, number>;
  call<T = any>(op: string, input?: unknown): Promise<T>;
  /** Adds an article of one sentence and tags the sentence (USA→IND unless `reverse`). */
  tagged(a: {
    title: string;
    daysAgo: number;
    code: string;
    reverse?: boolean;
    relationship?: number;
  }): Promise<{ articleId: number; annotationId: number }>;
}

/** Seeds a browser-mode workspace through Parley's own API, as an import would, for tests about what is shown. */
export async function seedApi(url: string): Promise<Seeded> {
  const call = <T = any>(op: string, input: unknown = {}) => callBrowserServer(url, op, input) as Promise<T>;
  const relationships = await call<Seeded['relationships']>('relationships:list');
  const codes = Object.fromEntries((await call<{ key: string; id: number }[]>('codebook:list')).map((c) => [c.key, c.id]));
  return {
    relationships,
    codes,
    call,
    async tagged(a) {
      const rel = relationships.find((r) => r.id === a.relationship) ?? relationships[0]!;
      const text = `${a.title}. Officials said so on the record.`;
      const article = await call<{ id: number }>('articles:create', {
        title: a.title,
        outlet: 'Wire Alpha',
        publishedOn: daysAgo(a.daysAgo),
        relationshipId: rel.id,
        text,
      });
      const [src, tgt] = a.reverse ? [rel.actorB.id, rel.actorA.id] : [rel.actorA.id, rel.actorB.id];
      const codeId = codes[a.code];
      if (codeId === undefined) throw new Error(`no code ${a.code}`);
      const tag = await call<{ id: number }>('annotations:create', {
        articleId: article.id,
        start: 0,
        end: a.title.length,
        codeId,
        sourceActorId: src,
        targetActorId: tgt,
      });
      return { articleId: article.id, annotationId: tag.id };
    },
  };
}
