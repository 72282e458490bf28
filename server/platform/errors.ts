import type { MessageCode } from './messages.ts';

/** A field at fault: the message is an error code, filled with `params` when its text names a value. */
export type ErrorDetail = { path: string; message: string; params?: Record<string, string> };

/** An error the API answers with a status, a code and a translated message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

/**
 * A record outside the caller's scope or missing; both look the same to the caller. `orgId` is the
 * organisation of a record that exists but lies outside the scope: the denial is audited under it, so
 * the director or coordinator of that organisation sees the attempt. It never reaches the response.
 */
export class NotFoundError extends AppError {
  constructor(
    readonly entityType?: string,
    readonly entityId?: string,
    readonly orgId?: string | null,
  ) {
    super(404, 'not_found');
  }
}

/** The caller may see the record but not do this to it; audited under the record's organisation. */
export class ForbiddenError extends AppError {
  constructor(
    readonly entityType?: string,
    readonly entityId?: string,
    readonly orgId?: string | null,
    code: MessageCode = 'forbidden',
    details?: { path: string; message: string }[],
  ) {
    super(403, code, details);
  }
}

export const badRequest = (code: MessageCode = 'bad_request', path?: string): AppError =>
  new AppError(400, code, path ? [{ path, message: code }] : undefined);
export const conflict = (code: MessageCode = 'conflict', path?: string): AppError =>
  new AppError(409, code, path ? [{ path, message: code }] : undefined);
