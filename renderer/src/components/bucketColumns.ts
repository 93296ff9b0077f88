import type { Code } from '../../../shared/api/schemas';

/** One column of the calendar: a top-level code's total (its own tags and all its subtypes'), or one subtype. */
export interface BucketColumn {
  id: string;
  name: string;
  /** The full name, for the header's tooltip (a subtype under its code). */
  title: string;
  keys: string[];
  total: boolean;
}

/**
 * The calendar's code columns from the code keys the buckets count: one total
 * per top-level code, each followed by its subtypes when those are shown.
 * Keys the codebook no longer has (a code deleted since) keep a column of their own under the key.
 */
export function bucketColumns(keys: readonly string[], codes: readonly Code[], withSubtypes: boolean): BucketColumn[] {
  const byKey = new Map(codes.map((c) => [c.key, c]));
  const byId = new Map(codes.map((c) => [c.id, c]));
  const rootOf = (c: Code): Code => {
    let r = c;
    for (let guard = 0; r.parentId !== null && guard < 20; guard++) r = byId.get(r.parentId) ?? r;
    return r;
  };
  const roots = new Map<string, { root: Code | null; name: string; keys: string[] }>();
  for (const key of keys) {
    const code = byKey.get(key);
    const root = code ? rootOf(code) : null;
    const id = root?.key ?? key;
    const entry = roots.get(id) ?? { root, name: root?.name ?? key, keys: [] };
    entry.keys.push(key);
    roots.set(id, entry);
  }
  // Top-level codes in codebook order (threat, overture, concession, then the analyst's own).
  const order = (id: string) => {
    const i = codes.findIndex((c) => c.key === id);
    return i < 0 ? codes.length : i;
  };
  const columns: BucketColumn[] = [];
  for (const [id, entry] of [...roots].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))) {
    columns.push({ id, name: entry.name, title: `${entry.name}: all its tags, subtypes included`, keys: entry.keys, total: true });
    if (!withSubtypes) continue;
    for (const key of entry.keys.filter((k) => k !== id).sort((a, b) => order(a) - order(b))) {
      const name = byKey.get(key)?.name ?? key;
      columns.push({ id: key, name, title: `${entry.name} › ${name}`, keys: [key], total: false });
    }
  }
  return columns;
}
