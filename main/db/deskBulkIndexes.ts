/**
 * A large pull's index holiday (issue 18: a first sync of 100,000 articles and
 * 1,000,000 passages). Kept row by row, the full-text index and the secondary
 * indexes cost most of a pulled row: FTS5 adds a tiny segment per article and
 * merges them again and again, and a passage's random-order index keys each
 * dirty a page of their own. For a pull that brings more than the workspace
 * holds, the full-text triggers and the secondary indexes the apply does not
 * need go before it, and come back after it, built once from the rows
 * (`'rebuild'`, CREATE INDEX sorts): the same schema, the same index contents.
 *
 * What goes is written down (the exact SQL of every dropped index and trigger)
 * in the settings table in the same transaction as the drop, so a cut at any
 * point (the desk gone, the laptop's power gone) leaves a note that
 * finishBulkIndexes, run by the pull's end and by the next opening of the
 * workspace, acts on. Some indexes stay, since the apply reads them: the
 * unique ones (a row found by uid, an article by its text's hash, a repeat
 * refused), those led by a foreign key (a parent's delete reads them: an
 * article's passages go by cascade, an event's delete checks its passages),
 * and the articles' by day (a pulled article is compared with this laptop's
 * own of its day). The ones that go are the library's orders and the score's
 * (led by the source actor, but an actor's delete, rare, reads the passages
 * without it, as it does for the target actor, which has no index).
 */
import type { Db } from './connection';
import { deleteSetting, getSetting, setSetting } from './settings';
import { stmt } from './statements';

/** The settings key of the note: the SQL of what was dropped, as JSON, while the indexes are not back. */
export const BULK_PENDING_KEY = 'desk.bulkIndexesPending';

/** The tables a first sync fills, and their full-text indexes (external content: rebuilt from the table). */
const BULK_TABLES = ['articles', 'annotations'] as const;
const FTS_OF: Readonly<Record<(typeof BULK_TABLES)[number], string>> = { articles: 'articles_fts', annotations: 'notes_fts' };
/** Kept for the apply's sake besides the unique and foreign-key ones (see above). */
const KEPT_INDEXES: ReadonlySet<string> = new Set(['articles_published']);

interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

/** The objects a bulk pull drops: the tables' non-unique secondary indexes, their full-text and score triggers. */
function droppable(db: Db): SchemaObject[] {
  const objects = db
    .prepare(
      `SELECT m.type, m.name, m.sql FROM sqlite_master m
       WHERE m.tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')}) AND m.sql IS NOT NULL
         AND ((m.type = 'index'
               AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.tbl_name) l WHERE l.name = m.name AND l."unique" = 1)
               AND NOT EXISTS (SELECT 1 FROM pragma_index_info(m.name) i, pragma_foreign_key_list(m.tbl_name) f
                               WHERE i.seqno = 0 AND i.name = f."from"))
           OR (m.type = 'trigger' AND (m.sql LIKE '%\\_fts%' ESCAPE '\\' OR m.sql LIKE '%score_generation%')))
       ORDER BY m.type, m.name`,
    )
    .all(...BULK_TABLES) as SchemaObject[];
  return [...objects.filter((o) => !KEPT_INDEXES.has(o.name)), ...scoreIndex(db)];
}

/** The score's index of passages (see above): the costliest to keep row by row (its keys come in no order). */
function scoreIndex(db: Db): SchemaObject[] {
  return db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE type = 'index' AND name = 'annotations_scoring'")
    .all() as SchemaObject[];
}

/** Whether a bulk pull's indexes are still to be rebuilt (search is then incomplete). */
export function bulkIndexesPending(db: Db): boolean {
  return getSetting(db, BULK_PENDING_KEY) !== null;
}

/**
 * Drops the indexes and triggers, noting them, in one transaction. Nothing is dropped twice: with a note there
 * already (a cut pull resumed), the note stands.
 */
export function beginBulkIndexes(db: Db): void {
  db.transaction(() => {
    if (bulkIndexesPending(db)) return;
    const objects = droppable(db);
    setSetting(db, BULK_PENDING_KEY, JSON.stringify(objects));
    // Names come from sqlite_master itself, never from a pulled set.
    for (const o of objects) db.exec(`DROP ${o.type === 'index' ? 'INDEX' : 'TRIGGER'} IF EXISTS "${o.name}"`);
  }).immediate();
}

/** What the dropped score triggers would have done for the rows a batch brought: the score caches start again. */
export function bumpScoreGeneration(db: Db): void {
  stmt(db, 'UPDATE score_generation SET generation = generation + 1').run();
}

/**
 * The last part of either build, inside its transaction once the full-text indexes are complete: every object the
 * note lists that is not there yet (indexes before triggers), the score caches started again, the note gone.
 */
function putBack(db: Db, objects: readonly SchemaObject[]): void {
  const present = new Set(db.prepare('SELECT name FROM sqlite_master').pluck().all() as string[]);
  for (const o of [...objects].sort((a, b) => a.type.localeCompare(b.type))) if (!present.has(o.name)) db.exec(o.sql);
  bumpScoreGeneration(db);
  deleteSetting(db, BULK_PENDING_KEY);
}

/**
 * Puts back everything the note lists and rebuilds both full-text indexes from their tables, in one
 * transaction, then removes the note. Returns the milliseconds it took (0 when nothing was pending).
 */
