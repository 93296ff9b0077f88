/**
 * How an import's save is paced. At 100,000 articles a commit costs far more
 * than the rows it adds: every page the transaction touched is written to the
 * log, synced and (past 1,000 pages) copied into the database file, and the
 * near-duplicate band index's random keys touch nearly all of its leaves in
 * every chunk (500 files: ~6,700 pages, 27 MB written twice per commit; bench
 * `import`). So chunks grow to about CHUNK_MS each, the fingerprints (derived
 * data) are written in large batches after the articles, and the log is copied
 * into the database once, at the end, rather than at every commit.
 */
import type { Db } from '../../db/connection';
import { saveFingerprints } from '../../db/nearDuplicates';
import { isDiskFull } from '../../db/checkpoints';
import type { JobItem } from './jobs';

/** The first chunk, as before: a cancel right after saving starts keeps this many. */
const FIRST_CHUNK = 500;
/** A cap as well as the time: a chunk never holds more than this many files however fast they go. */
const MAX_CHUNK = 20_000;
/** A chunk's transaction holds the workspace thread: the interface's requests wait up to about this long. */
const CHUNK_MS = 1_000;

/** Chunk sizes from the pace so far: each transaction takes about CHUNK_MS, never fewer files than the first chunk. */
export class ChunkPace {
  size = FIRST_CHUNK;

  done(files: number, ms: number): void {
    const perFile = ms / Math.max(1, files);
    this.size = Math.max(FIRST_CHUNK, Math.min(MAX_CHUNK, Math.round(CHUNK_MS / Math.max(perFile, 1e-3))));
  }
}

/**
 * Fingerprints of saved articles, written in batches of BATCH in transactions
 * of their own. They are derived from the text: if Parley stops before a batch is
 * written, the next import fingerprints those articles first (fingerprintMissing).
 */
const BATCH = 10_000;

export class PendingFingerprints {
  private pending: { articleId: number; signature: Uint32Array }[] = [];

  constructor(private readonly db: Db) {}

  add(saved: readonly JobItem[]): void {
    for (const item of saved)
      if (item.signature && item.articleId !== null) this.pending.push({ articleId: item.articleId, signature: item.signature });
    if (this.pending.length >= BATCH) this.flush();
  }

  /** Writes what is pending; a failure (a full disk) leaves those articles to be fingerprinted at the next import. */
  flush(): void {
    const list = this.pending;
    this.pending = [];
    if (list.length === 0) return;
    try {
      this.db.transaction(() => saveFingerprints(this.db, list)).immediate();
    } catch (err) {
      // The articles are saved whole; only the derived index is behind, and fingerprintMissing catches it up.
      if (!isDiskFull(err)) throw err;
    }
  }
}
