/**
 * The main thread's side of the workspace worker: the same `Dispatch` the
 * transports always called, now answered by the worker over one ordered
 * channel. The main thread parses HTTP and IPC and never runs SQL, so a cold
 * score series, a backup or a merge no longer holds up its event loop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Envelope } from '../../shared/api/errors';
import type { Dispatch } from '../api/dispatch';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

/** An answer ready for HTTP: its status and the envelope as JSON bytes. */
export interface JsonAnswer {
  status: number;
  json: Uint8Array;
}

export interface WorkspaceHost {
  dispatch: Dispatch;
  /** Browser mode's form: the raw JSON body in, JSON bytes out; parsing and encoding (megabytes for an export or a merge) run in the worker. */
  dispatchJson(op: string, body: Uint8Array): Promise<JsonAnswer>;
  /** The workspace's real path, as the worker opened it. */
  path: string;
  /** Lets requests already sent finish, stops the daily backups and closes the workspace; resolves once the worker is gone. */
  close(): Promise<void>;
}

export interface HostOptions extends WorkerStart {
  /** The worker died without being asked to (a bug or out of memory): the transports must stop, the workspace is no longer served. */
  onCrash?(err: Error): void;
  /** The bundle to run (default: workspaceWorker.cjs beside this bundle). */
  script?: string;
  /** The desktop app keeps a desk password the analyst gave with the OS credential store (null: remove it). */
  onDeskPassword?(user: string, password: string | null): void;
}

const lost = (why: string): Envelope<never> => ({
  ok: false,
  error: { code: 'INTERNAL', message: `Parley's workspace thread stopped (${why}). Restart Parley; work saved before this is intact.` },
});

export function workerScript(): string {
  const script = path.join(__dirname, 'workspaceWorker.cjs');
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: run node scripts/build.mjs`);
  return script;
}

/** Starts the worker and resolves once the workspace is open; rejects with the worker's message when it cannot be. */
export function startWorkspaceHost(opts: HostOptions): Promise<WorkspaceHost> {
  const start: WorkerStart = {
    file: opts.file,
    sampleFile: opts.sampleFile,
    nativeBinding: opts.nativeBinding,
    dailyBackups: opts.dailyBackups,
    deskSyncMs: opts.deskSyncMs ?? null,
    ...(opts.deskPasswords ? { deskPasswords: opts.deskPasswords } : {}),
  };
  const worker = new Worker(opts.script ?? workerScript(), { workerData: start });
  const pending = new Map<number, (e: Envelope<unknown> | JsonAnswer) => void>();
  let nextId = 1;
  let state: 'starting' | 'open' | 'closing' | 'gone' = 'starting';
  let closed: ((error: string | null) => void) | null = null;

  const send = (msg: ToWorker) => worker.postMessage(msg);
  const ask = (make: (id: number) => ToWorker, transfer: ArrayBuffer[] = []) =>
    new Promise<Envelope<unknown> | JsonAnswer>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage(make(id), transfer);
    });
  const asJson = (e: Envelope<unknown>): JsonAnswer => ({ status: 200, json: Buffer.from(JSON.stringify(e)) });
  const dispatch: Dispatch = async (op, input) => {
    if (state === 'gone') return lost('it is no longer running');
    const answer = await ask((id) => ({ type: 'request', id, op, input }));
    return 'json' in answer ? lost('it answered in the wrong form') : answer;
  };
  const dispatchJson = async (op: string, body: Uint8Array): Promise<JsonAnswer> => {
    if (state === 'gone') return asJson(lost('it is no longer running'));
    const answer = await ask((id) => ({ type: 'request-json', id, op, body }));
    return 'json' in answer ? answer : asJson(answer);
  };
  const failPending = (why: string) => {
    for (const resolve of pending.values()) resolve(lost(why));
    pending.clear();
  };

  return new Promise((resolveStart, rejectStart) => {
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'response' || msg.type === 'response-json') {
        pending.get(msg.id)?.(msg.type === 'response' ? msg.envelope : { status: msg.status, json: msg.json });
        pending.delete(msg.id);
      } else if (msg.type === 'ready') {
        state = 'open';
        resolveStart({
          dispatch,
          dispatchJson,
          path: msg.path,
          close: () => {
            if (state === 'gone') return Promise.resolve();
            state = 'closing';
            return new Promise<void>((resolve, reject) => {
              closed = (error) => (error ? reject(new Error(error)) : resolve());
              send({ type: 'close' });
            });
          },
        });
      } else if (msg.type === 'desk-password') {
        opts.onDeskPassword?.(msg.user, msg.password);
      } else if (msg.type === 'failed') {
        rejectStart(new Error(msg.message));
      } else {
        const done = closed;
        closed = null;
        void worker.terminate().then(() => done?.(msg.error));
      }
    });
    worker.on('error', (err) => {
      if (state === 'starting') rejectStart(err);
      else if (state === 'open') opts.onCrash?.(err);
      failPending(err.message);
    });
    worker.on('exit', (code) => {
      const was = state;
      state = 'gone';
      failPending(`exit code ${code}`);
      if (was === 'starting') rejectStart(new Error(`the workspace thread exited with code ${code} before the workspace was open`));
      else if (was === 'open') opts.onCrash?.(new Error(`the workspace thread exited with code ${code}`));
      // Closing: the 'closed' message resolved close(); a crash while closing still ends it.
      closed?.(`the workspace thread exited with code ${code} while closing`);
      closed = null;
    });
  });
}
