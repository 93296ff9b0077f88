/**
 * Sorting each file read into ready, duplicate (the same text, or nearly the
 * same, as another file of the import or a saved article) and look-alike (a
 * saved article with the same URL or title, or nearly the same text: the
 * analyst decides). Of two files of one import that are the same article, the
 * one that says more about itself is imported, with what only the other says.
 */
import type { Db } from '../../db/connection';
import { articleByHash, lookAlike } from '../../db/importLookups';
import { nearestArticle } from '../../db/nearDuplicates';
import {
  bandKeys,
  mayBeSameAt,
  paragraphDifference,
  sameArticle,
  SIGNATURE_SIZE,
  SKETCH_WORDS,
  sketchInto,
  sketchMayBeSame,
  textSimilarity,
} from '../../../shared/text/fingerprint';
import type { ImportJob, JobItem } from './jobs';
import { present } from '../../../shared/domain/present';

/** A read file's fingerprint: set when it was read, before it is classified. */
const signature = (item: JobItem): Uint32Array => present(item.signature, `the fingerprint of ${item.fileName}`);

/** Ready, a duplicate of something already imported, or a look-alike for the analyst to decide on. */
export function classify(job: ImportJob, item: JobItem, seen: BatchIndex): void {
  const db = job.ctx.workspace.db;
  const inBatch = seen.byHash.get(item.hash);
  const inWorkspace = articleByHash(db, item.hash);
  if (inWorkspace) {
    item.status = 'duplicate';
    item.existing = { id: inWorkspace.id, title: inWorkspace.title, publishedOn: inWorkspace.publishedOn };
    item.reason = `Already in the workspace as “${inWorkspace.title}” (${inWorkspace.publishedOn}); the same text is not imported twice.`;
    return;
  }
  if (inBatch) {
    // The same text twice (a page and its text copy): imported once, as the copy that says more about itself.
    keepRicher(job, inBatch, item, seen);
    return;
  }
  const near = nearestArticle(db, signature(item), item.text);
  if (near) {
    item.status = 'conflict';
    item.existing = { id: near.id, title: near.title, publishedOn: near.publishedOn };
    item.nearDuplicate = { similarity: near.similarity, otherFile: null, ...paragraphDifference(item.text, near.text) };
    item.reason =
      `Nearly the same text as “${near.title}” (${near.publishedOn}), already in the workspace (${percent(near.similarity)} alike): ` +
      'the same article in another format? Skip it, keep both, put this text into the saved one, or merge.';
    return;
  }
  const twin = seen.nearest(item);
  if (twin) {
    keepRicher(job, twin, item, seen);
    return;
  }
  lookAlikeOrReady(db, item);
  seen.add(item);
}

