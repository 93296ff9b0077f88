/**
 * CAMEO event code -> the workspace code that carries it. A code carries the
 * CAMEO codes named in its `cameo` field ("13" a prefix, "131-135" a range,
 * "030,036" a list), so the default codebook's subtypes and the analyst's own
 * codes take part alike; the most specific match wins. Per the CAMEO families
 * Parley scores, 05x (diplomatic cooperation) counts as an overture (03x)
 * where no code names it.
 */
import type { Code } from '../../../shared/api/schemas';

/** How many leading digits of `cameo` the spec item matches (0: no match). */
function itemMatch(item: string, cameo: string): number {
  const range = /^(\d+)-(\d+)$/.exec(item);
  if (range) {
    const [, a = '', b = ''] = range;
    if (a.length !== b.length || cameo.length < a.length) return 0;
    const head = cameo.slice(0, a.length);
    return head >= a && head <= b ? a.length : 0;
  }
  return /^\d+$/.test(item) && cameo.startsWith(item) ? item.length : 0;
}

export function specMatch(spec: string, cameo: string): number {
  let best = 0;
  for (const item of spec.split(',')) best = Math.max(best, itemMatch(item.trim(), cameo));
  return best;
}

const FAMILY_FALLBACK: Record<string, string> = { '05': '03' };

export interface CodeMapper {
  (cameo: string | null): Code | null;
}

export function codeMapper(codes: readonly Code[]): CodeMapper {
  const cache = new Map<string, Code | null>();
  const best = (cameo: string): Code | null => {
    let found: Code | null = null;
    let len = 0;
    for (const c of codes) {
      const m = c.cameo ? specMatch(c.cameo, cameo) : 0;
      if (m > len || (m === len && m > 0 && found?.parentId === null && c.parentId !== null)) {
        found = c;
        len = m;
      }
    }
    return found;
  };
  return (cameo) => {
    if (!cameo) return null;
    const hit = cache.get(cameo);
    if (hit !== undefined) return hit;
    const fallback = FAMILY_FALLBACK[cameo.slice(0, 2)];
    const code = best(cameo) ?? (fallback ? best(fallback) : null);
    cache.set(cameo, code);
    return code;
  };
}

/** The top-level code of a code (itself when it has no parent). */
export function topLevel(codes: readonly Code[], code: Code): Code {
  let c = code;
  for (let i = 0; i < 10 && c.parentId !== null; i++) {
    const parent = codes.find((x) => x.id === c.parentId);
    if (!parent) break;
    c = parent;
  }
  return c;
}