export function finishBulkIndexes(db: Db): number {
  const note = getSetting(db, BULK_PENDING_KEY);
  if (note === null) return 0;
  const started = performance.now();
  const objects = JSON.parse(note) as SchemaObject[];
  db.transaction(() => {
    for (const t of BULK_TABLES) db.exec(`INSERT INTO ${FTS_OF[t]} (${FTS_OF[t]}) VALUES ('rebuild')`);
    putBack(db, objects);
  }).immediate();
  return performance.now() - started;
}

/** The columns each full-text index takes from its table (external content: the same names, rowid = id). */
const FTS_COLUMNS: Readonly<Record<(typeof BULK_TABLES)[number], readonly string[]>> = { articles: ['title', 'text'], annotations: ['note'] };
/** Rows indexed per step: about a tenth of a second of one core (an article's text is ~400 µs of FTS5; a note far less). */
const FILL_STEP: Readonly<Record<(typeof BULK_TABLES)[number], number>> = { articles: 250, annotations: 5_000 };

/** Builds in progress, by connection: the API's dispatcher holds writes until the build ends (main/api/dispatch.ts). */
const building = new WeakMap<Db, Promise<number>>();

/** The build of a bulk pull's indexes now running on this connection, if any. */
export function bulkIndexBuild(db: Db): Promise<number> | null {
  return building.get(db) ?? null;
}

/**
 * finishBulkIndexes in steps of about a tenth of a second, with `pause` between them, so that the workspace keeps
 * answering reads (the library, an article, the desk's status) while a first sync's 100,000 articles are indexed,
 * a minute's work at that size. Correct only if nothing writes the two tables between steps: the API holds every
 * write while bulkIndexBuild is set. Each step commits, and a cut between steps leaves the note: the next opening
 * rebuilds in one go (finishBulkIndexes). Returns the milliseconds it took.
 */
export function finishBulkIndexesInSteps(
  db: Db,
  pause: () => Promise<void>,
  onStep: (done: number, total: number) => void = () => {},
): Promise<number> {
  const running = building.get(db);
  if (running) return running;
  if (!bulkIndexesPending(db)) return Promise.resolve(0);
  const build = (async () => {
    const started = performance.now();
    const objects = JSON.parse(getSetting(db, BULK_PENDING_KEY) ?? '[]') as SchemaObject[];
    // Whatever the index held before the pull may be stale (a pulled update of an article here): it starts empty.
    db.transaction(() => {
      for (const t of BULK_TABLES) db.exec(`INSERT INTO ${FTS_OF[t]} (${FTS_OF[t]}) VALUES ('delete-all')`);
    }).immediate();
    const through: Record<(typeof BULK_TABLES)[number], number> = { articles: 0, annotations: 0 };
    const indexes = objects.filter((x) => x.type === 'index');
    // Steps, for the desk's status: each table's fill, one an index, and the last transaction.
    const rowsOf = (t: string) => stmt(db, `SELECT count(*) FROM ${t}`).pluck().get() as number;
    const steps = BULK_TABLES.reduce((n, t) => n + Math.ceil(rowsOf(t) / FILL_STEP[t]), 0) + indexes.length + 1;
    let done = 0;
    const stepped = async () => {
      onStep(Math.min(++done, steps), steps);
      await pause();
    };
    onStep(0, steps);
    /** Indexes the next `limit` rows of `t` after those done; returns how many it took. */
    const fill = (t: (typeof BULK_TABLES)[number], limit: number) => {
      const cols = FTS_COLUMNS[t].join(', ');
      const last = stmt(db, `SELECT max(id) FROM (SELECT id FROM ${t} WHERE id > ? ORDER BY id LIMIT ?)`).pluck().get(through[t], limit) as
        | number
        | null;
      if (last === null) return 0;
      stmt(db, `INSERT INTO ${FTS_OF[t]} (rowid, ${cols}) SELECT id, ${cols} FROM ${t} WHERE id > ? AND id <= ?`).run(through[t], last);
      through[t] = last;
      return limit;
    };
    for (const t of BULK_TABLES) {
      while (db.transaction(() => fill(t, FILL_STEP[t])).immediate() > 0) await stepped();
    }
    // The indexes one by one (a million passages' index is seconds of sorting), then the rest and the triggers together.
    for (const o of indexes) {
      const present = stmt(db, 'SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(o.name) as number;
      if (present === 0) db.exec(o.sql);
      await stepped();
    }
    db.transaction(() => {
      for (const t of BULK_TABLES) while (fill(t, Number.MAX_SAFE_INTEGER) > 0);
      putBack(db, objects);
    }).immediate();
    onStep(steps, steps);
    return performance.now() - started;
  })().finally(() => building.delete(db));
  building.set(db, build);
  return build;
}

/** Below this much waiting on the desk (stored, compressed bytes), a pull keeps its indexes as it goes. */
const BULK_MIN_BYTES = 2 ** 20;

/**
 * Whether a pull of `bytes` (as the desk stores them, compressed about twice) should go without its indexes: when
 * it brings about as much as the workspace holds already, building them once afterwards costs less than keeping
 * them row by row, and the rebuild (which reads the whole workspace) stays in proportion to the pull.
 */
export function worthBulk(db: Db, bytes: number): boolean {
  if (bytes < BULK_MIN_BYTES) return false;
  const pages = (db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number);
  return 2 * bytes >= pages * (db.pragma('page_size', { simple: true }) as number);
}
