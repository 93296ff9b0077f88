/**
 * The value, or an Error naming what is missing. For what the code has just
 * written or checked (a row re-read after its insert, an actor a foreign key
 * guarantees), where absence means a bug or a damaged file: it fails there,
 * with a message, rather than as an undefined three calls later.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Parley expected ${what}, and it is missing.`);
  return value;
}
