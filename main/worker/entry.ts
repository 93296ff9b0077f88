/**
 * The workspace worker (dist/main/workspaceWorker.cjs): opens the workspace,
 * runs the dispatcher and the daily backups, so that no query, backup, merge
 * or export runs on the main thread's event loop. See protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDispatch } from '../api/dispatch';
import type { Envelope } from '../../shared/api/errors';
import type { AppContext } from '../services/context';
import { scheduleDailyBackups } from '../services/backup';
import { startWorkspace } from '../services/workspace';
import { startBackgroundSync } from '../services/desk/background';
import { deskPasswordKey, usePasswordStore } from '../services/desk/connection';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

function serve(port: NonNullable<typeof parentPort>, start: WorkerStart): void {
  const post = (msg: FromWorker) => port.postMessage(msg);
  let ctx: AppContext;
  try {
    ctx = startWorkspace(start.file, { sampleFile: start.sampleFile, nativeBinding: start.nativeBinding });
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message });
    port.close();
    return;
  }
  const dispatch = createDispatch(ctx);
  const backups = start.dailyBackups ? scheduleDailyBackups(ctx) : null;
  const passwords = start.deskPasswords;
  if (passwords) {
    usePasswordStore({
      read: (user) => passwords[deskPasswordKey(user)] ?? null,
      write: (user, password) => {
        passwords[deskPasswordKey(user)] = password;
        post({ type: 'desk-password', user, password });
      },
      forget: (user) => {
        delete passwords[deskPasswordKey(user)];
        post({ type: 'desk-password', user, password: null });
      },
    });
  }
  const stopDesk = start.deskSyncMs ? startBackgroundSync(ctx, start.deskSyncMs) : null;
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const answer = async (id: number, op: unknown, input: unknown): Promise<void> => {
    const envelope = await dispatch(op, input);
    try {
      post({ type: 'response', id, envelope });
    } catch (err) {
      // A value that cannot cross threads is a bug in its handler; the caller still gets an answer.
      post({
        type: 'response',
        id,
        envelope: { ok: false, error: { code: 'INTERNAL', message: `Parley could not answer ${String(op)}: ${(err as Error).message}.` } },
      });
    }
  };

  /** The JSON side of browser mode, moved here from the HTTP handler: a body that is not JSON is answered 400, as before. */
  const answerJson = async (id: number, op: string, body: Uint8Array): Promise<void> => {
    let input: unknown;
    let status = 200;
    let envelope: Envelope<unknown>;
    try {
      input = body.length ? JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) : {};
      envelope = await dispatch(op, input);
    } catch {
      status = 400;
      envelope = { ok: false, error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' } };
    }
    const json = new Uint8Array(Buffer.from(JSON.stringify(envelope)));
    port.postMessage({ type: 'response-json', id, status, json } satisfies FromWorker, [json.buffer]);
  };

  const close = async (): Promise<void> => {
    closing = true;
    // Writes already asked for finish first (SIGTERM, the window closed): nothing accepted is lost.
    await Promise.allSettled([...inFlight]);
    stopDesk?.();
    await backups?.stop();
    let error: string | null = null;
    try {
      ctx.workspace.close();
    } catch (err) {
      error = (err as Error).message;
    }
    post({ type: 'closed', error });
    port.close();
  };

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'close') {
      if (!closing) void close();
      return;
    }
    if (closing) {
      post({
        type: 'response',
        id: msg.id,
        envelope: { ok: false, error: { code: 'INTERNAL', message: 'Parley is closing; nothing was saved.' } },
      });
      return;
    }
    const work = msg.type === 'request-json' ? answerJson(msg.id, msg.op, msg.body) : answer(msg.id, msg.op, msg.input);
    const done = work.finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  post({ type: 'ready', path: ctx.workspace.path });
}

if (!parentPort) throw new Error('workspaceWorker runs as a worker thread of Parley, not on its own.');
serve(parentPort, workerData as WorkerStart);
