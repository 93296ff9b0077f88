/**
 * Blind double-coding: a package for a second coder with the chosen articles,
 * the codebook, the actors and relationships, and no tags — nothing of the
 * analyst's coding, history or settings. It is a Parley workspace: the
 * colleague opens it in their own Parley, sets their name, codes, and sends
 * the file back; merging it (export:import) brings their passages in as their
 * coder layer (docs/agreement.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportedFile } from '../../shared/api/exchange';
import { ApiError } from '../../shared/api/errors';
import { getArticle } from '../db/articles';
import { openCopy, stripCopy, vacuumInto } from '../db/files';
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
  'merge_setting_conflicts',
];

export function exportCodingPackage(ctx: AppContext, articleIds: readonly number[]): ExportedFile {
  const { db } = ctx.workspace;
  const ids = [...new Set(articleIds)];
  for (const id of ids) if (!getArticle(db, id)) throw new ApiError('NOT_FOUND', `There is no article with id ${id}; nothing was exported.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-package-'));
  try {
    const file = path.join(dir, 'package.sqlite');
    vacuumInto(db, file);
    const copy = openCopy(file);
    try {
      stripCopy(copy, CLEARED, ids);
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
