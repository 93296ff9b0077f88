/**
 * One key per code in the tag popover. A key the analyst set in the codebook
 * (the code's `shortcut`) is kept; the other codes get the next free key, the
 * most used codes first, so that a codebook of 300 codes keeps its first keys
 * for the codes tagged most. Codes beyond the keys available are reached
 * through the popover's code search.
 */

/** The keys codes may have, in the order they are handed out (never the popover's own letters: A source, B adjust, C confidence, N note, R relationship, S swap, T target). */
export const CODE_KEYS: readonly string[] = [...'123456789', ...'defghijklmopquvwxyz'];

export interface KeyedCode {
  id: number;
  parentId: number | null;
  shortcut: string | null;
}

/**
 * code id → key. `uses` counts tags per code id (missing: 0); ties keep the
 * codebook's order with top-level codes before subtypes.
 */
export function assignCodeKeys(codes: readonly KeyedCode[], uses: ReadonlyMap<number, number> = new Map()): Map<number, string> {
  const keys = new Map<number, string>();
  const taken = new Set<string>();
  for (const c of codes) {
    const k = c.shortcut?.toLowerCase();
    if (k && CODE_KEYS.includes(k) && !taken.has(k)) {
      keys.set(c.id, k);
      taken.add(k);
    }
  }
  const order = codes.map((c, i) => ({ c, i }));
  order.sort((x, y) => (uses.get(y.c.id) ?? 0) - (uses.get(x.c.id) ?? 0) || Number(x.c.parentId !== null) - Number(y.c.parentId !== null) || x.i - y.i);
  const free = CODE_KEYS.filter((k) => !taken.has(k));
  for (const { c } of order) {
    if (keys.has(c.id)) continue;
    const k = free.shift();
    if (!k) break;
    keys.set(c.id, k);
  }
  return keys;
}

