/**
 * Word tokens with their offsets in the article text. Abbreviations with dots
 * ("U.S.") stay one token so actor aliases match; quotes and commas are tokens
 * of their own because negation and quotation rules stop at them.
 */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

// Possessives and contractions split off ("Pakistan's" -> "Pakistan", "'s"; "don't" -> "don", "'t").
const TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|['’]\p{L}+|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    const t = m[0];
    out.push({ text: t, lower: t.toLowerCase().replace(/’/g, "'"), start: from + m.index, end: from + m.index + t.length });
  }
  return out;
}

/** A crude English stem for features and noun matching: plural and verb endings off. */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('es') && /(s|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export const isWord = (t: Token | undefined): boolean => t !== undefined && /[\p{L}\p{N}]/u.test(t.text[0] ?? '');
