// Kept free of zod: the renderer's client imports this, and zod would otherwise land in its first chunk.

/** Every failure that crosses the contract carries one of these codes, so the UI can react without parsing text. */
export const errorCodes = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'PATH_OUTSIDE_WORKSPACE',
  'NOT_FOUND',
  'EXISTS',
  'CONFLICT',
  'NOT_A_FILE',
  'NOT_A_DIRECTORY',
  'READ_ONLY',
  'IO',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Thrown by services with a code the client understands; the router turns it into an error reply. */
export class KeelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeelError';
  }
}

/** Raised on the client side when a request was answered with an error reply. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly channel: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
