/** The settings table: one text value per key (analyst, marks, backup rotation, desk state). */
import type { Db } from './connection';
import { stmt } from './statements';

export function getSetting(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteSetting(db: Db, key: string): void {
  stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

export const ANALYST_SETTING = 'analyst.name';

/** The name of this workspace's own analyst ('' until set). */
export function workspaceAnalyst(db: Db): string {
  return getSetting(db, ANALYST_SETTING) ?? '';
}