function lookAlikeOrReady(db: Db, item: JobItem): void {
  const like = lookAlike(db, item.url, item.title, item.hash);
  if (like) {
    item.status = 'conflict';
    item.existing = { id: like.id, title: like.title, publishedOn: like.publishedOn };
    item.reason =
      `The workspace already has an article with the same ${like.by === 'url' ? 'URL' : 'title'} but different text ` +
      `(“${like.title}”, ${like.publishedOn}). Keep both, or replace the old one.`;
    return;
  }
  item.status = 'ready';
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/** How much a file says about itself beyond its text: a date above all (tags score on it), then URL, author, outlet. */
function richness(i: JobItem): number {
  return (i.dateUnknown ? 0 : 8) + (i.url ? 4 : 0) + (i.author ? 2 : 0) + (i.outlet ? 1 : 0);
}

/**
 * Whether `other` is the better copy of the same article than `kept`: it says more about itself, or as much and its
 * paragraphs are the file's own where the kept one's were rebuilt from a PDF's line geometry (a full-width line
 * before a heading can run into it there; the Word or web copy of the same text has no such doubt).
 */
function better(other: JobItem, kept: JobItem): boolean {
  const [a, b] = [richness(other), richness(kept)];
  return a > b || (a === b && kept.format === 'PDF' && other.format !== 'PDF');
}

/**
 * Two files of one import are the same article (a web page and its Word copy): one is imported, the
 * one that says more about itself (at a tie, not the PDF), with what only the other says (an author, a URL) filled in.
 */
function keepRicher(job: ImportJob, kept: JobItem, other: JobItem, seen: BatchIndex): void {
  let [winner, loser] = [kept, other];
  if (better(other, kept)) {
    [winner, loser] = [other, kept];
    seen.replace(kept, other);
    lookAlikeOrReady(job.ctx.workspace.db, other);
  }
  winner.title ||= loser.title;
  winner.outlet ||= loser.outlet;
  winner.author ||= loser.author;
  winner.url ||= loser.url;
  if (winner.dateUnknown && !loser.dateUnknown) {
    winner.publishedOn = loser.publishedOn;
    winner.dateUnknown = false;
  }
  loser.status = 'duplicate';
  loser.existing = null;
  pointAt(loser, winner);
  seen.follow(winner, loser);
}

const sameTextReason = (kept: JobItem) => `The same text as ${kept.fileName} in this import; it is imported once, as ${kept.fileName}.`;

/** Says which file of the import a duplicate went into (again, when a richer copy took that file's place). */
function pointAt(dup: JobItem, kept: JobItem): void {
  if (dup.hash === kept.hash) {
    dup.reason = sameTextReason(kept);
    return;
  }
  const s = textSimilarity(dup.text, kept.text);
  dup.nearDuplicate = { similarity: s, otherFile: kept.fileName, ...paragraphDifference(dup.text, kept.text) };
  dup.reason = `Nearly the same text as ${kept.fileName} in this import (${percent(s)} alike): the same article, imported once, as ${kept.fileName}.`;
}

/** `into` (a larger array of the same kind) with `from`'s values at its start. */
function grown<A extends Uint32Array | Int32Array>(from: A, into: A): A {
  into.set(from);
  return into;
}

/** The files of this import kept so far, by text hash and by near-duplicate band key. */
export class BatchIndex {
  readonly byHash = new Map<string, JobItem>();
  /** Kept files by band key, as positions in `kept` (numbers: a look-up marks what it tried in an array, not a set). */
  private readonly byBand = new Map<number, number[]>();
  private readonly kept: JobItem[] = [];
  private readonly position = new Map<JobItem, number>();
  /** The look-up that last tried each kept file: a file in several of the bands is measured once. */
  private triedIn = new Uint32Array(1024);
  /** Kept files' signatures end to end, by position: a look-up compares thousands of them (files that share a template). */
  private signatures = new Uint32Array(1024 * SIGNATURE_SIZE);
  /** Their sketches, by position: the first, cheaper test (sketchMayBeSame). */
  private sketches = new Int32Array(1024 * SKETCH_WORDS);
  private readonly sketch = new Int32Array(SKETCH_WORDS);
  private lookUps = 0;
  /** The duplicates that went into each kept file. */
  private readonly followers = new Map<JobItem, JobItem[]>();

  follow(kept: JobItem, dup: JobItem): void {
    const list = this.followers.get(kept);
    if (list) list.push(dup);
    else this.followers.set(kept, [dup]);
  }

  add(item: JobItem): void {
    this.byHash.set(item.hash, item);
    const at = this.kept.push(item) - 1;
    this.position.set(item, at);
    if (this.signatures.length < this.kept.length * SIGNATURE_SIZE) {
      this.signatures = grown(this.signatures, new Uint32Array(this.signatures.length * 2));
      this.sketches = grown(this.sketches, new Int32Array(this.sketches.length * 2));
    }
    this.signatures.set(signature(item), at * SIGNATURE_SIZE);
    sketchInto(signature(item), this.sketches, at * SKETCH_WORDS);
    for (const key of bandKeys(signature(item))) {
      const list = this.byBand.get(key);
      if (list) list.push(at);
      else this.byBand.set(key, [at]);
    }
  }

  /** A richer copy takes a kept file's place: texts equal to the old one's, and its duplicates, now go to the new. */
  replace(old: JobItem, item: JobItem): void {
    const at = present(this.position.get(old), `the place of ${old.fileName}`);
    this.position.delete(old);
    for (const key of bandKeys(signature(old))) {
      const list = this.byBand.get(key);
      if (list) list.splice(list.indexOf(at), 1);
    }
    this.add(item);
    this.byHash.set(old.hash, item);
    for (const dup of this.followers.get(old) ?? []) {
      pointAt(dup, item);
      this.follow(item, dup);
    }
    this.followers.delete(old);
  }

  nearest(of: JobItem): JobItem | null {
    let best: { item: JobItem; s: number } | null = null;
    if (this.triedIn.length < this.kept.length) this.triedIn = grown(this.triedIn, new Uint32Array(this.kept.length * 2));
    const lookUp = ++this.lookUps;
    const sig = signature(of);
    sketchInto(sig, this.sketch, 0);
    for (const key of bandKeys(sig)) {
      const list = this.byBand.get(key);
      if (!list) continue;
      for (const at of list) {
        if (this.triedIn[at] === lookUp) continue;
        this.triedIn[at] = lookUp;
        // Files that share a template meet in many bands (the benchmark's pages: 1.7 million pairs in 10,000 files); nearly all fail here.
        if (!sketchMayBeSame(this.sketch, this.sketches, at * SKETCH_WORDS)) continue;
        if (!mayBeSameAt(sig, this.signatures, at * SIGNATURE_SIZE)) continue;
        const item = present(this.kept[at], 'a kept file');
        const s = sameArticle(
          sig,
          signature(item),
          () => of.text,
          () => item.text,
        );
        if (s !== null && (!best || s > best.s)) best = { item, s };
      }
    }
    return best?.item ?? null;
  }
}
