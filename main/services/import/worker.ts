/**
 * The import reader's worker thread: parses files off the main thread, so a
 * heavy file (a 16 MB page, a long PDF) never holds up the requests the
 * interface keeps making. Built to dist/main/importWorker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { ImportRefusal } from './document';
import { readSource, type FileSource } from './readFile';

export interface ReadRequest {
  id: number;
  name: string;
  source: FileSource;
}

export type ReadResponse =
  { id: number; ok: true; doc: Awaited<ReturnType<typeof readSource>> } | { id: number; ok: false; refusal: boolean; message: string };

parentPort?.on('message', (req: ReadRequest) => {
  readSource(req.name, req.source).then(
    (doc) => parentPort!.postMessage({ id: req.id, ok: true, doc } satisfies ReadResponse),
    (err: unknown) =>
      parentPort!.postMessage({
        id: req.id,
        ok: false,
        refusal: err instanceof ImportRefusal,
        message: (err as Error).message,
      } satisfies ReadResponse),
  );
});
