/** The labelled passages of passages.txt, parsed: one item a line (see the file's header). */
import { DEFAULT_ACTORS } from '../../shared/domain/codebook';
import type { NamedActor } from '../../shared/nlp';

export interface LabelledPassage {
  line: number;
  kind: string;
  text: string;
  start: number;
  end: number;
  pair: [number, number];
  expected: { source: number; target: number };
}

/** Parley's default actors, with ids in their order. */
export const BENCH_ACTORS: NamedActor[] = DEFAULT_ACTORS.map((a, i) => ({ id: i + 1, code: a.code, name: a.name, aliases: a.aliases }));

function actorId(code: string, line: number): number {
  const a = BENCH_ACTORS.find((x) => x.code === code);
  if (!a) throw new Error(`passages.txt line ${line}: no actor ${code}`);
  return a.id;
}

export function parsePassages(file: string): LabelledPassage[] {
  const out: LabelledPassage[] = [];
  file.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.startsWith('#')) return;
    const parts = raw.split(' | ');
    if (parts.length !== 4) throw new Error(`passages.txt line ${line}: expected PAIR | EXPECTED | KIND | TEXT`);
    const [pair, expected, kind, marked] = parts as [string, string, string, string];
    const [a, b] = pair.split('-');
    const [s, t] = expected.split('>');
    if (!a || !b || !s || !t) throw new Error(`passages.txt line ${line}: bad pair or direction`);
    const open = marked.indexOf('[[');
    const text = marked.replace('[[', '').replace(']]', '');
    const start = open >= 0 ? open : 0;
    const end = open >= 0 ? marked.indexOf(']]') - 2 : text.length;
    out.push({
      line,
      kind,
      text,
      start,
      end,
      pair: [actorId(a, line), actorId(b, line)],
      expected: { source: actorId(s, line), target: actorId(t, line) },
    });
  });
  return out;
}
