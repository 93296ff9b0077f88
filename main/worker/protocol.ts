/**
 * The one ordered message channel between the main thread (the window's IPC,
 * browser mode's HTTP) and the workspace worker, which owns the database and
 * runs the dispatcher. Requests are handled in the order they were posted,
 * as the transports handed them to the dispatcher before.
 */
import type { Envelope } from '../../shared/api/errors';

/** What the worker opens: the same options `startWorkspace` takes from the command line. */
export interface WorkerStart {
  file: string;
  sampleFile: string | null;
  nativeBinding?: string;
  /** Run the daily backup schedule in the worker (the app does; tests of one request need not). */
  dailyBackups: boolean;
  /** Sync with the desk, when one is set, every this many ms (null: never; the CLI and one-request tests). */
  deskSyncMs?: number | null;
  /** Desktop app: the desk passwords the OS credential store decrypted, by deskPasswordKey(user); absent in browser mode. */
  deskPasswords?: Record<string, string>;
}

export type ToWorker =
  | { type: 'request'; id: number; op: unknown; input: unknown }
  /** Browser mode: the raw JSON body in, the envelope as JSON bytes out, so neither parsing nor encoding runs on the main thread. */
  | { type: 'request-json'; id: number; op: string; body: Uint8Array }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; path: string }
  /** The workspace could not be opened; `message` is what the analyst is told. */
  | { type: 'failed'; message: string }
  | { type: 'response'; id: number; envelope: Envelope<unknown> }
  /** The answer to a request-json: the HTTP status and the envelope's JSON, its buffer transferred (not copied). */
  | { type: 'response-json'; id: number; status: number; json: Uint8Array }
  /** Every request answered, the daily backups stopped and the workspace closed (its lock released). */
  | { type: 'closed'; error: string | null }
  /**
   * The analyst gave a desk password (null: disconnected, so the stored one goes): the desktop app keeps it with the
   * OS credential store, as safeStorage runs on the main thread.
   */
  | { type: 'desk-password'; user: string; password: string | null };
