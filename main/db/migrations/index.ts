import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import { initial } from './0001-initial';
import { coding } from './0002-coding';
import { scoreModel } from './0003-score';
import { importLookups } from './0004-import-lookups';
import { exchange } from './0005-exchange';
import { startCounts } from './0006-start-counts';
import { changeAnalyst } from './0007-change-analyst';
import { coderLayers } from './0009-coder-layers';
import { settingConflicts } from './0010-setting-conflicts';
import { suggestions } from './0013-suggestions';
import { nearDuplicates } from './0014-near-duplicates';
import { oneWritePath } from './0015-one-write-path';
import { deskIdentity } from './0016-desk-identity';
import { deskConflicts } from './0017-desk-conflicts';
import { layerCounts } from './0022-layer-counts';
import { deskCarry } from './0023-desk-carry';
import { lighterFingerprints } from './0024-lighter-fingerprints';
import { recentBands } from './0025-recent-bands';
import type { Migration } from './types';
import { present } from '../../../shared/domain/present';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  coding,
  scoreModel,
  importLookups,
  exchange,
  startCounts,
  changeAnalyst,
  coderLayers,
  settingConflicts,
  suggestions,
  nearDuplicates,
  oneWritePath,
  deskIdentity,
  deskConflicts,
  layerCounts,
  deskCarry,
  lighterFingerprints,
  recentBands,
];

export const SCHEMA_VERSION = present(MIGRATIONS.at(-1), 'a migration').version;

/** The oldest workspace schema whose desk snapshot this Parley takes: every migration since is local-only. */
export const OLDEST_SNAPSHOT_SCHEMA = (() => {
  let oldest = SCHEMA_VERSION;
  for (const m of [...MIGRATIONS].reverse()) {
    if (!m.localOnly || m.version !== oldest) break;
    oldest = m.version - 1;
  }
  return oldest;
})();

export function newerSchemaError(found: number): ApiError {
  return new ApiError(
    'NEWER_SCHEMA',
    `This workspace was written by a newer Parley (schema version ${found}; this Parley knows up to ${SCHEMA_VERSION}). ` +
      'It has not been touched. Open it with that newer version, or choose another workspace.',
  );
}

/**
 * Brings the database to SCHEMA_VERSION, applying every pending step in one
 * transaction; a failing step leaves the database as it was.
 * Returns the version found before migrating.
 */
export function migrate(db: Database.Database): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > SCHEMA_VERSION) throw newerSchemaError(found);
  if (found === SCHEMA_VERSION) return found;
  db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= found) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return found;
}
