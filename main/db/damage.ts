/**
 * Which SQLite errors mean the file itself is damaged (as against busy, full
 * or a bad statement). Lives in db/ because opening a connection needs it;
 * the recovery service and the dispatcher use it too.
 */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

export function isDamageError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && DAMAGE_CODES.has(code);
}
