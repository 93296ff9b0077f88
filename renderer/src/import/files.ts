/**
 * Files into the import: gathered from a drop (folders walked), a file or
 * folder picker, or a paste, then sent to main as base64 in chunks that stay
 * inside browser mode's request limit.
 */
import { MAX_IMPORT_FILE_BYTES, MAX_UPLOAD_CHUNK_BYTES, type UploadFile } from '../../../shared/api/importSchemas';
import type { OpInput, OpOutput } from '../../../shared/api/contract';

/** Hidden files (".DS_Store", "._x") are passed over, as on the command line. */
const isHidden = (name: string) => name.startsWith('.');

interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

async function walkEntry(entry: EntryLike, out: { file: File; path: string }[]): Promise<void> {
  if (isHidden(entry.name)) return;
  if (entry.isFile && entry.file) {
    const read = entry.file.bind(entry);
    const file = await new Promise<File>((ok, fail) => read(ok, fail));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries returns a folder's entries in batches until it returns none.
    for (;;) {
      const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const e of batch) await walkEntry(e, out);
    }
  }
}

export interface PickedFile {
  file: File;
  /** Name shown to the analyst: the path inside a dropped or chosen folder. */
  path: string;
}

export async function filesFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = [...data.items]
    .filter((i) => i.kind === 'file')
    .map((i): EntryLike | null => (i as DataTransferItem & { webkitGetAsEntry?(): EntryLike | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length > 0 && entries.every((e): e is EntryLike => e !== null)) {
    const out: PickedFile[] = [];
    for (const e of entries) await walkEntry(e, out);
    return byPath(out);
  }
  return filesFromList(data.files);
}

/** In the order of their paths, as the command line reads a folder (a browser hands them over in no set order). */
const byPath = (files: PickedFile[]) => files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

export function filesFromList(list: FileList | null): PickedFile[] {
  return byPath(
    [...(list ?? [])]
      .map((file) => ({ file, path: file.webkitRelativePath || file.name }))
      .filter((f) => !f.path.split('/').some(isHidden)),
  );
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/**
 * Each request carries at most this much (and at most this many files). The whole body is turned
 * into JSON and handed to fetch in one task on the interface thread, so a 12 MB request would
 * block it for hundreds of milliseconds; 1 MB takes a few. A single file larger than this still
 * goes alone, in one request.
 */
const REQUEST_BYTES = 1024 * 1024;
const REQUEST_FILES = 200;

/** Sends the files to main in chunks with `upload` (import:upload, from state/importJob.ts); returns the import's id. */
export async function uploadFiles(
  files: PickedFile[],
  upload: (input: OpInput<'import:upload'>) => Promise<OpOutput<'import:upload'>>,
  onProgress: (sent: number) => void,
): Promise<string> {
  let jobId: string | undefined;
  let batch: UploadFile[] = [];
  let batchBytes = 0;
  let sent = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await upload({ jobId, files: batch });
    jobId = r.jobId;
    sent += batch.length;
    onProgress(sent);
    batch = [];
    batchBytes = 0;
  };
  for (const { file, path } of files) {
    const tooLarge = file.size > MAX_IMPORT_FILE_BYTES;
    if (batch.length >= REQUEST_FILES || (!tooLarge && batchBytes + file.size > Math.min(REQUEST_BYTES, MAX_UPLOAD_CHUNK_BYTES)))
      await flush();
    batch.push({
      name: path,
      size: file.size,
      lastModifiedMs: file.lastModified || undefined,
      // A file over the limit is not sent; main lists it as too large.
      dataBase64: tooLarge ? null : await base64Of(file),
    });
    if (!tooLarge) batchBytes += file.size;
  }
  await flush();
  if (jobId === undefined) throw new Error('There were no files to send.');
  return jobId;
}

/** Pasted text or HTML becomes a file of its own, read like any other. */
export function pastedFile(content: string, isHtml: boolean): PickedFile {
  const name = isHtml ? 'Pasted text.html' : 'Pasted text.txt';
  const file = new File([content], name, { type: isHtml ? 'text/html' : 'text/plain', lastModified: Date.now() });
  return { file, path: name };
}
