/**
 * Blind double-coding: a package for a second coder with the chosen articles,
 * the codebook, the actors and relationships, and no tags — nothing of the
 * analyst's coding, history or settings. It is a Parley workspace: the
 * colleague opens it in their own Parley, sets their name, codes, and sends
 * the file back; merging it (export:import) brings their passages in as their
 * coder layer (docs/agreement.md).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportedFile } from '../../shared/api/exchange';
import { ApiError } from '../../shared/api/errors';
import { getArticle } from '../db/articles';
import type { AppContext } from './context';

/** Tables whose rows are the analyst's coding or history, emptied in the package. */
const CLEARED = [
  'annotations',
  'events',
  'merge_conflicts',
  'annotation_origins',
  'adjudications',
  'adjudicated_articles',
  'layer_articles',
  'settings',
  'change_log',
  'change_sets',
];

export function exportCodingPackage(ctx: AppContext, articleIds: readonly number[]): ExportedFile {
  const { db } = ctx.workspace;
  const ids = [...new Set(articleIds)];
  for (const id of ids) if (!getArticle(db, id)) throw new ApiError('NOT_FOUND', `There is no article with id ${id}; nothing was exported.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-package-'));
  try {
    const file = path.join(dir, 'package.sqlite');
    db.prepare('VACUUM INTO ?').run(file);
    const copy = new Database(file, { nativeBinding: process.env.PARLEY_NATIVE_BINDING || undefined });
    try {
      copy.pragma('foreign_keys = ON');
      const has = (t: string) => !!copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t);
      copy.transaction(() => {
        // The change log refuses deletes by trigger; the package starts a history of its own.
        const guards = copy
          .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%append-only%'")
          .all() as { name: string; sql: string }[];
        for (const g of guards) copy.exec(`DROP TRIGGER "${g.name}"`);
        for (const t of CLEARED) if (has(t)) copy.exec(`DELETE FROM "${t}"`);
        if (has('merge_setting_conflicts')) copy.exec('DELETE FROM merge_setting_conflicts');
        copy.prepare('DELETE FROM articles WHERE id NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
        for (const g of guards) copy.exec(g.sql);
      })();
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    const bytes = fs.readFileSync(file);
    const day = ctx.now().toISOString().slice(0, 10);
    return {
      fileName: `parley-coding-package-${day}-${ids.length}-articles.sqlite`,
      mimeType: 'application/vnd.sqlite3',
      encoding: 'base64',
      content: bytes.toString('base64'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
