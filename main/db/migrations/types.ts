import type Database from 'better-sqlite3';

export interface Migration {
  /** The PRAGMA user_version this migration brings the database to. */
  version: number;
  name: string;
  up(db: Database.Database): void;
  /**
   * Changes only what each laptop keeps for itself (derived indexes), nothing a desk's change sets carry: a desk
   * snapshot built by the Parley before it holds everything this one's would, and is taken and migrated.
   */
  localOnly?: true;
}
