/**
 * Saving a reviewed import. Files are saved in chunks, one transaction per
 * chunk (each file one INSERT, whole or not at all; a replacement in a savepoint
 * of its own); cancelling stops after the current chunk and keeps what was
 * saved. Chunks are sized by time and the fingerprints and the checkpoint
 * come after the articles (savePace.ts).
 */
import { ApiError } from '../../../shared/api/errors';
import { willSave, type ImportEdit } from '../../../shared/api/importSchemas';
import { isoToDay, latestAcceptableDay, localTodayIso } from '../../../shared/domain/dates';
import { getArticle, insertArticle } from '../../db/articles';
import { articleByHash } from '../../db/importLookups';
import { plural } from '../../../shared/domain/text';
import { deleteArticleRecorded } from '../articles';
import { ContinuedChangeSet, type ChangeRecorder } from '../changeRecorder';
import type { AppContext } from '../context';
import type { ImportJob, JobItem } from './jobs';
import { intoExisting } from './mergeInto';
import { ChunkPace, PendingFingerprints } from './savePace';
import { deferCheckpoints, isDiskFull } from '../../db/checkpoints';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Applies the analyst's corrections and decisions, then saves in the background. */
export function startSaving(job: ImportJob, edits: ImportEdit[]): void {
  if (job.phase !== 'review') {
    throw new ApiError(
      'CONFLICT',
      job.phase === 'done' ? 'This import has already been saved.' : 'Wait until every file has been read, then save.',
    );
  }
  const byId = new Map(job.items.map((i) => [i.id, i]));
  const editOf = new Map<number, ImportEdit>();
  for (const edit of edits) {
    const item = byId.get(edit.itemId);
    if (!item) throw new ApiError('NOT_FOUND', `There is no file number ${edit.itemId} in this import.`);
    if (edit.publishedOn !== undefined && isoToDay(edit.publishedOn) > latestAcceptableDay(job.ctx.now())) {
      throw new ApiError(
        'BAD_INPUT',
        `The date ${edit.publishedOn} for ${item.fileName} is in the future. Correct it, then save. Nothing was saved.`,
      );
    }
    editOf.set(item.id, { ...editOf.get(item.id), ...edit });
  }
  const undated = job.items.filter((item) => {
    const edit = editOf.get(item.id);
    return item.dateUnknown && !edit?.publishedOn && !edit?.acceptImportDate && willSave(item.status, edit?.decision ?? item.decision);
  });
  if (undated.length > 0) {
    const names = undated.slice(0, 3).map((i) => i.fileName);
    throw new ApiError(
      'BAD_INPUT',
      `${undated.length} file(s) give no publication date (${names.join(', ')}${undated.length > 3 ? ', …' : ''}). ` +
        'Set a date, accept the import date, or leave the file out, then save. Nothing was saved.',
    );
  }
  const importDay = localTodayIso(job.ctx.now());
  for (const item of job.items) {
    const edit = editOf.get(item.id);
    if (!edit) continue;
    if (edit.title !== undefined) item.title = edit.title;
    if (edit.outlet !== undefined) item.outlet = edit.outlet;
    if (edit.author !== undefined) item.author = edit.author;
    if (edit.url !== undefined) item.url = edit.url;
    if (edit.acceptImportDate) item.publishedOn = importDay;
    if (edit.publishedOn !== undefined) item.publishedOn = edit.publishedOn;
    if (edit.publishedOn !== undefined || edit.acceptImportDate) item.dateUnknown = false;
    if (edit.decision !== undefined) item.decision = edit.decision;
  }
  job.phase = 'saving';
  job.phaseStartedMs = Date.now();
  job.processed = 0;
  const toSave = job.items.filter((i) => i.status === 'ready' || i.status === 'conflict');
  job.total = toSave.length;
  job.running = saveAll(job, toSave);
}


