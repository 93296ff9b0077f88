/**
 * Error codes every operation may answer with. The renderer shows `message`
 * to the analyst as it is, so each message says what happened and what to do.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_LARGE',
  'WORKSPACE_LOCKED',
  'DISK_FULL',
  'READ_ONLY',
  'DAMAGED',
  'NEWER_SCHEMA',
  'UNKNOWN_OPERATION',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers and services; the dispatcher turns it into an error envelope. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}