async function saveAll(job: ImportJob, items: JobItem[]): Promise<void> {
  const { db } = job.ctx.workspace;
  const started = performance.now();
  // One change set for the whole save ("Import 40 articles"), though each chunk is a transaction of its own.
  const set = new ContinuedChangeSet(job.ctx);
  const pace = new ChunkPace();
  const fingerprints = new PendingFingerprints(db);
  const checkpoint = deferCheckpoints(db);
  let inSet = 0;
  try {
    for (let start = 0; start < items.length;) {
      if (job.cancelled) {
        for (const item of items.slice(start)) {
          item.status = 'cancelled';
          item.reason = 'Not saved: the import was cancelled before this file.';
        }
        break;
      }
      const chunk = items.slice(start, start + pace.size);
      job.currentFile = chunk[0]?.fileName ?? '';
      const nowMs = job.ctx.now().getTime();
      const chunkStarted = performance.now();
      const added: JobItem[] = [];
      try {
        db.transaction(() => {
          set.record(
            (rec) => {
              for (const item of chunk) if (saveOne(job.ctx, rec, item, job.relationshipId, nowMs)) added.push(item);
            },
            (fresh) => {
              inSet = (fresh ? 0 : inSet) + added.length;
              return `Import ${plural(inSet, 'article')}`;
            },
          );
        }).immediate();
      } catch (err) {
        // The chunk rolled back (a full disk at COMMIT, say): earlier chunks stay saved, this one and the rest are not.
        stopSaving(items.slice(start), err);
        break;
      }
      const chunkMs = performance.now() - chunkStarted;
      fingerprints.add(added);
      start += chunk.length;
      pace.done(chunk.length, chunkMs);
      job.processed = start;
      await yieldToEventLoop();
    }
  } finally {
    fingerprints.flush();
    checkpoint.restore();
  }
  job.stageMs.save += performance.now() - started;
  job.currentFile = '';
  job.phase = 'done';
}

function stopSaving(notSaved: JobItem[], err: unknown): void {
  const reason = isDiskFull(err)
    ? 'Not saved: the disk is full. Free some space and import this file again; the files saved before it are kept.'
    : `Not saved: ${(err as Error).message}. The files saved before it are kept.`;
  for (const item of notSaved) {
    if (item.status !== 'saved' && item.status !== 'ready' && item.status !== 'conflict') continue;
    item.status = 'failed';
    item.articleId = null;
    item.reason = reason;
  }
}

/** Saves one file; true when it became a new article (what the change set's label counts). */
function saveOne(ctx: AppContext, rec: ChangeRecorder, item: JobItem, relationshipId: number | null, nowMs: number): boolean {
  const { db } = ctx.workspace;
  const decision = item.decision ?? (item.status === 'ready' ? 'import' : null);
  if (decision === 'skip' || decision === null) {
    item.status = 'skipped';
    item.reason =
      decision === null
        ? 'Not imported: choose skip, keep both, replace, replace the text or merge for this file.'
        : 'Skipped, as you chose.';
    return false;
  }
  if ((decision === 'merge' || decision === 'replace-text') && item.existing) {
    try {
      item.reason = db.transaction(() => intoExisting(ctx, item, decision))();
      item.status = 'saved';
      item.articleId = item.existing.id;
    } catch (err) {
      item.status = 'failed';
      item.reason = `Not merged: ${(err as Error).message}`;
    }
    return false;
  }
  // A file is one INSERT, which SQLite makes whole or nothing by itself; only a replacement (a delete, then the
  // insert) needs a savepoint of its own. A savepoint per file cost a third of the saving time (bench `import`).
  const replacing = decision === 'replace' && item.existing !== null;
  try {
    const save = () => {
      if (decision === 'replace' && item.existing) {
        const old = getArticle(db, item.existing.id);
        if (old && old.annotationCount > 0) {
          item.status = 'failed';
          item.reason = `Not replaced: “${old.title}” has ${old.annotationCount} tag(s) that replacing would delete. Keep both instead.`;
          return false;
        }
        if (old) deleteArticleRecorded(db, rec, old.id);
      }
      const id = insertArticle(
        db,
        {
          title: item.title,
          outlet: item.outlet,
          author: item.author,
          url: item.url,
          publishedOn: item.publishedOn,
          text: item.text,
          wordCount: item.wordCount,
          contentHash: item.hash,
          relationshipId,
        },
        nowMs,
      );
      rec.created('articles', 'article', id);
      item.status = 'saved';
      item.articleId = id;
      item.reason = decision === 'replace' ? 'Saved, replacing the older version.' : '';
      return true;
    };
    return replacing ? db.transaction(save)() : save();
  } catch (err) {
    // A full disk stops the whole import (the chunk rolls back) rather than failing file after file.
    if (isDiskFull(err)) throw err;
    // The statement (or the savepoint) rolled back this file alone; the rest of the chunk goes on.
    const same = (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? articleByHash(db, item.hash) : null;
    if (same) {
      // Another import saved the same text after this one was read.
      item.status = 'duplicate';
      item.reason = `Already in the workspace as “${same.title}” (${same.publishedOn}); the same text is not imported twice.`;
    } else {
      item.status = 'failed';
      item.reason = `Not saved: ${(err as Error).message}.`;
    }
    return false;
  }
}
